#pragma once
// The results file of a multi-area run (layout: docs/results-format.md, "Multi-area runs"): every area's
// groups under /areas/<code>/, in the layout of a single run, and /region with the areas side by side and
// their sum, replication by replication.
#include <cstdint>
#include <string>
#include <vector>

#include "model/runner.hpp"
#include "outputs/results_builder.hpp"

namespace dayopps::outputs {

struct AreaRun {
  const model::ProjectionResult* projection = nullptr;
  RunRecord record;  // the area's own: its code, name, derived seed and resolved scenario
};

struct AreasRecord {
  std::string scenario_name, scenario_description, scenario_toml;
  std::uint64_t master_seed = 0;      // the run's; each area's own seed is derived from it (model/seeds.hpp)
  std::string population_projection;  // the file the areas come from
  int threads = 1;
  int processes = 1;
  std::string started_utc, finished_utc;
};

// Throws std::invalid_argument if the runs do not share years and replications.
ResultsDocument build_areas_document(const std::vector<AreaRun>& runs, const AreasRecord& record);

}  // namespace dayopps::outputs
