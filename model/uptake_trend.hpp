#pragma once
// How the uptake of day services moves after the base year (docs/model.md, "Forecast"): every start probability
// of year t is multiplied by the multiplier of the person's trend group, the pooled drift of day care per head
// carried as the scenario's trend choice says (forecast/). Empty: no trend, every multiplier 1.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace dayopps::model {

// The client groups of the day-care returns the trend is fitted to.
enum class UptakeGroup : std::uint8_t {
  learning_disability_18_64 = 0,  // learning disability or autism, adulthood to 64
  physical_disability_18_64 = 1,  // physical support, adulthood to 64
  older_people = 2,               // everyone 65 and over, and dementia at any age (costed as older people too)
};
inline constexpr int kUptakeGroupCount = 3;

struct UptakeTrend {
  int first_year = 0;                                             // the year of multiplier[0]
  std::vector<std::array<double, kUptakeGroupCount>> multiplier;  // by year from first_year, each > 0
  // What the multipliers are made of: multiplier[k][g] = exp(years_of_drift[k] × drift[g]), with the drift's
  // standard deviation for drawing each replication's own (parameter uncertainty: uptake_for_replication).
  std::vector<double> years_of_drift;  // by year from first_year
  std::array<double, kUptakeGroupCount> drift{}, drift_sd{};
  bool draw_per_replication = false;

  double at(int year, UptakeGroup group) const {
    const long k = static_cast<long>(year) - first_year;
    if (k < 0 || k >= static_cast<long>(multiplier.size())) return 1.0;
    return multiplier[static_cast<std::size_t>(k)][static_cast<std::size_t>(group)];
  }
  std::array<double, kUptakeGroupCount> in(int year) const {
    return {at(year, UptakeGroup::learning_disability_18_64), at(year, UptakeGroup::physical_disability_18_64),
            at(year, UptakeGroup::older_people)};
  }
  bool empty() const { return multiplier.empty(); }
};

// The trend of years_of_drift at these drifts (log uptake a year, by group).
UptakeTrend uptake_trend(int first_year, std::vector<double> years_of_drift,
                         const std::array<double, kUptakeGroupCount>& drift,
                         const std::array<double, kUptakeGroupCount>& drift_sd, bool draw_per_replication);

// One replication's trend: with draw_per_replication, each group's drift drawn from N(drift, drift_sd²) on the
// replication's own stream (RandomEvent::parameter_draw), so the interval widens with the years of drift; else `trend`.
UptakeTrend uptake_for_replication(const UptakeTrend& trend, std::uint64_t master_seed, std::uint32_t replication);

}  // namespace dayopps::model
