#pragma once
// What is refused before any simulating: results that would not fit in memory, an output folder that cannot
// be written.
#include <filesystem>
#include <vector>

#include "assembly/run_inputs.hpp"

namespace dayopps::cli {

// Checks made before simulating, by process 0 (the one that writes): memory for the results of every run and
// a writable output folder. Returns the exit status, after printing why.
int check_before_simulating(const std::vector<const assembly::RunInputs*>& runs, int replications,
                            const std::filesystem::path& output_dir);

}  // namespace dayopps::cli
