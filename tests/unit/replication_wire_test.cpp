// The message MPI ranks send to rank 0 carries a replication whole and unchanged, and a damaged message is
// refused rather than read as results.
#include "cli/replication_wire.hpp"

#include <gtest/gtest.h>

#include <span>

#include "assembly/run_inputs.hpp"
#include "model/base_population.hpp"
#include "test_support.hpp"

namespace dayopps::cli {
namespace {

model::ReplicationOutput birmingham_replication() {
  inputs::Scenario scenario =
      inputs::load_scenario(testing::source_dir() / "inputs/scenarios/birmingham-baseline.toml");
  scenario.horizon = scenario.base_year + 2;
  const assembly::RunInputs run = assembly::load_run_inputs(scenario);
  return model::run_replication(run.model_inputs, model::build_base_population(run.model_inputs), 5, 1);
}

template <typename Table>
void expect_same(const Table& a, const Table& b, const char* name) {
  ASSERT_EQ(a.rows(), b.rows()) << name;
  ASSERT_EQ(a.cols(), b.cols()) << name;
  EXPECT_TRUE((a == b).all()) << name;
}

TEST(ReplicationWire, ARealReplicationRoundTripsExactly) {
  const model::ReplicationOutput sent = birmingham_replication();
  ASSERT_GT(sent.service_users.rows(), 0);
  ASSERT_GT(sent.service_cost.rows(), 0);
  const model::ReplicationOutput got = unpack_replication(pack_replication(sent));
  EXPECT_EQ(got.population.first_year, sent.population.first_year);
  EXPECT_EQ(got.deaths.first_year, sent.deaths.first_year);
  EXPECT_EQ(got.parameters, sent.parameters);
  expect_same(got.population.counts, sent.population.counts, "population");
  expect_same(got.deaths.counts, sent.deaths.counts, "deaths");
  expect_same(got.additions.counts, sent.additions.counts, "additions");
  expect_same(got.removals.counts, sent.removals.counts, "removals");
  expect_same(got.people_with_condition, sent.people_with_condition, "people_with_condition");
  expect_same(got.deaths_with_condition, sent.deaths_with_condition, "deaths_with_condition");
  expect_same(got.service_users, sent.service_users, "service_users");
  expect_same(got.service_demand, sent.service_demand, "service_demand");
  expect_same(got.service_waiting, sent.service_waiting, "service_waiting");
  expect_same(got.service_starters, sent.service_starters, "service_starters");
  expect_same(got.service_leavers, sent.service_leavers, "service_leavers");
  expect_same(got.service_user_deaths, sent.service_user_deaths, "service_user_deaths");
  expect_same(got.service_user_moves, sent.service_user_moves, "service_user_moves");
  expect_same(got.centre_users, sent.centre_users, "centre_users");
  expect_same(got.service_unmet, sent.service_unmet, "service_unmet");
  expect_same(got.people_affected, sent.people_affected, "people_affected");
  expect_same(got.service_cost, sent.service_cost, "service_cost");
}

TEST(ReplicationWire, AnEmptyReplicationRoundTrips) {
  const model::ReplicationOutput got = unpack_replication(pack_replication({}));
  EXPECT_EQ(got.population.counts.rows(), 0);
  EXPECT_EQ(got.service_cost.size(), 0);
}

TEST(ReplicationWire, DamagedMessagesAreRefused) {
  const std::vector<std::byte> message = pack_replication(birmingham_replication());
  const std::span<const std::byte> whole(message);
  EXPECT_THROW(unpack_replication(whole.first(message.size() - 1)), std::runtime_error);
  EXPECT_THROW(unpack_replication(whole.first(3)), std::runtime_error);
  std::vector<std::byte> longer = message;
  longer.push_back(std::byte{0});
  EXPECT_THROW(unpack_replication(longer), std::runtime_error);
  std::vector<std::byte> other_version = message;
  other_version[0] = std::byte{99};
  EXPECT_THROW(unpack_replication(other_version), std::runtime_error);
}

}  // namespace
}  // namespace dayopps::cli
