// Day services in their degenerate cases, and the allocation of places.
#include "model/services_step.hpp"

#include <gtest/gtest.h>

#include <array>

#include "model/base_population.hpp"

namespace dayopps::model {
namespace {

// n adults aged 30, all with a moderate-severe learning disability.
Population adults_with_ld(int n) {
  std::array<std::int32_t, kCellCount> cells{};
  cells[static_cast<std::size_t>(cell_index(Sex::female, 30))] = n;
  Population p = build_population(cells);
  for (auto& c : p.conditions) c = with_learning_disability(c, LearningDisability::moderate_severe);
  return p;
}

ServiceRates rates_with(double start, double continuation, double internal_share, int internal_places) {
  ServiceRates r;
  r.start_probability[static_cast<std::size_t>(SupportReason::learning_disability)] = RatesByCell::Constant(start);
  r.continuation.fill(continuation);
  r.continuation[0] = 0.0;
  for (auto& constants : r.choice_constant) constants.fill(kNotOffered);
  auto& ld = r.choice_constant[static_cast<std::size_t>(SupportReason::learning_disability)];
  if (internal_share > 0.0) ld[static_cast<std::size_t>(Service::internal_day_centre)] = std::log(internal_share);
  if (internal_share < 1.0) ld[static_cast<std::size_t>(Service::community)] = std::log(1.0 - internal_share);
  r.internal_centres = {{internal_places, 1900, 9999}};
  return r;
}

struct Flows {
  std::array<std::int32_t, kServiceReasonCount> starters{}, leavers{};
  ServiceFlows view() { return {starters, leavers}; }
};

int count(const Population& p, Service s) {
  int n = 0;
  for (const auto x : p.service) n += x == static_cast<std::uint8_t>(s);
  return n;
}

TEST(ServicesStep, ContinuationOneKeepsEveryoneInPlace) {
  Population p = adults_with_ld(500);
  const ServiceRates rates = rates_with(0.3, 1.0, 0.0, 0);
  ServicesStep step;
  Flows f;
  step.advance(p, rates, {1, 0, 2023}, f.view());
  const std::vector<std::uint8_t> after_first = p.service;
  for (int year = 2024; year < 2030; ++year) {
    Flows g;
    step.advance(p, rates, {1, 0, static_cast<std::uint32_t>(year)}, g.view());
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (after_first[i] != 0) {
        EXPECT_EQ(p.service[i], after_first[i]) << "a user left with continuation 1";
      }
    }
    for (const auto l : g.leavers) EXPECT_EQ(l, 0);
  }
}

TEST(ServicesStep, ZeroStartAndNobodyInServiceStaysEmpty) {
  Population p = adults_with_ld(500);
  const ServiceRates rates = rates_with(0.0, 0.9, 0.5, 100);
  ServicesStep step;
  Flows f;
  step.advance(p, rates, {1, 0, 2023}, f.view());
  EXPECT_EQ(count(p, Service::community) + count(p, Service::internal_day_centre), 0);
}

TEST(ServicesStep, CapacityZeroSendsEveryChooserToTheWaitingList) {
  Population p = adults_with_ld(400);
  ServiceRates rates =
      rates_with(1.0, 0.9, 1.0, 0);  // everyone starts and wants the council centre, which has no places
  rates.capacity_policy = CapacityPolicy::wait;
  ServicesStep step;
  Flows f;
  step.advance(p, rates, {1, 0, 2023}, f.view());
  EXPECT_EQ(count(p, Service::internal_day_centre), 0);
  for (std::size_t i = 0; i < p.size(); ++i) {
    EXPECT_EQ(p.service[i], 0);
    EXPECT_EQ(p.wanted[i], static_cast<std::uint8_t>(Service::internal_day_centre));
  }
}

TEST(ServicesStep, CapacityZeroWithNextBestSendsEveryoneToTheFallback) {
  Population p = adults_with_ld(400);
  ServiceRates rates = rates_with(1.0, 0.9, 0.999, 0);  // the centre is preferred; community is offered
  rates.capacity_policy = CapacityPolicy::next_best;
  ServicesStep step;
  Flows f;
  step.advance(p, rates, {1, 0, 2023}, f.view());
  EXPECT_EQ(count(p, Service::internal_day_centre), 0);
  EXPECT_EQ(count(p, Service::community), 400);
}

TEST(ServicesStep, PlacesAreNeverOverfilledAndWaitingPeopleGetFreedPlacesFirst) {
  Population p = adults_with_ld(1000);
  const ServiceRates rates = rates_with(0.5, 0.8, 1.0, 120);
  ServicesStep step;
  for (int year = 2023; year <= 2035; ++year) {
    Flows f;
    step.advance(p, rates, {9, 0, static_cast<std::uint32_t>(year)}, f.view());
    EXPECT_LE(count(p, Service::internal_day_centre), 120) << year;
    EXPECT_EQ(step.centre_occupancy()[0], count(p, Service::internal_day_centre));
  }
  // With many more choosers than places, the centre fills up.
  EXPECT_EQ(count(p, Service::internal_day_centre), 120);
}

TEST(ServicesStep, AClosedCentreSendsItsUsersToTheWaitingListOrAnotherCentre) {
  Population p = adults_with_ld(300);
  ServiceRates rates = rates_with(1.0, 1.0, 1.0, 100);
  rates.internal_centres = {{100, 1900, 2025}, {50, 1900, 9999}};
  ServicesStep step;
  Flows f;
  step.advance(p, rates, {2, 0, 2023}, f.view());
  EXPECT_EQ(count(p, Service::internal_day_centre), 150);
  Flows g;
  step.advance(p, rates, {2, 0, 2025}, g.view());  // centre 0 closes from 2025
  EXPECT_EQ(count(p, Service::internal_day_centre), 50);
  EXPECT_EQ(step.centre_occupancy()[0], 0);
}

TEST(ServicesStep, ChoiceProbabilitiesAreTheLogitOfTheConstants) {
  ServiceRates rates = rates_with(0.1, 0.9, 0.25, 10);
  const auto p = choice_probabilities(rates, SupportReason::learning_disability);
  EXPECT_NEAR(p[static_cast<std::size_t>(Service::internal_day_centre)], 0.25, 1e-12);
  EXPECT_NEAR(p[static_cast<std::size_t>(Service::community)], 0.75, 1e-12);
  EXPECT_EQ(p[static_cast<std::size_t>(Service::direct_payment)], 0.0);
}

}  // namespace
}  // namespace dayopps::model
