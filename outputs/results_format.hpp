#pragma once
// The version of the results.h5 layout, written as the root attribute `format_version` of every file. It is
// declared with the layout in outputs/results_schema.toml, whose format_version the build passes in
// (outputs/CMakeLists.txt); docs/results-format.md says what each version changed.
namespace dayopps::outputs {

inline constexpr const char* kResultsFormatVersion = DAYOPPS_RESULTS_FORMAT_VERSION;

}  // namespace dayopps::outputs
