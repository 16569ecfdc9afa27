#pragma once
// The charts and the report, drawn by Debian's Python from the results file after it is written.
#include <filesystem>
#include <string>

namespace dayopps::cli {

// The Python that draws charts and reports: DAYOPPS_PYTHON, else Debian's /usr/bin/python3.
std::string chart_python();

// Removes what an interrupted chart or report step may leave in `folder` (temporary chart files, the
// report's working folder).
void remove_temporary_chart_files(const std::filesystem::path& folder);

// Draws the charts and (with `report`) the notebook report of `results` into `folder`; returns kSuccess or
// kChartsFailed.
int make_charts(const std::filesystem::path& results, const std::filesystem::path& folder, bool quiet,
                bool report = true);

}  // namespace dayopps::cli
