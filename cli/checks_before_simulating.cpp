#include "cli/checks_before_simulating.hpp"

#include "cli/processes.hpp"
#include "cli/run_command.hpp"
#include "cli/run_steps.hpp"
#include "outputs/atomic_output_file.hpp"

namespace dayopps::cli {

namespace {

// Results are held in memory until written (per replication, then the summaries built from them, about as
// large again), so a request that cannot fit is refused before simulating rather than dying mid-run.
constexpr double kResultsMemoryFactor = 2.0;
constexpr double kUsableMemoryShare = 0.75;

// The machine's memory, or DAYOPPS_MEMORY (bytes, with an optional K, M or G suffix) to share a machine with
// other work. Throws std::invalid_argument on a malformed value.
double physical_memory_bytes() {
  if (const char* limit = std::getenv("DAYOPPS_MEMORY"); limit != nullptr) {
    char* end = nullptr;
    double bytes = std::strtod(limit, &end);
    const std::string suffix = end != nullptr ? end : "";
    const double scale = suffix.empty()  ? 1.0
                         : suffix == "K" ? 1024.0
                         : suffix == "M" ? 1024.0 * 1024.0
                         : suffix == "G" ? 1024.0 * 1024.0 * 1024.0
                                         : -1.0;
    if (end == limit || scale < 0.0 || !(bytes > 0.0)) {
      throw std::invalid_argument("environment variable DAYOPPS_MEMORY: \"" + std::string(limit) +
                                  "\" is not a memory size such as 8G, 512M or 1000000");
    }
    return bytes * scale;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<double>(pages) * static_cast<double>(page_size) : 0.0;
}

// Returns false (after printing why) when `replications` of every scenario's inputs would not fit in the
// memory of process 0, which holds every replication before writing.
bool results_fit_in_memory(const std::vector<const assembly::RunInputs*>& runs, int replications) {
  double needed = 0.0;
  for (const assembly::RunInputs* run : runs) {
    needed +=
        kResultsMemoryFactor * replications * static_cast<double>(model::replication_output_bytes(run->model_inputs));
  }
  double memory = 0.0;
  try {
    memory = physical_memory_bytes();
  } catch (const std::invalid_argument& e) {
    print_error(e);
    return false;
  }
  const double available = kUsableMemoryShare * memory;
  if (available <= 0.0 || needed <= available) return true;
  constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
  std::fprintf(stderr,
               "dayopps: error: --replications %d would hold about %.1f GiB of results in memory, more than %.0f%% of "
               "this machine's %.1f GiB (DAYOPPS_MEMORY sets another); run fewer replications, a shorter horizon or "
               "fewer scenarios at once\n",
               replications, needed / kGiB, 100.0 * kUsableMemoryShare, memory / kGiB);
  return false;
}

}  // namespace

int check_before_simulating(const std::vector<const assembly::RunInputs*>& runs, int replications,
                            const std::filesystem::path& output_dir) {
  if (!is_main_process()) return kSuccess;
  if (!results_fit_in_memory(runs, replications)) return kBadInput;
  try {
    outputs::ensure_writable_folder(output_dir);
  } catch (const std::exception& e) {
    print_error(e);
    return kBadInput;
  }
  // A folder in the place of a file the run writes would only be found when renaming, after simulating.
  for (const char* name : {"results.h5", "summary.xlsx", "report.html", "report.pdf"}) {
    std::error_code error;
    if (std::filesystem::is_directory(output_dir / name, error)) {
      std::fprintf(stderr, "dayopps: error: %s: is a folder, so the run could not write its %s there\n",
                   (output_dir / name).c_str(), name);
      return kBadInput;
    }
  }
  return kSuccess;
}

}  // namespace dayopps::cli
