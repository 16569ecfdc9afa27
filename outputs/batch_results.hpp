#pragma once
// The results file of a batch of scenarios (layout: docs/results-format.md, "Scenario batches"): every
// scenario's groups under /scenarios/<name>/, in the layout of a single run, and /comparison with each
// scenario against the baseline (the first scenario), replication by replication.
#include <string>
#include <vector>

#include "model/runner.hpp"
#include "outputs/results_builder.hpp"
#include "outputs/scenario_comparison.hpp"

namespace dayopps::outputs {

struct ScenarioRun {
  const model::ProjectionResult* projection = nullptr;
  RunRecord record;
  ComparisonSettings settings;  // the scenario's own discount rate and cut-off year
};

struct BatchRecord {
  std::string random_numbers = "common";  // "common" or "independent" (each scenario its own seed)
  std::string started_utc, finished_utc;
};

// runs[0] is the baseline. Throws std::invalid_argument if the runs cannot be compared.
ResultsDocument build_batch_document(const std::vector<ScenarioRun>& runs, const BatchRecord& batch);

}  // namespace dayopps::outputs
