#pragma once
// One Monte Carlo replication: a pure function of (inputs, base population, master seed, replication).
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "model/care_need_status.hpp"
#include "model/cell_counts.hpp"
#include "model/population.hpp"
#include "model/projection_inputs.hpp"
#include "model/services_step.hpp"

namespace dayopps::model {

// Counts by condition level and cell, one row per year: column = level * kCellCount + cell.
using CountsByYearConditionCell =
    Eigen::Array<std::int32_t, Eigen::Dynamic, kConditionLevelCount * kCellCount, Eigen::RowMajor>;

// Any other per-year table, row-major: one row per year.
using CountsTable = Eigen::Array<std::int32_t, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Column of a (service, support reason, cell) table.
constexpr int service_reason_cell(int service, int reason, int cell) {
  return (service * kSupportReasonCount + reason) * kCellCount + cell;
}
inline constexpr int kServiceReasonCellCount = kServiceCount * kSupportReasonCount * kCellCount;

struct ReplicationOutput {
  YearCellCounts population;  // mid-year stock, base_year..horizon
  YearCellCounts deaths;      // flows, base_year+1..horizon (row = year the flow ends in)
  YearCellCounts additions;
  YearCellCounts removals;
  // Only when care need is simulated (otherwise 0 rows):
  CountsByYearConditionCell people_with_condition;  // mid-year stock, base_year..horizon
  CountsByYearConditionCell deaths_with_condition;  // flows, base_year+1..horizon
  // Only when services are simulated (otherwise 0 rows). Stocks by (service, support reason, cell):
  CountsTable service_users;    // people using each service at mid-year
  CountsTable service_demand;   // people who chose each service (using it, waiting, or in a fallback)
  CountsTable service_waiting;  // people waiting for their chosen service with no service meanwhile
  // Flows by (service, support reason), base_year+1..horizon:
  CountsTable service_starters;
  CountsTable service_leavers;
  CountsTable service_user_deaths;
  CountsTable service_user_moves;  // users removed by alignment (moved away)
  CountsTable centre_users;        // people at each internal centre at mid-year (column = centre)
  CountsTable service_unmet;       // by (wanted service, reason, cell): waiting or in a fallback
  CountsTable people_affected;     // flows by (AffectedMeasure, reason, cell): affected_index
  // The calibrated parameter values this replication used (neutral values when not calibrated).
  FreeParameterValues parameters{};
  // Only with costs: £ by financial year (rows: base_year+1/+2 .. horizon/+1) and service (columns).
  Eigen::ArrayXXd service_cost;
};

// Bytes held by one replication's output for these inputs (the sum of its tables' sizes): lets the edge
// refuse a request whose results would not fit in memory before simulating anything.
std::size_t replication_output_bytes(const ProjectionInputs& inputs);

// Throws Cancelled (runner.hpp) if *cancel becomes true; it is checked once a simulated year.
ReplicationOutput run_replication(const ProjectionInputs& inputs, const Population& base_population,
                                  std::uint64_t master_seed, std::uint32_t replication,
                                  const std::atomic<bool>* cancel = nullptr);

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("run cancelled") {}
};

}  // namespace dayopps::model
