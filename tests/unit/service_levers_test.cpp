// Scenario levers on services in their exact cases: phasing, the choice safeguard, closures, validation.
#include "model/service_levers.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <stdexcept>

#include "model/base_population.hpp"
#include "model/services_step.hpp"

namespace dayopps::model {
namespace {

constexpr auto u8(Service s) { return static_cast<std::uint8_t>(s); }

Population adults_with_ld(int n) {
  std::array<std::int32_t, kCellCount> cells{};
  cells[static_cast<std::size_t>(cell_index(Sex::male, 40))] = n;
  Population p = build_population(cells);
  for (auto& c : p.conditions) c = with_learning_disability(c, LearningDisability::moderate_severe);
  return p;
}

// Everyone without a service starts each year and chooses the council centre (community also offered).
ServiceRates centre_rates(int places) {
  ServiceRates r;
  r.start_probability[static_cast<std::size_t>(SupportReason::learning_disability)] = RatesByCell::Constant(1.0);
  r.continuation.fill(1.0);
  r.continuation[0] = 0.0;
  for (auto& constants : r.choice_constant) constants.fill(kNotOffered);
  auto& ld = r.choice_constant[static_cast<std::size_t>(SupportReason::learning_disability)];
  ld[static_cast<std::size_t>(Service::internal_day_centre)] = 0.0;
  ld[static_cast<std::size_t>(Service::community)] = -50.0;  // offered, but chosen with probability ~e^-50
  r.internal_centres = {{places, 1900, 9999}};
  r.levers.alternative_shares[static_cast<std::size_t>(Service::direct_payment)] = 1.0;
  return r;
}

struct Flows {
  std::array<std::int32_t, kServiceReasonCount> starters{}, leavers{};
  std::vector<std::int32_t> affected = std::vector<std::int32_t>(kAffectedCount, 0);
  ServiceFlows view() { return {starters, leavers, affected}; }
  int total(AffectedMeasure m) const {
    int n = 0;
    for (int reason = 0; reason < kSupportReasonCount; ++reason)
      for (int cell = 0; cell < kCellCount; ++cell)
        n += affected[static_cast<std::size_t>(affected_index(m, reason, cell))];
    return n;
  }
};

int count(const Population& p, Service s) {
  int n = 0;
  for (const auto x : p.service) n += x == u8(s);
  return n;
}

TEST(PhasedRate, IsZeroBeforeRisesInEqualStepsAndHoldsAfter) {
  const PhasedRate rate{2023, 2026, 0.4};
  EXPECT_EQ(rate.at(2022), 0.0);
  EXPECT_DOUBLE_EQ(rate.at(2023), 0.1);
  EXPECT_DOUBLE_EQ(rate.at(2024), 0.2);
  EXPECT_DOUBLE_EQ(rate.at(2025), 0.3);
  EXPECT_DOUBLE_EQ(rate.at(2026), 0.4);
  EXPECT_DOUBLE_EQ(rate.at(2040), 0.4);
  EXPECT_DOUBLE_EQ((PhasedRate{2030, 2030, 0.25}.at(2030)), 0.25);
  EXPECT_FALSE(PhasedRate{}.active());
}

TEST(ServiceLevers, FullShiftOfNewUsersNeverMovesPeopleAlreadyInACentre) {
  // Scrutiny 2020: new users may be steered, current users keep their place unless they choose to move.
  Population p = adults_with_ld(300);
  ServiceRates rates = centre_rates(100);
  ServicesStep step;
  Flows first;
  step.advance(p, rates, {3, 0, 2023}, first.view());  // 100 take the places, 200 wait
  ASSERT_EQ(count(p, Service::internal_day_centre), 100);
  const std::vector<std::uint8_t> before = p.service;

  rates.levers.new_user_shift = {2024, 2024, 1.0};
  Flows second;
  step.advance(p, rates, {3, 0, 2024}, second.view());
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (before[i] == u8(Service::internal_day_centre)) {
      EXPECT_EQ(p.service[i], u8(Service::internal_day_centre)) << "a centre user was moved without choosing to";
    }
  }
  EXPECT_EQ(second.total(AffectedMeasure::moved_by_choice), 0);
  EXPECT_EQ(second.total(AffectedMeasure::shifted_on_joining), 0);  // nobody new: all were using or waiting
}

TEST(ServiceLevers, FullShiftSendsEveryNewCentreChooserToTheAlternative) {
  Population p = adults_with_ld(300);
  ServiceRates rates = centre_rates(100);
  rates.levers.new_user_shift = {2023, 2023, 1.0};
  ServicesStep step;
  Flows f;
  step.advance(p, rates, {3, 0, 2023}, f.view());
  EXPECT_EQ(count(p, Service::internal_day_centre), 0);
  EXPECT_EQ(count(p, Service::direct_payment), 300);
  EXPECT_EQ(f.total(AffectedMeasure::shifted_on_joining), 300);
  EXPECT_EQ(f.total(AffectedMeasure::started_waiting), 0);
}

TEST(ServiceLevers, VoluntaryMoveOfOneEmptiesTheCentresIntoTheAlternative) {
  Population p = adults_with_ld(100);
  ServiceRates rates = centre_rates(100);
  ServicesStep step;
  Flows first;
  step.advance(p, rates, {4, 0, 2023}, first.view());
  ASSERT_EQ(count(p, Service::internal_day_centre), 100);
  rates.levers.voluntary_move = {2024, 2024, 1.0};
  rates.start_probability[static_cast<std::size_t>(SupportReason::learning_disability)].setZero();
  Flows second;
  step.advance(p, rates, {4, 0, 2024}, second.view());
  EXPECT_EQ(count(p, Service::direct_payment), 100);
  EXPECT_EQ(second.total(AffectedMeasure::moved_by_choice), 100);
  EXPECT_EQ(second.leavers[static_cast<std::size_t>(Service::internal_day_centre) * kSupportReasonCount + 1], 100);
  EXPECT_EQ(second.starters[static_cast<std::size_t>(Service::direct_payment) * kSupportReasonCount + 1], 100);
}

TEST(ServiceLevers, ClosureWithAlternativeOutcomeMovesEveryUserAndCountsTheLostPlaces) {
  Population p = adults_with_ld(150);
  ServiceRates rates = centre_rates(100);
  rates.internal_centres = {{100, 1900, 2025}, {50, 1900, 9999}};
  rates.levers.closure_outcome = ClosureOutcome::alternative;
  ServicesStep step;
  Flows first;
  step.advance(p, rates, {5, 0, 2023}, first.view());
  ASSERT_EQ(step.centre_occupancy()[0], 100);
  Flows second;
  step.advance(p, rates, {5, 0, 2025}, second.view());
  EXPECT_EQ(second.total(AffectedMeasure::lost_centre_place), 100);
  EXPECT_EQ(count(p, Service::direct_payment), 100);
  EXPECT_EQ(count(p, Service::internal_day_centre), 50);
}

TEST(ServiceLevers, ClosureWithReprovisionAndNoRoomPutsUsersOnTheWaitingList) {
  Population p = adults_with_ld(150);
  ServiceRates rates = centre_rates(100);
  rates.internal_centres = {{100, 1900, 2025}, {50, 1900, 9999}};
  ServicesStep step;
  Flows first;
  step.advance(p, rates, {5, 0, 2023}, first.view());
  Flows second;
  step.advance(p, rates, {5, 0, 2025}, second.view());
  EXPECT_EQ(second.total(AffectedMeasure::lost_centre_place), 100);
  EXPECT_EQ(second.total(AffectedMeasure::started_waiting), 100);
  EXPECT_EQ(count(p, Service::internal_day_centre), 50);
}

TEST(ServiceLevers, PlacesMovedToARemainingCentreAreUsedFromTheirYear) {
  Population p = adults_with_ld(150);
  ServiceRates rates = centre_rates(100);
  rates.internal_centres = {{100, 1900, 2025}, {50, 1900, 9999, 40, 2025}};
  EXPECT_EQ(rates.internal_centres[1].places_in(2024), 50);
  EXPECT_EQ(rates.internal_centres[1].places_in(2025), 90);
  EXPECT_EQ(rates.internal_centres[0].places_in(2025), 0);
  ServicesStep step;
  Flows first, second;
  step.advance(p, rates, {5, 0, 2023}, first.view());
  step.advance(p, rates, {5, 0, 2025}, second.view());
  EXPECT_EQ(count(p, Service::internal_day_centre), 90);
  EXPECT_EQ(second.total(AffectedMeasure::started_waiting), 60);
}

TEST(ServiceLevers, ValidationNamesTheLeverOutOfRange) {
  ServiceLevers levers;
  levers.voluntary_move = {2023, 2025, 1.5};
  EXPECT_THROW(validate(levers), std::invalid_argument);
  levers = {};
  levers.new_user_shift = {2023, 2025, 0.5};  // used, but the alternative shares are all 0
  EXPECT_THROW(validate(levers), std::invalid_argument);
  levers.alternative_shares[static_cast<std::size_t>(Service::community)] = 1.0;
  EXPECT_NO_THROW(validate(levers));
  levers.alternative_shares[static_cast<std::size_t>(Service::external_day_centre)] = 0.5;
  levers.alternative_shares[static_cast<std::size_t>(Service::community)] = 0.5;
  EXPECT_THROW(validate(levers), std::invalid_argument);  // a building-based centre is not an alternative
  levers = {};
  levers.start_reduction = {2026, 2024, 0.1};
  EXPECT_THROW(validate(levers), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
