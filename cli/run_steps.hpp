#pragma once
// The steps every kind of run shares (one scenario, a batch of scenarios, several areas): loading checks,
// simulating under a cancel request, agreeing across processes, progress, timing and charts.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <unistd.h>  // isatty: progress redraws one line on a terminal only

#include "assembly/run_inputs.hpp"
#include "cli/processes.hpp"
#include "cli/run_command.hpp"
#include "cli/stop_signals.hpp"
#include "model/replication.hpp"
#include "model/runner.hpp"
#include "outputs/results_builder.hpp"

namespace dayopps::cli {

std::string utc_now();
void print_error(const std::exception& e);

// Progress on stderr: a line rewritten in place on a terminal, a few plain lines in a log.
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), terminal_(::isatty(STDERR_FILENO) != 0) {}
  void operator()(int finished, int total) {
    if (quiet_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const int percent = 100 * finished / total;
    if (terminal_) {
      std::fprintf(stderr, "\rdayopps: replication %d/%d (%d%%), %.1f s", finished, total, percent, seconds);
      if (finished == total) std::fputc('\n', stderr);
    } else if (percent >= next_percent_ || finished == total) {
      std::fprintf(stderr, "dayopps: replication %d/%d (%d%%), %.1f s\n", finished, total, percent, seconds);
      next_percent_ = (percent / 25 + 1) * 25;
    }
  }

 private:
  bool quiet_;
  bool terminal_;
  int next_percent_ = 25;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

// The run's provenance record for the results file: scenario, inputs, assumptions, parameters, targets, and
// how it ran (threads, this job's process count, `started_utc` and now as the finishing time).
outputs::RunRecord make_run_record(const inputs::Scenario& scenario, const assembly::RunInputs& run_inputs, int threads,
                                   const std::string& started_utc);

// Writes `document` to `results` through a temporary file, renamed into place unless a stop was requested.
void write_results_file(const outputs::ResultsDocument& document, const std::filesystem::path& results);

// The Python that draws charts and reports: DAYOPPS_PYTHON, else Debian's /usr/bin/python3.
std::string chart_python();

// Removes what an interrupted chart or report step may leave in `folder` (temporary chart files, the
// report's working folder).
void remove_temporary_chart_files(const std::filesystem::path& folder);

// Draws the charts and (with `report`) the notebook report of `results` into `folder`; returns kSuccess or
// kChartsFailed.
int make_charts(const std::filesystem::path& results, const std::filesystem::path& folder, bool quiet,
                bool report = true);

// Checks made before simulating, by process 0 (the one that writes): memory for the results of every run and
// a writable output folder. Returns the exit status, after printing why.
int check_before_simulating(const std::vector<const assembly::RunInputs*>& runs, int replications,
                            const std::filesystem::path& output_dir);

// Runs `load` (reading, validating and deriving a run's inputs) and returns kSuccess, or kBadInput after printing
// why: an InputError names its file, line and field; any other exception (which a loader should have turned into
// one) is still reported against the scenario file, never left to abort the program.
template <typename Load>
int load_inputs(Load&& load, const std::filesystem::path& scenario_file) {
  try {
    load();
  } catch (const inputs::InputError& e) {
    if (is_main_process()) print_error(e);
    return kBadInput;
  } catch (const std::exception& e) {
    if (is_main_process())
      std::fprintf(stderr, "dayopps: error: %s: the inputs this scenario names could not be used: %s\n",
                   scenario_file.c_str(), e.what());
    return kBadInput;
  }
  return kSuccess;
}

// Turns what `step` throws into an exit code, printing why (an interruption only on process 0).
template <typename Step>
int guarded(Step&& step, const std::filesystem::path& folder) {
  try {
    step();
  } catch (const model::Cancelled&) {
    if (is_main_process()) {
      std::fprintf(stderr, "dayopps: interrupted; no results written (earlier results in %s are untouched)\n",
                   folder.c_str());
    }
    return kInterrupted;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "dayopps: error: invalid model inputs: %s\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    print_error(e);
    return kRunFailed;
  }
  return kSuccess;
}

// Every process settles on the worst status; process 0 says so when another process stopped alone.
int agree(int my_status, const std::filesystem::path& folder);

// Runs `simulate` (each process its share), then `publish` (gather on every process; process 0 writes the
// files and renames them into place) with SIGINT/SIGTERM turned into a cancel request. Processes agree on the
// outcome before gathering, so a failure or an interruption anywhere leaves earlier results in `folder`
// untouched and no process waits for another that stopped.
template <typename Simulate, typename Publish>
int simulate_and_publish(const std::filesystem::path& folder, Simulate&& simulate, Publish&& publish) {
  int status = agree(guarded(simulate, folder), folder);
  if (status == kSuccess) status = agree(guarded(publish, folder), folder);
  return status;
}

// Wall time per phase of a run, printed at its end so analysts see where a batch's time goes.
class PhaseTimes {
 public:
  void lap(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    phases_.emplace_back(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }
  void print(bool quiet) const {
    if (quiet) return;
    std::string text;
    double total = 0.0;
    for (const auto& [phase, seconds] : phases_) {
      char part[96];
      std::snprintf(part, sizeof part, "%s%s %.1f s", text.empty() ? "" : ", ", phase, seconds);
      text += part;
      total += seconds;
    }
    std::fprintf(stderr, "dayopps: time: %s (total %.1f s)\n", text.c_str(), total);
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<const char*, double>> phases_;
};

// Worker threads per process: as asked, or this machine's cores shared among the processes running on it.
int threads_per_process(int asked);

// This process's share of `replications`.
model::RunSettings share_of(int replications, std::uint64_t seed, int threads);

// The opening line of a run on stderr (process 0, unless quiet).
void print_start(const RunOptions& options, const char* what, const inputs::Scenario& scenario,
                 const std::string& area_name, int threads, const char* extra);

}  // namespace dayopps::cli
