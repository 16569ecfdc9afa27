#pragma once
// What was observed, as plain data for the fit: counts of day-service use (the shape of the tables
// councils already publish or hold) and engagement tallies of stated preferences. Read and validated by
// inputs/loaders/usage_data; formats in inputs/data/README-usage.md.
#include <array>
#include <string>
#include <tuple>
#include <vector>

#include "inputs/loaders/input_error.hpp"
#include "model/population.hpp"

namespace dayopps::inputs {

enum class UsageMeasure : int {
  users = 0,         // people using the service at mid-year (a stock)
  starters = 1,      // people who started it in the year to mid-year (a flow)
  leavers = 2,       // people who left it, alive, in the year to mid-year (a flow)
  centre_users = 3,  // people attending one council centre at mid-year (a stock)
};
inline constexpr std::array<const char*, 4> kUsageMeasureNames = {"users", "starters", "leavers", "centre_users"};

inline constexpr int kAll = -1;  // a dimension summed over (service, support reason, age group, centre)

struct UsageObservation {
  int year = 0;
  UsageMeasure measure = UsageMeasure::users;
  int service = kAll;         // model::Service index (1..), or kAll
  int centre = kAll;          // index of the council centre (centre_users only)
  int support_reason = kAll;  // model::SupportReason index (1..), or kAll
  int age_group = kAll;       // 0: adulthood to 64, 1: 65 and over, or kAll
  double count = 0.0;
  std::string label;  // e.g. "users, internal_day_centre, all reasons, all ages"
  std::string source;
  std::string where;       // file:line, for messages
  InputLocation count_at;  // the count's cell, for errors found after loading (e.g. more users than people)
};

// What makes two counts the same count: year, measure, service, centre, support reason, age group.
inline auto usage_key(const UsageObservation& o) {
  return std::make_tuple(o.year, static_cast<int>(o.measure), o.service, o.centre, o.support_reason, o.age_group);
}

// Respondents preferring each service, summed over questions and groups (options that are not services
// are counted apart: they inform nothing).
struct EngagementPrior {
  std::array<double, model::kServiceCount> respondents{};  // index Service; [0] unused
  double respondents_other = 0.0;
  std::vector<std::string> sources;
  double total() const {
    double t = 0.0;
    for (std::size_t s = 1; s < respondents.size(); ++s) t += respondents[s];
    return t;
  }
};

}  // namespace dayopps::inputs
