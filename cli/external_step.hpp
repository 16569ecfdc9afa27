#pragma once
// Runs a helper program (the chart script, the notebook export) without a shell, so paths with spaces or
// quotes cannot be misread. Returns its exit status, or -1 if it could not be started.
#include <string>
#include <vector>

namespace dayopps::cli {

int run_program(const std::vector<std::string>& argv,
                const std::vector<std::pair<std::string, std::string>>& extra_env = {});

}  // namespace dayopps::cli
