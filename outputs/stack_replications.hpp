#pragma once
// One table of every replication, stacked: (replication, the table's own dimensions…), row-major.
#include <cstdint>
#include <vector>

#include "model/runner.hpp"

namespace dayopps::outputs {

// `select` returns a replication's table: an Eigen array of counts, row-major.
template <typename Select>
std::vector<std::int32_t> stack_replications(const model::ProjectionResult& projection, Select select) {
  std::vector<std::int32_t> stacked;
  for (const model::ReplicationOutput& replication : projection.replications) {
    const auto& table = select(replication);
    stacked.insert(stacked.end(), table.data(), table.data() + table.size());
  }
  return stacked;
}

}  // namespace dayopps::outputs
