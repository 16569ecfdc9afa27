#include "cli/stop_signals.hpp"

#include <pthread.h>
#include <signal.h>

#include <mutex>

#include "model/replication.hpp"

namespace dayopps::cli {

namespace {

std::atomic<bool> g_stop_requested{false};
std::atomic<bool> g_closing{false};
std::mutex g_publish_lock;  // held while the request is checked and the files renamed, and while it is raised

sigset_t stop_signal_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

void watch() {
  const sigset_t set = stop_signal_set();
  for (;;) {
    int signal = 0;
    if (::sigwait(&set, &signal) != 0) continue;
    if (g_closing.load()) return;  // the guard's own wake-up at the end of the command
    const std::lock_guard<std::mutex> hold(g_publish_lock);
    g_stop_requested.store(true);
  }
}

}  // namespace

StopSignals::StopSignals() {
  g_closing.store(false);
  const sigset_t set = stop_signal_set();
  ::pthread_sigmask(SIG_BLOCK, &set, nullptr);
  watcher_ = std::thread(watch);
}

StopSignals::~StopSignals() {
  g_closing.store(true);
  ::pthread_kill(watcher_.native_handle(), SIGTERM);
  watcher_.join();
  // The signals stay blocked: the command has ended (its files renamed into place, or not), and one that came
  // after the watcher stopped would otherwise, unblocked, kill the process with 143 after a complete run.
}

std::atomic<bool>& stop_requested() { return g_stop_requested; }

void publish_unless_stopped(const std::function<void()>& publish) {
  const std::lock_guard<std::mutex> hold(g_publish_lock);
  if (g_stop_requested.load()) throw model::Cancelled();
  publish();
}

void clear_stop_request_for_tests() { g_stop_requested.store(false); }

}  // namespace dayopps::cli
