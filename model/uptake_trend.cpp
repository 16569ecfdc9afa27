#include "model/uptake_trend.hpp"

#include <cmath>
#include <numbers>

#include "model/random_draws.hpp"

namespace dayopps::model {

namespace {
// The parameter-draw stream's "year" for the trend's normals, apart from the calibrated parameters' 0, 1, ...
constexpr std::uint32_t kUptakeDrawSlot = 100;
}  // namespace

UptakeTrend uptake_trend(int first_year, std::vector<double> years_of_drift,
                         const std::array<double, kUptakeGroupCount>& drift,
                         const std::array<double, kUptakeGroupCount>& drift_sd, bool draw_per_replication) {
  UptakeTrend trend;
  trend.first_year = first_year;
  trend.years_of_drift = std::move(years_of_drift);
  trend.drift = drift;
  trend.drift_sd = drift_sd;
  trend.draw_per_replication = draw_per_replication;
  for (const double years : trend.years_of_drift) {
    std::array<double, kUptakeGroupCount> m{};
    for (std::size_t g = 0; g < m.size(); ++g) m[g] = std::exp(years * drift[g]);
    trend.multiplier.push_back(m);
  }
  return trend;
}

UptakeTrend uptake_for_replication(const UptakeTrend& trend, std::uint64_t master_seed, std::uint32_t replication) {
  if (!trend.draw_per_replication || trend.empty()) return trend;
  std::array<double, kUptakeGroupCount> drift = trend.drift;
  for (std::size_t g = 0; g < drift.size(); g += 2) {  // Box-Muller: two normals per Philox block
    const RandomWords w = random_words(master_seed, replication, kParameterDrawPerson,
                                       kUptakeDrawSlot + static_cast<std::uint32_t>(g), RandomEvent::parameter_draw);
    const double radius = std::sqrt(-2.0 * std::log(1.0 - uniform_01(w[0], w[1])));
    const double angle = 2.0 * std::numbers::pi * uniform_01(w[2], w[3]);
    drift[g] += trend.drift_sd[g] * radius * std::cos(angle);
    if (g + 1 < drift.size()) drift[g + 1] += trend.drift_sd[g + 1] * radius * std::sin(angle);
  }
  return uptake_trend(trend.first_year, trend.years_of_drift, drift, trend.drift_sd, true);
}

}  // namespace dayopps::model
