#include "cli/charts.hpp"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <future>

#include "cli/helper_program.hpp"
#include "cli/run_command.hpp"
#include "cli/stop_signals.hpp"
#include "outputs/build_info.hpp"

namespace dayopps::cli {

// What an interrupted chart or report step may leave in the folder: charts written to "<name>.tmp.png" or
// "<name>.tmp" before their rename, and make_report.sh's working folder ".report.XXXXXX".
void remove_temporary_chart_files(const std::filesystem::path& folder) {
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
    const std::string name = entry.path().filename().string();
    const bool temporary = name.rfind(".report.", 0) == 0 || name.ends_with(".tmp.png") || name.ends_with(".tmp");
    if (temporary) std::filesystem::remove_all(entry.path(), ignored);
  }
}

std::string chart_python() {
  const char* python_override = std::getenv("DAYOPPS_PYTHON");
  return python_override != nullptr ? python_override : "/usr/bin/python3";
}

int make_charts(const std::filesystem::path& results, const std::filesystem::path& folder, bool quiet, bool report) {
  const std::string python = chart_python();
  const std::filesystem::path charts = std::filesystem::path(outputs::source_dir()) / "outputs" / "charts";
  if (!quiet)
    std::fprintf(stderr, "dayopps: drawing charts%s with %s\n", report ? " and the report" : "", python.c_str());
  // An interruption now stops both helpers (and what they started) and removes their temporary files.
  const std::atomic<bool>* stop = &stop_requested();
  // make_charts.py draws the charts of the file's layout. The report reads only results.h5, so the two run
  // side by side (each is one Python process).
  std::future<int> report_status = std::async(report ? std::launch::async : std::launch::deferred, [&] {
    if (!report) return 0;
    return run_program({"/bin/bash", (charts / "make_report.sh").string(), results.string(), folder.string()},
                       {{"DAYOPPS_PYTHON", python}}, stop);
  });
  int charts_status =
      run_program({python, (charts / "make_charts.py").string(), results.string(), folder.string()}, {}, stop);
  // The chart helper stopped by an interruption: make sure its sibling, the report, is stopped too.
  if (charts_status == kProgramStopped) stop_requested().store(true);
  const int notebook_status = report_status.get();
  const bool interrupted = stop_requested().load();
  if (interrupted) {
    remove_temporary_chart_files(folder);
    std::fprintf(stderr,
                 "dayopps: interrupted while drawing charts; %s is complete, the charts and report may not be "
                 "(temporary files removed)\n",
                 results.c_str());
    return kInterrupted;
  }
  if (charts_status != 0) {
    std::fprintf(stderr, "dayopps: error: charts failed (exit %d); %s is complete\n", charts_status, results.c_str());
    return kChartsFailed;
  }
  if (notebook_status != 0) {
    std::fprintf(stderr, "dayopps: error: notebook report failed (exit %d); %s and the charts are complete\n",
                 notebook_status, results.c_str());
    return kChartsFailed;
  }
  return kSuccess;
}

}  // namespace dayopps::cli
