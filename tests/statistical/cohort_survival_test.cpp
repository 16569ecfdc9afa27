// A closed cohort followed for 25 years against the analytic (Markov) survival curve of the same rates:
// S(k) = prod_{j<k} (1 - q[age0 + j]). Alignment targets are set so nobody is ever removed, so the
// original members (ids below the cohort size) leave only by death.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "model/base_population.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {
namespace {

TEST(CohortSurvival, MatchesTheMarkovCalculationEveryYear) {
  constexpr int kCohort = 200000;
  constexpr int kStartAge = 60;
  RatesByCell q = RatesByCell::Zero();
  for (int age = 0; age <= kOpenAgeGroup; ++age) {
    q(cell_index(Sex::male, age)) = std::min(1.0, 0.006 * std::exp(0.085 * (age - 60)));  // Gompertz-like
    q(cell_index(Sex::female, age)) = 0.5 * q(cell_index(Sex::male, age));
  }
  std::array<std::int32_t, kCellCount> start{};
  start[static_cast<std::size_t>(cell_index(Sex::male, kStartAge))] = kCohort;
  start[static_cast<std::size_t>(cell_index(Sex::female, kStartAge))] = kCohort;
  Population population = build_population(start);

  double survival[2] = {1.0, 1.0};
  YearStep step;
  for (int k = 1; k <= 25; ++k) {
    std::array<std::int32_t, kCellCount> target{}, deaths{}, additions{}, removals{};
    for (int sex = 0; sex < kSexCount; ++sex) {
      target[static_cast<std::size_t>(cell_index(sex, std::min(kStartAge + k, kOpenAgeGroup)))] = kCohort;
      survival[sex] *= 1.0 - q(cell_index(sex, std::min(kStartAge + k - 1, kOpenAgeGroup)));
    }
    step.advance(population, q, target, {777, 0, static_cast<std::uint32_t>(2022 + k)}, {deaths, additions, removals});
    int original_alive[2] = {0, 0};
    for (std::size_t i = 0; i < population.size(); ++i) {
      if (population.id[i] < 2 * kCohort) ++original_alive[population.sex[i]];
    }
    for (int sex = 0; sex < kSexCount; ++sex) {
      const double expected = kCohort * survival[sex];
      const double se = std::sqrt(kCohort * survival[sex] * (1 - survival[sex]));
      EXPECT_NEAR(original_alive[sex], expected, 4.0 * se + 1e-9) << "sex " << sex << ", year " << k;
    }
    for (const auto r : removals) ASSERT_EQ(r, 0);
  }
}

}  // namespace
}  // namespace dayopps::model
