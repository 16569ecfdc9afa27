#pragma once
// The version of the results.h5 layout (docs/results-format.md), written as the root attribute
// `format_version` of every file. Any change to group or variable names, dimensions or meanings bumps it,
// here and in outputs/charts/results_reader.py (FORMAT_VERSION).
//   2: finance (cost, cost_cash, cash_index, ...);  3: the /calibration group and the physical-support parameters.
namespace dayopps::outputs {

inline constexpr const char* kResultsFormatVersion = "4";

}  // namespace dayopps::outputs
