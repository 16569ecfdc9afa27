// The microsimulation against a cohort (Markov) projection of the same rates, computed independently here:
// a closed cohort of men aged 65, with dementia prevalence on entry, derived onset and excess mortality.
// Two states, with (D) and without (W) dementia, a = 65 + k:
//   D(k+1) = D(k)(1 - m q(a)) + W(k)(1 - q(a)) i(a+1),   W(k+1) = W(k)(1 - q(a))(1 - i(a+1)).
// Every member moves independently, so the count in D after k years is Binomial(N, D(k)/N) (W likewise): the
// mean of R replications has the known standard deviation sqrt(D(k)(1 - D(k)/N) / R), and must lie within 4 of
// them of D(k) (and of W(k)) in every year. The Markov prevalence D/(D+W) must reproduce the published curve
// (what the onset derivation promises).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "derivation/condition_rates.hpp"
#include "model/base_population.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {
namespace {

TEST(ConditionMarkov, DementiaCohortMatchesTheMarkovProjection) {
  constexpr int kCohort = 50000;
  constexpr int kStartAge = 65;
  constexpr int kYears = 20;
  constexpr int kReplications = 20;
  constexpr double kExcess = 3.32;

  // CFAS II male prevalence by band (test inputs), a Gompertz-like q.
  const std::vector<derivation::AgeBandValue> bands = {{0, 64, 0.0},    {65, 69, 0.012}, {70, 74, 0.030},
                                                       {75, 79, 0.052}, {80, 84, 0.106}, {85, 89, 0.128},
                                                       {90, 90, 0.171}};
  derivation::ByAge prevalence = derivation::interpolate_bands(bands);
  derivation::ByAge q{}, m{};
  for (int a = 0; a <= kOpenAgeGroup; ++a) {
    q[static_cast<std::size_t>(a)] = std::min(0.5, 0.01 * std::exp(0.09 * (a - 65)));
    m[static_cast<std::size_t>(a)] = kExcess;
  }
  const derivation::ByAge onset = derivation::implied_onset(prevalence, q, m);

  RatesByCell death = RatesByCell::Zero();
  CareNeedRates rates;
  for (int a = 0; a <= kOpenAgeGroup; ++a) {
    const int cell = cell_index(Sex::male, a);
    death(cell) = q[static_cast<std::size_t>(a)];
    rates.dementia(cell) = prevalence[static_cast<std::size_t>(a)];
    rates.dementia_onset(cell) = onset[static_cast<std::size_t>(a)];
    rates.excess_mortality_dementia(cell) = kExcess;
  }

  // Markov projection.
  std::vector<double> with(static_cast<std::size_t>(kYears) + 1), without(static_cast<std::size_t>(kYears) + 1);
  with[0] = kCohort * prevalence[kStartAge];
  without[0] = kCohort - with[0];
  for (std::size_t k = 0; k < static_cast<std::size_t>(kYears); ++k) {
    const std::size_t a = kStartAge + k;
    with[k + 1] = with[k] * (1 - m[a] * q[a]) + without[k] * (1 - q[a]) * onset[a + 1];
    without[k + 1] = without[k] * (1 - q[a]) * (1 - onset[a + 1]);
    if (a + 1 < static_cast<std::size_t>(kOpenAgeGroup)) {
      EXPECT_NEAR(with[k + 1] / (with[k + 1] + without[k + 1]), prevalence[a + 1], 1e-12) << "age " << a + 1;
    }
  }

  // Microsimulation: original members are ids below kCohort; alignment only ever adds (targets stay high).
  std::vector<std::vector<double>> sim_with(static_cast<std::size_t>(kYears) + 1),
      sim_without(static_cast<std::size_t>(kYears) + 1);
  for (int r = 0; r < kReplications; ++r) {
    std::array<std::int32_t, kCellCount> start{};
    start[static_cast<std::size_t>(cell_index(Sex::male, kStartAge))] = kCohort;
    Population p = build_population(start);
    assign_conditions_to_new_records(p, 0, rates, 2024, static_cast<std::uint32_t>(r), 2022);
    YearStep step;
    for (int k = 0; k <= kYears; ++k) {
      if (k > 0) {
        std::array<std::int32_t, kCellCount> target{}, deaths{}, additions{}, removals{};
        target[static_cast<std::size_t>(cell_index(Sex::male, std::min(kStartAge + k, kOpenAgeGroup)))] = kCohort;
        step.advance(p, StepRates(death, &rates), target,
                     {2024, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(2022 + k)},
                     {deaths, additions, removals});
        for (const auto x : removals) ASSERT_EQ(x, 0);
      }
      double w = 0, d = 0;
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (p.id[i] >= static_cast<PersonId>(kCohort)) continue;
        (has_dementia(p.conditions[i]) ? d : w) += 1;
      }
      sim_with[static_cast<std::size_t>(k)].push_back(d);
      sim_without[static_cast<std::size_t>(k)].push_back(w);
    }
  }
  const auto mean = [](const std::vector<double>& x) {
    double sum = 0;
    for (double v : x) sum += v;
    return sum / static_cast<double>(x.size());
  };
  // The known (binomial) standard deviation of the mean of kReplications counts with expectation `expected`.
  const auto sd_of_mean = [](double expected) {
    return std::sqrt(expected * (1.0 - expected / kCohort) / kReplications);
  };
  for (int k = 0; k <= kYears; ++k) {
    const double d = with[static_cast<std::size_t>(k)], w = without[static_cast<std::size_t>(k)];
    EXPECT_NEAR(mean(sim_with[static_cast<std::size_t>(k)]), d, 4 * sd_of_mean(d) + 1e-9)
        << "with dementia, year " << k;
    EXPECT_NEAR(mean(sim_without[static_cast<std::size_t>(k)]), w, 4 * sd_of_mean(w) + 1e-9)
        << "without dementia, year " << k;
  }
}

}  // namespace
}  // namespace dayopps::model
