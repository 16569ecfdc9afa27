#pragma once
// One Monte Carlo replication: a pure function of (inputs, base population, master seed, replication).
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "model/care_need_status.hpp"
#include "model/cell_counts.hpp"
#include "model/population.hpp"
#include "model/projection_inputs.hpp"

namespace dayopps::model {

// Counts by condition level and cell, one row per year: column = level * kCellCount + cell.
using CountsByYearConditionCell =
    Eigen::Array<std::int32_t, Eigen::Dynamic, kConditionLevelCount * kCellCount, Eigen::RowMajor>;

struct ReplicationOutput {
  YearCellCounts population;  // mid-year stock, base_year..horizon
  YearCellCounts deaths;      // flows, base_year+1..horizon (row = year the flow ends in)
  YearCellCounts additions;
  YearCellCounts removals;
  // Only when care need is simulated (otherwise 0 rows):
  CountsByYearConditionCell people_with_condition;  // mid-year stock, base_year..horizon
  CountsByYearConditionCell deaths_with_condition;  // flows, base_year+1..horizon
};

// Throws Cancelled (runner.hpp) if *cancel becomes true; it is checked once a simulated year.
ReplicationOutput run_replication(const ProjectionInputs& inputs, const Population& base_population,
                                  std::uint64_t master_seed, std::uint32_t replication,
                                  const std::atomic<bool>* cancel = nullptr);

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("run cancelled") {}
};

}  // namespace dayopps::model
