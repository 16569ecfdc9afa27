#pragma once
// One path for every run, planned then executed. Whatever was asked (one scenario, a batch of scenarios compared
// with the first, or several areas of one scenario), plan_run resolves the scenario files, command-line overrides,
// areas and seeds into the units to simulate, each with its validated inputs and its seed; execute_plan simulates
// every unit on the threads and MPI ranks, writes the one results file (with summary.xlsx for a batch, or for
// areas with services), and draws the charts and report.
#include <cstdint>
#include <vector>

#include "assembly/run_inputs.hpp"
#include "cli/run_command.hpp"
#include "inputs/loaders/scenario.hpp"

namespace dayopps::cli {

enum class RunLayout { single, batch, areas };

// One simulated unit: a scenario, a scenario of a batch, or an area.
struct PlannedUnit {
  inputs::Scenario scenario;  // as resolved (a batch scenario with the baseline's [run] settings; an area's own)
  assembly::RunInputs inputs;
  std::uint64_t seed = 0;  // model::unit_seed
};

struct RunPlan {
  RunLayout layout = RunLayout::single;
  inputs::Scenario scenario;  // as asked: the single scenario, the baseline of a batch, the multi-area scenario
  std::vector<PlannedUnit> units;
  bool independent_streams = false;  // batch: each scenario its own seed
  bool services() const { return !units.empty() && units.front().inputs.model_inputs.services.has_value(); }
};

// Reads and checks everything the run needs; throws inputs::InputError naming the file, line and field.
RunPlan plan_run(const RunOptions& options);

// The areas of a multi-area scenario as units: the projection file read once, each area's scenario
// (scenario_for_area) with its inputs and seed. Used by plan_run and by `dayopps calibrate`.
std::vector<PlannedUnit> plan_areas(const inputs::Scenario& scenario);

// Simulates, writes and draws the plan; returns the exit code (run_command.hpp).
int execute_plan(const RunOptions& options, const RunPlan& plan);

}  // namespace dayopps::cli
