#pragma once
#include <filesystem>
#include <optional>
#include <vector>

#include "inputs/loaders/scenario.hpp"

namespace dayopps::cli {

// Exit codes, stated in --help.
enum ExitCode : int {
  kSuccess = 0,
  kRunFailed = 1,      // could not write results, or an internal error
  kBadInput = 2,       // bad scenario, data file or command line; nothing was written
  kChartsFailed = 3,   // results.h5 is complete, but the charts or the report could not be made
  kInterrupted = 130,  // SIGINT/SIGTERM; no results file was written
};

struct RunOptions {
  // One scenario: a single run. Several: a batch, compared with the first (the baseline) in one results.h5,
  // with summary.xlsx; every scenario takes the first's [run] settings so they share random numbers.
  std::vector<std::filesystem::path> scenario_files;
  bool independent_streams = false;  // batch only: each scenario its own seed (to show what pairing gains)
  inputs::ScenarioOverrides overrides;
  bool charts = true;
  bool quiet = false;
};

int run_command(const RunOptions& options);

// The scenario used when none is given: inputs/scenarios/birmingham-baseline.toml of the source tree.
std::filesystem::path default_scenario_file();

}  // namespace dayopps::cli
