#pragma once
#include <string_view>

namespace dayopps::outputs {

std::string_view dayopps_version();
std::string_view git_commit();  // "-dirty" appended when built from modified tracked files
std::string_view source_dir();  // where the chart scripts and the notebook live

}  // namespace dayopps::outputs
