#pragma once
// One Monte Carlo replication: a pure function of (inputs, base population, master seed, replication).
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "model/cell_counts.hpp"
#include "model/population.hpp"
#include "model/projection_inputs.hpp"

namespace dayopps::model {

struct ReplicationOutput {
  YearCellCounts population;  // mid-year stock, base_year..horizon
  YearCellCounts deaths;      // flows, base_year+1..horizon (row = year the flow ends in)
  YearCellCounts additions;
  YearCellCounts removals;
};

// Throws Cancelled (runner.hpp) if *cancel becomes true; it is checked once a simulated year.
ReplicationOutput run_replication(const DemographyInputs& inputs, const Population& base_population,
                                  std::uint64_t master_seed, std::uint32_t replication,
                                  const std::atomic<bool>* cancel = nullptr);

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("run cancelled") {}
};

}  // namespace dayopps::model
