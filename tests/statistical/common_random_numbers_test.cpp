// Savings between scenarios are paired differences: the baseline and a scenario see the same draws for the
// same person and event. Tested three ways on a small synthetic area: a scenario identical to the baseline
// saves exactly 0 in every replication; a lever that starts later saves exactly 0 before it starts; and
// the savings interval with common random numbers is far narrower than with independent streams.
// Also: the voluntary move and new-user shift levers against their binomial and Markov expectations.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "model/base_population.hpp"
#include "model/runner.hpp"
#include "model/services_step.hpp"
#include "outputs/scenario_comparison.hpp"

namespace dayopps {
namespace {

using model::Service;

constexpr auto idx(Service s) { return static_cast<std::size_t>(s); }

model::ProjectionInputs area_inputs() {
  constexpr int kYears = 12;  // 2022..2033
  std::mt19937 engine(23);
  std::uniform_int_distribution<int> people(150, 350);
  model::ProjectionInputs inputs;
  inputs.base_year = 2022;
  inputs.horizon = 2022 + kYears - 1;
  inputs.people.first_year = 2022;
  inputs.people.counts.resize(kYears, model::kCellCount);
  for (int c = 0; c < model::kCellCount; ++c) {
    const int base = people(engine);
    for (int y = 0; y < kYears; ++y) inputs.people.counts(y, c) = base + 2 * y;
  }
  for (int c = 0; c < model::kCellCount; ++c) inputs.annual_death_probability(c) = 0.0002 * model::age_of_cell(c);

  model::CareNeedRates care;
  care.learning_disability_moderate_severe = model::RatesByCell::Constant(0.03);
  care.base_year = 2022;
  inputs.care_need = care;

  model::ServiceRates services;
  const auto ld = static_cast<std::size_t>(model::SupportReason::learning_disability);
  services.start_probability[ld] = model::RatesByCell::Constant(0.06);
  services.transition_at_adulthood[ld] = 0.3;
  services.continuation.fill(0.9);
  services.continuation[0] = 0.0;
  for (auto& constants : services.choice_constant) constants.fill(model::kNotOffered);
  services.choice_constant[ld][idx(Service::internal_day_centre)] = std::log(0.5);
  services.choice_constant[ld][idx(Service::external_day_centre)] = std::log(0.5);
  services.internal_centres = {{300, 1900, 9999}, {300, 1900, 9999}};
  services.levers.alternative_shares[idx(Service::direct_payment)] = 1.0;
  inputs.services = services;

  model::CostRates costs;
  const std::array<double, model::kServiceCount> per_week = {0.0, 270.0, 180.0, 120.0, 105.0, 90.0};
  for (std::size_t s = 0; s < per_week.size(); ++s)
    for (auto& by_age : costs.cost_per_week[s]) by_age.fill(per_week[s]);
  costs.days_per_week.fill(3.0);
  costs.cash_index.assign(static_cast<std::size_t>(kYears - 1), 1.0);
  inputs.costs = costs;
  return inputs;
}

double sample_sd(const Eigen::ArrayXd& x) {
  const double mean = x.mean();
  return std::sqrt((x - mean).square().sum() / static_cast<double>(x.size() - 1));
}

TEST(CommonRandomNumbers, AScenarioIdenticalToTheBaselineSavesExactlyZeroInEveryReplication) {
  const model::ProjectionInputs baseline = area_inputs();
  const model::ProjectionInputs copy = area_inputs();
  const auto base = model::run_projection(baseline, {8, 41, 2});
  const auto same = model::run_projection(copy, {8, 41, 2});
  std::vector<std::string> years;
  for (int y = 2023; y <= 2033; ++y) years.push_back(std::to_string(y));
  const auto c = outputs::compare_with_baseline(base, same, years, {});
  EXPECT_TRUE((c.savings == 0.0).all());
  EXPECT_TRUE((c.net_present_value == 0.0).all());
  EXPECT_TRUE((c.affected_difference == 0).all());
  EXPECT_GT(base.replications[0].service_cost.sum(), 0.0);  // there was something to save
}

TEST(CommonRandomNumbers, ALeverSavesExactlyZeroBeforeItStarts) {
  model::ProjectionInputs scenario = area_inputs();
  scenario.services->levers.voluntary_move = {2027, 2027, 0.1};
  const auto base = model::run_projection(area_inputs(), {6, 41, 2});
  const auto moved = model::run_projection(scenario, {6, 41, 2});
  std::vector<std::string> years;
  for (int y = 2023; y <= 2033; ++y) years.push_back(std::to_string(y));
  const auto c = outputs::compare_with_baseline(base, moved, years, {});
  // Financial year Y/Y+1 costs the states at mid-years Y-1 and Y: those before 2027 are untouched.
  for (Eigen::Index k = 0; k < 4; ++k) EXPECT_TRUE((c.savings.col(k) == 0.0).all()) << "financial year " << k;
  EXPECT_TRUE((c.savings.col(5) > 0.0).all()) << "moving to cheaper direct payments saves from 2027-28";
}

TEST(CommonRandomNumbers, PairedSavingsIntervalIsNarrowerThanWithIndependentStreams) {
  model::ProjectionInputs scenario = area_inputs();
  scenario.services->levers.voluntary_move = {2024, 2026, 0.06};
  constexpr int kReplications = 30;
  const auto base = model::run_projection(area_inputs(), {kReplications, 41, 2});
  const auto paired = model::run_projection(scenario, {kReplications, 41, 2});
  const auto independent = model::run_projection(scenario, {kReplications, 42, 2});
  std::vector<std::string> years;
  for (int y = 2023; y <= 2033; ++y) years.push_back(std::to_string(y));
  const auto crn = outputs::compare_with_baseline(base, paired, years, {});
  const auto ind = outputs::compare_with_baseline(base, independent, years, {});
  // Both estimate the same mean saving: their difference is within 4 standard errors of the independent one.
  const double se = sample_sd(ind.savings_to_horizon) / std::sqrt(kReplications);
  EXPECT_NEAR(crn.savings_to_horizon.mean(), ind.savings_to_horizon.mean(), 4.0 * se);
  // With n = 30, a sample sd ratio below 1/2 where the true ratio is ~1 has probability < 1e-4 (F test);
  // here the pairing removes the Monte Carlo noise common to both runs.
  const double ratio = sample_sd(crn.savings_to_horizon) / sample_sd(ind.savings_to_horizon);
  RecordProperty("sd_ratio", std::to_string(ratio));
  EXPECT_LT(ratio, 0.5);
}

// Centre users with continuation 1 and no new starters move at rate m a year: after k years N (1 - m)^k
// remain. Mean over replications within 4 standard errors (binomial variance of the remainder).
TEST(ScenarioLevers, VoluntaryMovesFollowTheMarkovExpectation) {
  constexpr int kPeople = 5000, kReplications = 20, kYears = 6;
  constexpr double kMove = 0.07;
  model::ServiceRates rates;
  const auto ld = static_cast<std::size_t>(model::SupportReason::learning_disability);
  rates.continuation.fill(1.0);
  rates.continuation[0] = 0.0;
  for (auto& constants : rates.choice_constant) constants.fill(model::kNotOffered);
  rates.choice_constant[ld][idx(Service::internal_day_centre)] = 0.0;
  rates.internal_centres = {{kPeople, 1900, 9999}};
  rates.levers.alternative_shares[idx(Service::community)] = 1.0;
  std::vector<double> remaining(kYears + 1, 0.0);
  for (int r = 0; r < kReplications; ++r) {
    std::array<std::int32_t, model::kCellCount> cells{};
    cells[static_cast<std::size_t>(model::cell_index(model::Sex::female, 35))] = kPeople;
    model::Population p = model::build_population(cells);
    for (auto& c : p.conditions) c = model::with_learning_disability(c, model::LearningDisability::moderate_severe);
    rates.start_probability[ld] = model::RatesByCell::Constant(1.0);
    rates.levers.voluntary_move = {};
    model::ServicesStep step;
    std::array<std::int32_t, model::kServiceReasonCount> starters{}, leavers{};
    step.advance(p, rates, {11, static_cast<std::uint32_t>(r), 2022}, {starters, leavers});
    rates.start_probability[ld].setZero();
    rates.levers.voluntary_move = {2023, 2023, kMove};
    for (int k = 0; k <= kYears; ++k) {
      if (k > 0)
        step.advance(p, rates, {11, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(2022 + k)},
                     {starters, leavers});
      remaining[static_cast<std::size_t>(k)] += static_cast<double>(
          std::count(p.service.begin(), p.service.end(), static_cast<std::uint8_t>(Service::internal_day_centre)));
    }
  }
  for (int k = 0; k <= kYears; ++k) {
    const double p_stay = std::pow(1.0 - kMove, k);
    const double expected = kPeople * p_stay;
    const double se = std::sqrt(kPeople * p_stay * (1.0 - p_stay) / kReplications);
    EXPECT_NEAR(remaining[static_cast<std::size_t>(k)] / kReplications, expected, 4.0 * se + 1e-9) << "year " << k;
  }
}

// New users who choose a centre take the alternative with probability s: binomial, within 4 SE.
TEST(ScenarioLevers, NewUserShiftIsBinomialWithTheLeverShare) {
  constexpr int kPeople = 20000;
  constexpr double kShift = 0.35;
  model::ServiceRates rates;
  const auto ld = static_cast<std::size_t>(model::SupportReason::learning_disability);
  rates.start_probability[ld] = model::RatesByCell::Constant(1.0);
  rates.continuation.fill(1.0);
  rates.continuation[0] = 0.0;
  for (auto& constants : rates.choice_constant) constants.fill(model::kNotOffered);
  rates.choice_constant[ld][idx(Service::external_day_centre)] = 0.0;
  rates.levers.alternative_shares[idx(Service::supported_employment)] = 1.0;
  rates.levers.new_user_shift = {2023, 2023, kShift};
  std::array<std::int32_t, model::kCellCount> cells{};
  cells[static_cast<std::size_t>(model::cell_index(model::Sex::male, 25))] = kPeople;
  model::Population p = model::build_population(cells);
  for (auto& c : p.conditions) c = model::with_learning_disability(c, model::LearningDisability::moderate_severe);
  model::ServicesStep step;
  std::array<std::int32_t, model::kServiceReasonCount> starters{}, leavers{};
  step.advance(p, rates, {13, 0, 2023}, {starters, leavers});
  const auto shifted = static_cast<double>(
      std::count(p.service.begin(), p.service.end(), static_cast<std::uint8_t>(Service::supported_employment)));
  EXPECT_NEAR(shifted, kPeople * kShift, 4.0 * std::sqrt(kPeople * kShift * (1 - kShift)));
}

}  // namespace
}  // namespace dayopps
