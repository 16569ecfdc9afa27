#pragma once
// What the results file records about a run (outputs::RunRecord), gathered from its scenario and inputs.
#include <string>

#include "assembly/run_inputs.hpp"
#include "inputs/loaders/scenario.hpp"
#include "outputs/results_builder.hpp"

namespace dayopps::cli {

// The run's provenance record for the results file: scenario, inputs, assumptions, parameters, targets, and
// how it ran (threads, this job's process count, `started_utc` and now as the finishing time).
outputs::RunRecord make_run_record(const inputs::Scenario& scenario, const assembly::RunInputs& run_inputs, int threads,
                                   const std::string& started_utc);

}  // namespace dayopps::cli
