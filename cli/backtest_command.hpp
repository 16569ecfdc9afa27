#pragma once
#include <filesystem>
#include <optional>

namespace dayopps::cli {

struct BacktestOptions {
  std::filesystem::path settings_file;  // empty: inputs/parameters/forecast.toml
  std::filesystem::path output_dir = "runs/backtest";
  bool quiet = false;
};

// `dayopps backtest`: fits the uptake trend pooled over the national panel, scores forecasts from each council's
// latest count on held-out years beside the naive one, forecasts the focus council, and writes the tables and
// backtest.md to the output folder (each file whole or not at all).
int backtest_command(const BacktestOptions& options);

}  // namespace dayopps::cli
