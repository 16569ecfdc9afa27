#pragma once
// SIGINT and SIGTERM, for the whole life of a dayopps command, become one stop request that the simulation
// polls (once a simulated year) and the helpers' watchers poll (every 20 ms).
//
// Why a watcher thread rather than a handler: the signals are blocked in every thread (the mask is inherited
// by the threads made after the guard, MPI's among them) and one thread takes them with sigwait. It raises the
// request under the same lock that `publish_unless_stopped` holds while it checks the request and renames the
// results into place, so a signal is handled either wholly before the renames (they do not happen: exit 130,
// earlier results untouched) or wholly after them (the results are complete). No moment is left in between.
#include <atomic>
#include <functional>
#include <thread>

namespace dayopps::cli {

class StopSignals {
 public:
  StopSignals();  // make it first in main, before MPI or any other thread starts
  // Stops the watcher and leaves the signals blocked: a signal after the end of the command changes nothing.
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

 private:
  std::thread watcher_;
};

// Raised by SIGINT or SIGTERM (or by a step that stopped a helper); never lowered during a command.
std::atomic<bool>& stop_requested();

// Runs `publish` (the renames that make a command's files visible) unless a stop was requested, with no stop
// request landing while it runs; throws model::Cancelled (and does not call it) when one was.
void publish_unless_stopped(const std::function<void()>& publish);

// Lowers the request: for tests that raise it on purpose, never in a command.
void clear_stop_request_for_tests();

}  // namespace dayopps::cli
