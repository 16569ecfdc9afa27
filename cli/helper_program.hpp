#pragma once
// Runs a helper program (the chart script, the notebook export) without a shell, so paths with spaces or
// quotes cannot be misread. The helper runs in a process group of its own, so that an interruption of dayopps
// stops the helper and everything it started (Python kernels, Chromium) before dayopps exits.
#include <atomic>
#include <string>
#include <vector>

namespace dayopps::cli {

// Returned by run_program when `stop` was raised and the helper's process group was ended.
inline constexpr int kProgramStopped = -2;

// Returns the helper's exit status (128 + signal if a signal ended it), -1 if it could not be started, or
// kProgramStopped once `stop` (polled every 20 ms) is raised: the group gets SIGTERM, then SIGKILL after 2 s.
int run_program(const std::vector<std::string>& argv,
                const std::vector<std::pair<std::string, std::string>>& extra_env = {},
                const std::atomic<bool>* stop = nullptr);

}  // namespace dayopps::cli
