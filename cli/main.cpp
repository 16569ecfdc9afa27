// dayopps command line: parses arguments and hands over to the commands. Every failure ends with a
// one-line reason on stderr and a non-zero exit code (see --help).
#include <CLI/CLI.hpp>

#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>

#include "cli/backtest_command.hpp"
#include "cli/calibrate_command.hpp"
#include "cli/processes.hpp"
#include "cli/run_command.hpp"
#include "cli/stop_signals.hpp"
#include "model/seeds.hpp"
#include "outputs/build_info.hpp"

int main(int argc, char** argv) {
  using namespace dayopps;
  const cli::StopSignals stop_signals;            // before MPI starts its threads, so that they inherit the mask
  const cli::ProcessGroup processes(argc, argv);  // MPI ranks in the MPI build; one process otherwise
  CLI::App app{
      "dayopps forecasts demand for adult social care day opportunities with a dynamic microsimulation: one\n"
      "record per resident, simulated year by year from ONS population data, written to one HDF5 file with charts.\n"
      "\n"
      "Start with:  dayopps run            (the Birmingham baseline, " +
          cli::default_scenario_file().string() +
          ")\n"
          "             dayopps run my.toml    (your own scenario; see inputs/scenarios/README.md)\n"
          "             dayopps run base.toml a.toml b.toml -o runs/study   (a batch: savings against base.toml)\n"
          "             dayopps calibrate      (fit to the usage data; then dayopps run --calibration FILE)\n"
          "             dayopps backtest       (the uptake trend pooled over England, scored on held-out years)\n"
          "\n"
          "Exit codes:\n"
          "  0    success\n"
          "  1    the run failed (e.g. results could not be written); earlier results untouched\n"
          "  2    bad input or command line (file, line and field named); nothing written\n"
          "  3    results written, but the charts or the report failed\n"
          "  130  interrupted (Ctrl-C or SIGTERM), every helper process stopped and temporary files removed:\n"
          "       before results.h5 was written, nothing written; while drawing charts, results.h5 is complete\n"
          "       and the charts and report may not be",
      "dayopps"};
  app.set_version_flag("--version",
                       std::string(outputs::dayopps_version()) + " (" + std::string(outputs::git_commit()) + ")");
  app.require_subcommand(1);

  cli::RunOptions options;
  CLI::App* run =
      app.add_subcommand("run", "Run a scenario: simulate, write <output_dir>/results.h5, then charts and report.html");
  run->add_option("scenario", options.scenario_files,
                  "Scenario file(s) (TOML); default: the Birmingham baseline. Several files make a batch: each is "
                  "compared with the first (the baseline) in one results.h5, plus summary.xlsx; all take the first's "
                  "[run] settings");
  int replications = 0, threads = -1, horizon = 0;
  std::string seed;  // parsed below: the option parser would clamp a value beyond 2^63-1 silently
  std::string output_dir;
  run->add_option("-r,--replications", replications,
                  "Override [run] replications (1 to 10000, and no more than the results of all scenarios fit in 3/4 "
                  "of memory: about 2 MB per replication per scenario to 2040)");
  run->add_option("-s,--seed", seed, "Override [run] master_seed (0 to 2^63-1)");
  run->add_option("-t,--threads", threads,
                  "Override [run] threads (0 = all cores, shared among the MPI processes on a machine; results do not "
                  "depend on it)");
  run->add_option("--horizon", horizon, "Override [scenario] horizon, the last year (within the projection)");
  run->add_option("-o,--output", output_dir, "Override [run] output_dir (created if missing)");
  std::string areas;
  run->add_option("--areas", areas,
                  "Run several areas of the scenario's population projection in one job, each its own group of "
                  "results.h5 and /region their sum: area codes separated by commas, or \"all\" (overrides "
                  "[scenario] area_code/areas; with day services, each area needs its own usage counts and its own "
                  "calibrated parameters: see --calibration)");
  run->add_flag("--independent-streams", options.independent_streams,
                "Batch only: give each scenario its own seed instead of the baseline's (wider savings intervals; "
                "for checking what common random numbers gain)");
  bool no_charts = false;
  run->add_flag("--no-charts", no_charts, "Write results.h5 only; skip the charts and the HTML report");
  run->add_flag("-q,--quiet", options.quiet, "No progress lines on stderr (errors are still reported)");
  std::string calibration_file;
  run->add_option("--calibration", calibration_file,
                  "Calibrated parameters written by `dayopps calibrate` (overrides [inputs] calibrated_parameters); "
                  "refused if calibrated on other inputs. `none`: the derived, uncalibrated rates. With several "
                  "areas, write {area_code} where each area's code goes (dir/{area_code}/calibrated_parameters.toml)");
  run->add_flag("--parameter-uncertainty", options.overrides.parameter_uncertainty,
                "Draw each replication's parameters from the calibrated distribution, so intervals carry parameter "
                "uncertainty as well as Monte Carlo noise (recorded in results.h5 /parameters)");

  cli::CalibrateOptions calibrate_options;
  CLI::App* calibrate = app.add_subcommand(
      "calibrate",
      "Fit the scenario's [calibration] free parameters to its usage and engagement data; write "
      "calibrated_parameters.toml and the fit report (tables, charts, fit_report.md) in [calibration] output_dir");
  calibrate->add_option("scenario", calibrate_options.scenario_file,
                        "Scenario file with [calibration] and [inputs] usage; default: the Birmingham baseline");
  std::string calibrate_output;
  int calibrate_replications = 0, calibrate_threads = 0;
  calibrate->add_option("-o,--output", calibrate_output, "Override [calibration] output_dir");
  calibrate->add_option("-r,--replications", calibrate_replications,
                        "Override [calibration] replications per evaluation (1 to 1000)");
  calibrate->add_option("-t,--threads", calibrate_threads, "Override [run] threads (0 = all cores)");
  std::string calibrate_areas;
  calibrate->add_option("--areas", calibrate_areas,
                        "Fit only these areas of a multi-area scenario (codes separated by commas, or \"all\"), each "
                        "into output_dir/<code>/");
  calibrate->add_flag("--synthetic-truth", calibrate_options.synthetic_truth,
                      "Method check: fit counts simulated from known parameters on the scenario's population, hold out "
                      "the last 3 of 8 years, and report recovery and the backcast error (the file it writes cannot be "
                      "used by run)");
  calibrate->add_flag(
      "--no-charts", [&](std::int64_t) { calibrate_options.charts = false; },
      "Write the tables only; skip the charts and fit_report.md");
  calibrate->add_flag("-q,--quiet", calibrate_options.quiet, "No progress lines on stderr");

  cli::BacktestOptions backtest_options;
  CLI::App* backtest = app.add_subcommand(
      "backtest",
      "Fit the day-care uptake trend pooled over every English council, score forecasts from each council's latest "
      "count on held-out years beside the naive one, and write the tables and backtest.md");
  backtest->add_option("settings", backtest_options.settings_file,
                       "Forecast settings (TOML); default: inputs/parameters/forecast.toml");
  std::string backtest_output;
  backtest->add_option("-o,--output", backtest_output, "Output folder (default runs/backtest; created if missing)");
  backtest->add_flag("-q,--quiet", backtest_options.quiet, "No progress lines on stderr");

  // `--output=` reaches CLI11 as an option without a value, which it would take as absent: refuse it here.
  for (int k = 1; k < argc; ++k) {
    const std::string_view arg = argv[k];
    for (const std::string_view option : {"--output=", "-o=", "--calibration="}) {
      if (arg != option) continue;
      if (cli::is_main_process())
        std::fprintf(stderr, "dayopps: error: command line: field '%.*s': names no file or folder\n",
                     static_cast<int>(option.size() - 1), option.data());
      return cli::kBadInput;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return cli::is_main_process() ? app.exit(e) : 0;  // --help, --version
    if (cli::is_main_process()) std::fprintf(stderr, "dayopps: error: %s (see dayopps --help)\n", e.what());
    return cli::kBadInput;
  }

  // An option that names a file or folder, given an empty value (`--output=`, `--calibration ""`), is a slip:
  // running as if it were absent would write somewhere else or read something else than asked.
  const auto names_nothing = [&](const CLI::App* command, const char* option, const std::string& value,
                                 const char* what) {
    if (!command->parsed() || command->count(option) == 0 || !value.empty()) return false;
    if (cli::is_main_process())
      std::fprintf(stderr, "dayopps: error: command line: field '%s': names no %s\n", option, what);
    return true;
  };
  if (names_nothing(run, "--output", output_dir, "folder") ||
      names_nothing(run, "--calibration", calibration_file, "file (\"none\" runs the derived rates)") ||
      names_nothing(calibrate, "--output", calibrate_output, "folder") ||
      names_nothing(backtest, "--output", backtest_output, "folder"))
    return cli::kBadInput;
  for (const std::filesystem::path& file : options.scenario_files) {
    if (!file.empty()) continue;
    if (cli::is_main_process()) std::fprintf(stderr, "dayopps: error: command line: a scenario file name is empty\n");
    return cli::kBadInput;
  }
  if (calibrate->parsed() && calibrate_options.scenario_file.empty() && calibrate->count("scenario") > 0) {
    if (cli::is_main_process()) std::fprintf(stderr, "dayopps: error: command line: a scenario file name is empty\n");
    return cli::kBadInput;
  }

  if (backtest->parsed()) {
    if (backtest->count("settings") > 0 && backtest_options.settings_file.empty()) {
      if (cli::is_main_process())
        std::fprintf(stderr, "dayopps: error: command line: the settings file name is empty\n");
      return cli::kBadInput;
    }
    if (cli::process_count() > 1) {
      if (cli::is_main_process())
        std::fprintf(stderr, "dayopps: error: backtest runs in one process: run it without mpirun\n");
      return cli::kBadInput;
    }
    if (backtest->count("--output")) backtest_options.output_dir = backtest_output;
    return cli::backtest_command(backtest_options);
  }
  if (calibrate->parsed()) {
    if (cli::process_count() > 1) {
      // The fit's evaluations depend on each other; splitting them over ranks would gain nothing.
      if (cli::is_main_process())
        std::fprintf(stderr, "dayopps: error: calibrate runs in one process: run it without mpirun\n");
      return cli::kBadInput;
    }
    if (calibrate->count("--output")) calibrate_options.output_dir = calibrate_output;
    if (calibrate->count("--replications")) calibrate_options.replications = calibrate_replications;
    if (calibrate->count("--threads")) calibrate_options.threads = calibrate_threads;
    if (calibrate->count("--areas")) calibrate_options.areas = calibrate_areas;
    return cli::calibrate_command(calibrate_options);
  }
  if (run->count("--calibration")) options.overrides.calibrated_parameters = calibration_file;
  if (run->count("--replications")) options.overrides.replications = replications;
  if (run->count("--threads")) options.overrides.threads = threads;
  if (run->count("--horizon")) options.overrides.horizon = horizon;
  if (run->count("--output")) options.overrides.output_dir = output_dir;
  if (run->count("--areas")) options.overrides.areas = areas;
  if (run->count("--seed")) {
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(seed.data(), seed.data() + seed.size(), value);
    if (seed.empty() || error != std::errc() || end != seed.data() + seed.size() || value > model::kMaxSeed) {
      if (cli::is_main_process()) {
        std::fprintf(stderr,
                     "dayopps: error: command line: field '--seed': '%s' is not a whole number from 0 to 2^63-1\n",
                     seed.c_str());
      }
      return cli::kBadInput;
    }
    options.overrides.master_seed = value;
  }
  options.charts = !no_charts;
  return cli::run_command(options);
}
