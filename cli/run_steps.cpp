#include "cli/run_steps.hpp"

#include <algorithm>
#include <ctime>
#include <thread>

#include "outputs/atomic_output_file.hpp"
#include "outputs/hdf5_writer.hpp"

namespace dayopps::cli {

void print_error(const std::exception& e) { std::fprintf(stderr, "dayopps: error: %s\n", e.what()); }

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

void write_results_file(const outputs::ResultsDocument& document, const std::filesystem::path& results) {
  outputs::AtomicOutputFile file(results);
  outputs::write_hdf5(document, file.temporary_path());
  publish_unless_stopped([&] { file.commit(); });
}

// Every process settles on the worst status; process 0 says so when another process stopped alone.
int worst_status_of_all_processes(int my_status, const std::filesystem::path& folder) {
  const int status = worst_status(my_status);
  if (is_main_process() && my_status == kSuccess && status != kSuccess) {
    if (status == kInterrupted) {
      std::fprintf(stderr, "dayopps: interrupted; no results written (earlier results in %s are untouched)\n",
                   folder.c_str());
    } else {
      std::fprintf(stderr, "dayopps: error: another process stopped (exit %d); no results written\n", status);
    }
  }
  return status;
}

int threads_per_process(int asked) {
  if (asked > 0) return asked;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, cores / processes_on_this_machine());
}

model::RunSettings share_of(int replications, std::uint64_t seed, int threads) {
  return {replications, seed, threads, process_index(), process_count()};
}

void print_start(const RunOptions& options, const char* what, const inputs::Scenario& scenario,
                 const std::string& area_name, int threads, const char* extra) {
  if (options.quiet || !is_main_process()) return;
  std::string where = std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  if (process_count() > 1) where = std::to_string(process_count()) + " processes of " + where;
  std::fprintf(stderr, "dayopps: %s, %s %d-%d, %d replications on %s, seed %llu%s\n", what, area_name.c_str(),
               scenario.base_year, scenario.horizon, scenario.replications, where.c_str(),
               static_cast<unsigned long long>(scenario.master_seed), extra);
}

}  // namespace dayopps::cli
