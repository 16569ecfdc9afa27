// The calibration of start rates and the cost arithmetic, against hand calculations.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "derivation/service_derivation.hpp"
#include "model/service_cost.hpp"

namespace dayopps::derivation {
namespace {

TEST(ServiceCalibration, StartRatesGiveTheAnchorAsTheSteadyState) {
  model::CareNeedRates care;
  care.learning_disability_moderate_severe = model::RatesByCell::Constant(0.01);
  PublishedServices published;
  published.anchor_users = 300;
  published.user_mix[static_cast<std::size_t>(model::SupportReason::learning_disability)] = {3.0, 1.0};
  published.continuation = {0, 0.9, 0.8, 0.9, 0.9, 0.9};
  published.choice_shares = {0, 0.5, 0.5, 0, 0, 0};
  published.internal_centres = {{100, 1900, 9999}};
  std::array<std::int32_t, model::kCellCount> people{};
  people.fill(1000);  // 91,000 per sex: 18-64 has 47 ages x 2 sexes x 1000, 65+ 26 x 2 x 1000
  const model::RatesByCell q = model::RatesByCell::Constant(0.02);
  const ServiceCalibration c = derive_service_rates(published, care, q, people);

  const double people_18_64 = 47 * 2 * 1000 * 0.01, people_65 = 26 * 2 * 1000 * 0.01;
  EXPECT_NEAR(c.people[1][0], people_18_64, 1e-9);
  EXPECT_NEAR(c.people[1][1], people_65, 1e-9);
  EXPECT_NEAR(c.target_users[1][0], 225.0, 1e-9);
  EXPECT_NEAR(c.target_users[1][1], 75.0, 1e-9);
  // Steady share x = v e A / (1 + v e A) with A = sum P(s) / (1 - v c(s)).
  const double v = 1 - 0.02 * care.excess_mortality_learning_disability_moderate_severe(0);
  const double a = 0.5 / (1 - v * 0.9) + 0.5 / (1 - v * 0.8);
  for (int g = 0; g < 2; ++g) {
    const double e = c.rates.start_probability[1](model::cell_index(0, g == 0 ? 30 : 70));
    const double x = v * e * a / (1 + v * e * a);
    EXPECT_NEAR(x * c.people[1][static_cast<std::size_t>(g)], c.target_users[1][static_cast<std::size_t>(g)], 1e-9);
  }
  EXPECT_DOUBLE_EQ(c.rates.transition_at_adulthood[1], 225.0 / people_18_64);
  EXPECT_EQ(c.rates.start_probability[1](model::cell_index(0, 10)), 0.0);  // children do not start
  EXPECT_NEAR(c.rates.choice_constant[1][1], std::log(0.5), 1e-15);
  EXPECT_EQ(c.rates.choice_constant[1][3], model::kNotOffered);
}

TEST(ServiceCalibration, AGivenTransitionAt18OverridesTheDerivedOne) {
  model::CareNeedRates care;
  care.learning_disability_moderate_severe = model::RatesByCell::Constant(0.01);
  PublishedServices published;
  published.anchor_users = 300;
  published.user_mix[1] = {3.0, 1.0};
  published.continuation = {0, 0.9, 0.8, 0.9, 0.9, 0.9};
  published.choice_shares = {0, 0.5, 0.5, 0, 0, 0};
  published.transition_at_adulthood = std::array<double, model::kSupportReasonCount>{0, 0.42, 0.1, 0, 0};
  std::array<std::int32_t, model::kCellCount> people{};
  people.fill(1000);
  const ServiceCalibration c = derive_service_rates(published, care, model::RatesByCell::Constant(0.02), people);
  EXPECT_EQ(c.rates.transition_at_adulthood[1], 0.42);
  EXPECT_EQ(c.rates.transition_at_adulthood[2], 0.1);
}

TEST(ServiceCalibration, AnAnchorLargerThanItsGroupIsRefused) {
  model::CareNeedRates care;
  care.learning_disability_moderate_severe = model::RatesByCell::Constant(0.001);
  PublishedServices published;
  published.anchor_users = 1e6;
  published.user_mix[1] = {1.0, 1.0};
  published.continuation = {0, 0.9, 0.9, 0.9, 0.9, 0.9};
  published.choice_shares = {0, 1, 0, 0, 0, 0};
  std::array<std::int32_t, model::kCellCount> people{};
  people.fill(100);
  EXPECT_THROW(derive_service_rates(published, care, model::RatesByCell::Constant(0.01), people),
               std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::derivation
