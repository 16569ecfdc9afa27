#pragma once
#include <filesystem>
#include <optional>

#include "inputs/loaders/scenario.hpp"

namespace dayopps::cli {

struct CalibrateOptions {
  std::filesystem::path scenario_file;  // empty: the Birmingham baseline
  std::optional<std::filesystem::path> output_dir;
  std::optional<int> replications;
  std::optional<int> threads;
  std::optional<std::string> areas;  // --areas: "all" or codes separated by commas (a multi-area scenario's)
  // Fit data simulated from known parameters on the scenario's own population (the method check the
  // issue asks for where real series are too short), holding out the last years for the backcast.
  bool synthetic_truth = false;
  bool charts = true;
  bool quiet = false;
};

// `dayopps calibrate`: fits the scenario's [calibration] free parameters to its usage (and engagement)
// data, writes calibrated_parameters.toml and the fit report in the output folder.
int calibrate_command(const CalibrateOptions& options);

}  // namespace dayopps::cli
