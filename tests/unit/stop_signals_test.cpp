// The stop-signal guard of the command line (cli/stop_signals.hpp): a SIGTERM is handled either wholly before
// the renames that publish a command's files (they do not happen) or wholly after them, never in between.
#include "cli/stop_signals.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "model/replication.hpp"

namespace dayopps::cli {
namespace {

using namespace std::chrono_literals;

// Waits (at most two seconds) for the watcher to raise the request.
bool request_arrives() {
  for (int k = 0; k < 200 && !stop_requested().load(); ++k) std::this_thread::sleep_for(10ms);
  return stop_requested().load();
}

TEST(StopSignals, ASignalBeforePublishingCancelsIt) {
  const StopSignals guard;
  clear_stop_request_for_tests();
  ASSERT_EQ(::kill(::getpid(), SIGTERM), 0);
  ASSERT_TRUE(request_arrives());
  bool published = false;
  EXPECT_THROW(publish_unless_stopped([&] { published = true; }), model::Cancelled);
  EXPECT_FALSE(published);
  clear_stop_request_for_tests();
}

TEST(StopSignals, ASignalWhilePublishingIsHandledAfterTheRenames) {
  const StopSignals guard;
  clear_stop_request_for_tests();
  bool raised_during_publish = true;
  publish_unless_stopped([&] {
    ASSERT_EQ(::kill(::getpid(), SIGINT), 0);
    std::this_thread::sleep_for(200ms);  // ample time for the watcher, were it not held back
    raised_during_publish = stop_requested().load();
  });
  EXPECT_FALSE(raised_during_publish);
  EXPECT_TRUE(request_arrives());  // and it is not lost
  clear_stop_request_for_tests();
}

TEST(StopSignals, NoRequestNoCancel) {
  const StopSignals guard;
  clear_stop_request_for_tests();
  bool published = false;
  publish_unless_stopped([&] { published = true; });
  EXPECT_TRUE(published);
}

}  // namespace
}  // namespace dayopps::cli
