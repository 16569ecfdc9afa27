#pragma once
// Per-replication variables and their `_summary` twins (mean and 5th/50th/95th percentiles across
// replications), as every results group writes them.
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "outputs/replication_summary.hpp"
#include "outputs/result_dimensions.hpp"

namespace dayopps::outputs {

// Adds `name` over (replication, …) and `name_summary` over (statistic, …).
template <typename T>
void add_with_summary(Group& group, const std::string& name, std::vector<std::string> dimensions, std::vector<T> data,
                      std::size_t replications, const std::string& long_name, const std::string& units) {
  std::vector<double> summary = summarise_replications(std::span<const T>(data), replications);
  group.variables.push_back({name, dimensions, std::move(data), described(long_name, units)});
  dimensions.front() = "statistic";
  group.variables.push_back({name + "_summary", std::move(dimensions), std::move(summary),
                             described(long_name + ": mean and 5th/50th/95th percentiles across replications", units)});
}

// One table per item of `leading` (a scenario, an area), each (replication, cell_dimensions…): adds `name`
// over (leading, replication, …) and `name_summary` over (leading, statistic, …).
template <typename T>
void add_stacked(Group& group, const std::string& leading, const std::string& name,
                 const std::vector<std::string>& cell_dimensions, const std::vector<std::vector<T>>& per_item,
                 std::size_t replications, const std::string& long_name, const std::string& units) {
  std::vector<T> stacked;
  std::vector<double> summary;
  for (const std::vector<T>& values : per_item) {
    stacked.insert(stacked.end(), values.begin(), values.end());
    const std::vector<double> s = summarise_replications(std::span<const T>(values), replications);
    summary.insert(summary.end(), s.begin(), s.end());
  }
  std::vector<std::string> dimensions = {leading, "replication"};
  dimensions.insert(dimensions.end(), cell_dimensions.begin(), cell_dimensions.end());
  group.variables.push_back({name, dimensions, std::move(stacked), described(long_name, units)});
  dimensions[1] = "statistic";
  group.variables.push_back({name + "_summary", dimensions, std::move(summary),
                             described(long_name + ": mean and 5th/50th/95th percentiles across replications", units)});
}

}  // namespace dayopps::outputs
