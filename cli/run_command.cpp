#include "cli/run_command.hpp"

#include "cli/run_plan.hpp"
#include "cli/run_steps.hpp"
#include "outputs/build_info.hpp"

namespace dayopps::cli {

std::filesystem::path default_scenario_file() {
  return std::filesystem::path(outputs::source_dir()) / "inputs" / "scenarios" / "birmingham-baseline.toml";
}

// Plan, then execute: one scenario, a batch or several areas all take the same path (cli/run_plan.hpp).
int run_command(const RunOptions& options) {
  const std::filesystem::path first =
      options.scenario_files.empty() ? default_scenario_file() : options.scenario_files.front();
  RunPlan plan;
  int status = load_inputs([&] { plan = plan_run(options); }, first);
  status = worst_status_of_all_processes(status, plan.scenario.output_dir);
  if (status != kSuccess) return status;
  return execute_plan(options, plan);
}

}  // namespace dayopps::cli
