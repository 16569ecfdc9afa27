#pragma once
// How far a run has got, on stderr.
#include <chrono>
#include <cstdio>

#include <unistd.h>  // isatty: progress redraws one line on a terminal only

namespace dayopps::cli {

// Progress on stderr: a line rewritten in place on a terminal, a few plain lines in a log.
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), terminal_(::isatty(STDERR_FILENO) != 0) {}
  void operator()(int finished, int total) {
    if (quiet_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const int percent = 100 * finished / total;
    if (terminal_) {
      std::fprintf(stderr, "\rdayopps: replication %d/%d (%d%%), %.1f s", finished, total, percent, seconds);
      if (finished == total) std::fputc('\n', stderr);
    } else if (percent >= next_percent_ || finished == total) {
      std::fprintf(stderr, "dayopps: replication %d/%d (%d%%), %.1f s\n", finished, total, percent, seconds);
      next_percent_ = (percent / 25 + 1) * 25;
    }
  }

 private:
  bool quiet_;
  bool terminal_;
  int next_percent_ = 25;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace dayopps::cli
