// Replications in parallel: bit-identical whatever the thread count, independent of each other, cancellable.
#include "model/runner.hpp"

#include <gtest/gtest.h>

#include <random>

namespace dayopps::model {
namespace {

ProjectionInputs small_inputs(int years) {
  std::mt19937 engine(17);
  std::uniform_int_distribution<int> people(0, 400);
  ProjectionInputs inputs;
  inputs.base_year = 2022;
  inputs.horizon = 2022 + years - 1;
  inputs.people.first_year = 2022;
  inputs.people.counts.resize(years, kCellCount);
  for (int y = 0; y < years; ++y) {
    for (int c = 0; c < kCellCount; ++c) inputs.people.counts(y, c) = people(engine);
  }
  for (int c = 0; c < kCellCount; ++c) inputs.annual_death_probability(c) = 0.001 * age_of_cell(c);
  return inputs;
}

bool identical(const ReplicationOutput& a, const ReplicationOutput& b) {
  return (a.population.counts == b.population.counts).all() && (a.deaths.counts == b.deaths.counts).all() &&
         (a.additions.counts == b.additions.counts).all() && (a.removals.counts == b.removals.counts).all();
}

TEST(Runner, ResultsAreBitIdenticalForOneTwoAndFiveThreads) {
  const ProjectionInputs inputs = small_inputs(8);
  const ProjectionResult one = run_projection(inputs, {7, 99, 1});
  const ProjectionResult two = run_projection(inputs, {7, 99, 2});
  const ProjectionResult five = run_projection(inputs, {7, 99, 5});
  for (std::size_t r = 0; r < one.replications.size(); ++r) {
    EXPECT_TRUE(identical(one.replications[r], two.replications[r])) << "replication " << r;
    EXPECT_TRUE(identical(one.replications[r], five.replications[r])) << "replication " << r;
  }
}

TEST(Runner, AReplicationCanBeRerunAlone) {
  const ProjectionInputs inputs = small_inputs(5);
  const ProjectionResult batch = run_projection(inputs, {4, 123, 2});
  const auto base_row = inputs.people.counts.row(0);
  const Population base = [&] {
    Population p;
    for (int c = 0; c < kCellCount; ++c)
      for (int k = 0; k < base_row(c); ++k)
        p.add_person(static_cast<std::uint8_t>(age_of_cell(c)), static_cast<std::uint8_t>(sex_of_cell(c)));
    return p;
  }();
  EXPECT_TRUE(identical(run_replication(inputs, base, 123, 3), batch.replications[3]));
}

// MPI ranks each run a share; together the shares are the whole run, bit for bit.
TEST(Runner, SharesTogetherAreTheWholeRun) {
  const ProjectionInputs inputs = small_inputs(5);
  const ProjectionResult whole = run_projection(inputs, {7, 42, 2});
  for (const int share_count : {2, 3, 8}) {
    std::vector<int> covered(7, 0);
    for (int share = 0; share < share_count; ++share) {
      RunSettings settings{7, 42, 2, share, share_count};
      const ProjectionResult part = run_projection(inputs, settings);
      EXPECT_EQ(replications_in_share(settings), (7 - share + share_count - 1) / share_count);
      for (int r = 0; r < 7; ++r) {
        const ReplicationOutput& out = part.replications[static_cast<std::size_t>(r)];
        if (!in_share(settings, r)) {
          EXPECT_EQ(out.population.counts.rows(), 0) << "replication " << r << " ran outside its share";
          continue;
        }
        ++covered[static_cast<std::size_t>(r)];
        EXPECT_TRUE(identical(out, whole.replications[static_cast<std::size_t>(r)])) << "replication " << r;
      }
    }
    EXPECT_EQ(covered, std::vector<int>(7, 1)) << share_count << " shares";
  }
  EXPECT_THROW(run_projection(inputs, {7, 42, 1, 2, 2}), std::invalid_argument);
}

TEST(Runner, ReplicationsDifferAndFollowTheTargets) {
  const ProjectionInputs inputs = small_inputs(6);
  const ProjectionResult result = run_projection(inputs, {3, 5, 2});
  EXPECT_FALSE((result.replications[0].deaths.counts == result.replications[1].deaths.counts).all());
  for (const ReplicationOutput& r : result.replications) {
    EXPECT_TRUE((r.population.counts == inputs.people.counts).all());
  }
}

TEST(Runner, ProgressIsReportedOncePerReplication) {
  const ProjectionInputs inputs = small_inputs(3);
  std::vector<int> seen;
  run_projection(inputs, {6, 1, 2}, [&](int finished, int total) {
    EXPECT_EQ(total, 6);
    seen.push_back(finished);
  });
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

TEST(Runner, CancelledRunThrows) {
  const ProjectionInputs inputs = small_inputs(4);
  std::atomic<bool> cancel{true};
  EXPECT_THROW(run_projection(inputs, {4, 1, 2}, {}, &cancel), Cancelled);
}

TEST(Runner, RejectsInvalidInputs) {
  ProjectionInputs inputs = small_inputs(4);
  EXPECT_THROW(run_projection(inputs, {0, 1, 1}), std::invalid_argument);
  inputs.horizon = 2030;  // beyond the targets
  EXPECT_THROW(run_projection(inputs, {1, 1, 1}), std::invalid_argument);
  inputs = small_inputs(4);
  inputs.annual_death_probability(3) = 1.5;
  EXPECT_THROW(run_projection(inputs, {1, 1, 1}), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
