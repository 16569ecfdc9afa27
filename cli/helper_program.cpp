#include "cli/helper_program.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

extern char** environ;

namespace dayopps::cli {

namespace {

int decoded(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// Ends the helper's whole process group: politely, then for certain.
void end_group(pid_t group) {
  ::kill(-group, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  int status = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    if (::waitpid(group, &status, WNOHANG) == group) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  // The leader may have gone while its children (a kernel, a browser) linger: the group is killed regardless.
  ::kill(-group, SIGKILL);
  while (::waitpid(group, &status, 0) < 0 && errno == EINTR) {
  }
}

}  // namespace

int run_program(const std::vector<std::string>& argv, const std::vector<std::pair<std::string, std::string>>& extra_env,
                const std::atomic<bool>* stop) {
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);

  std::vector<std::string> env_storage;
  for (char** e = environ; *e != nullptr; ++e) env_storage.emplace_back(*e);
  for (const auto& [name, value] : extra_env) env_storage.push_back(name + "=" + value);
  std::vector<char*> env;
  for (std::string& e : env_storage) env.push_back(e.data());
  env.push_back(nullptr);

  // A process group of its own (pgid = its pid), with SIGINT and SIGTERM at their defaults and unblocked (dayopps
  // blocks them in its own threads: cli/stop_signals.hpp).
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attributes, &defaults);
  sigset_t unblocked;
  sigemptyset(&unblocked);
  posix_spawnattr_setsigmask(&attributes, &unblocked);
  posix_spawnattr_setpgroup(&attributes, 0);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  pid_t pid = 0;
  const int spawned = posix_spawnp(&pid, args[0], nullptr, &attributes, args.data(), env.data());
  posix_spawnattr_destroy(&attributes);
  if (spawned != 0) return -1;

  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, stop != nullptr ? WNOHANG : 0);
    if (done == pid) {
      // Whatever the helper left running in its group (a detached browser) goes with it.
      ::kill(-pid, SIGKILL);
      return decoded(status);
    }
    if (done < 0 && errno != EINTR) return -1;
    if (stop != nullptr && stop->load()) {
      end_group(pid);
      return kProgramStopped;
    }
    if (stop != nullptr) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

}  // namespace dayopps::cli
