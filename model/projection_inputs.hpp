#pragma once
// Everything one projection needs, as plain typed data. Built and validated by the inputs layer.
#include <cstdint>
#include <optional>

#include "model/care_need_rates.hpp"
#include "model/cell_counts.hpp"
#include "model/cost_rates.hpp"
#include "model/free_parameters.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

struct ProjectionInputs {
  int base_year = 0;
  int horizon = 0;
  // People per cell and mid-year, integers, covering base_year..horizon. The base-year row is the starting
  // population; later rows are the alignment targets (the integerised population projection).
  YearCellCounts people;
  // Probability of dying within the year, by cell at the start of the year (dimensionless, 0..1).
  RatesByCell annual_death_probability;
  // Care-need conditions; without them the model simulates the population only.
  std::optional<CareNeedRates> care_need;
  // Day-opportunity services (needs care_need: services are used by people with a support reason).
  std::optional<ServiceRates> services;
  // Unit costs of the services (needs services).
  std::optional<CostRates> costs;
  // Calibrated departures from the derived rates above (needs services): applied in every replication,
  // drawn per replication when the calibration says so. Absent: the derived rates as they are.
  std::optional<CalibratedParameters> calibrated;
};

struct RunSettings {
  int replications = 1;
  std::uint64_t master_seed = 0;
  int threads = 1;  // worker threads; results do not depend on it
  // This process runs replications share_index, share_index + share_count, ... (the others' slots stay
  // empty): how MPI ranks split a run. Each replication is a pure function of (inputs, seed, number), so the
  // split changes nothing in the results.
  int share_index = 0;
  int share_count = 1;
};

// How many replications the share of `settings` holds.
int replications_in_share(const RunSettings& settings);
// The share (process) that runs replication `replication`.
inline int share_running(const RunSettings& settings, int replication) { return replication % settings.share_count; }
// Whether replication `replication` belongs to the share of `settings`.
inline bool in_share(const RunSettings& settings, int replication) {
  return share_running(settings, replication) == settings.share_index;
}

// Throws std::invalid_argument naming what is wrong (years not covered, rates outside [0, 1], ...).
void validate(const ProjectionInputs& inputs, const RunSettings& settings);

}  // namespace dayopps::model
