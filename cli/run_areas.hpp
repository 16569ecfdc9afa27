#pragma once
#include "cli/run_command.hpp"
#include "inputs/loaders/scenario.hpp"

namespace dayopps::cli {

// A scenario over several areas of its population projection ([scenario] areas or --areas): each area is
// simulated on its own with its own seed, and all go into one results.h5 (/areas/<code>/ and /region).
// Replications of every area are shared among the processes as in a single run.
int run_areas(const RunOptions& options, const inputs::Scenario& scenario);

}  // namespace dayopps::cli
