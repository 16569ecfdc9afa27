#pragma once
// The steps every kind of run shares (one scenario, a batch of scenarios, several areas): loading, simulating under
// a cancel request, agreeing across processes, writing the results. Each concept of its own has its own file,
// included here for the commands: progress (progress.hpp), the checks before simulating (memory and the output
// folder, checks_before_simulating.hpp), the run record (run_record.hpp), charts and report (charts.hpp).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "assembly/run_inputs.hpp"
#include "cli/charts.hpp"
#include "cli/checks_before_simulating.hpp"
#include "cli/processes.hpp"
#include "cli/progress.hpp"
#include "cli/run_command.hpp"
#include "cli/run_record.hpp"
#include "cli/stop_signals.hpp"
#include "model/replication.hpp"
#include "model/runner.hpp"
#include "outputs/results_builder.hpp"

namespace dayopps::cli {

std::string utc_now();
void print_error(const std::exception& e);

// Writes `document` to `results` through a temporary file, renamed into place unless a stop was requested.
void write_results_file(const outputs::ResultsDocument& document, const std::filesystem::path& results);

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
int exit_code_of_step(Step&& step, const std::filesystem::path& folder) {
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
int worst_status_of_all_processes(int my_status, const std::filesystem::path& folder);

// Runs `simulate` (each process its share), then `publish` (gather on every process; process 0 writes the
// files and renames them into place) with SIGINT/SIGTERM turned into a cancel request. Processes agree on the
// outcome before gathering, so a failure or an interruption anywhere leaves earlier results in `folder`
// untouched and no process waits for another that stopped.
template <typename Simulate, typename Publish>
int simulate_and_publish(const std::filesystem::path& folder, Simulate&& simulate, Publish&& publish) {
  int status = worst_status_of_all_processes(exit_code_of_step(simulate, folder), folder);
  if (status == kSuccess) status = worst_status_of_all_processes(exit_code_of_step(publish, folder), folder);
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
