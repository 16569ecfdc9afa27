// The derivations from published prevalences to rates, against hand calculations.
#include "derivation/condition_rates.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace dayopps::derivation {
namespace {

ByAge constant(double v) {
  ByAge a;
  a.fill(v);
  return a;
}

TEST(ConditionRates, InterpolatesBetweenMidpointsOfNarrowBands) {
  const std::vector<AgeBandValue> bands = {{0, 64, 0.0}, {65, 69, 0.01}, {70, 74, 0.03}, {90, 90, 0.4}};
  const ByAge v = interpolate_bands(bands);
  EXPECT_EQ(v[40], 0.0);   // inside the wide band: its own value
  EXPECT_EQ(v[64], 0.0);   // no interpolation out of a wide band
  EXPECT_EQ(v[65], 0.01);  // below the first narrow midpoint (67) next to a wide band: the band's value
  EXPECT_DOUBLE_EQ(v[67], 0.01);
  EXPECT_DOUBLE_EQ(v[70], 0.01 + 0.6 * 0.02);  // 3/5 of the way from 67 to 72
  EXPECT_DOUBLE_EQ(v[74], 0.03);               // beyond the last midpoint before a gap
  EXPECT_EQ(v[80], 0.0);                       // not covered
  EXPECT_DOUBLE_EQ(v[90], 0.4);
}

TEST(ConditionRates, TheOpenGroupKeepsItsBandValue) {
  // CFAS II women: 85-89 = 0.181, 90+ = 0.35. Ages 88-89 rise towards the 90+ midpoint; the 90+ cell is the band.
  const std::vector<AgeBandValue> bands = {{85, 89, 0.181}, {90, 90, 0.35}};
  const ByAge v = interpolate_bands(bands);
  EXPECT_DOUBLE_EQ(v[87], 0.181);
  EXPECT_DOUBLE_EQ(v[89], 0.181 + (2.0 / 5.0) * (0.35 - 0.181));
  EXPECT_DOUBLE_EQ(v[90], 0.35);
}

TEST(ConditionRates, OnsetIsZeroWhenPrevalenceOnlyReflectsNothing) {
  // Constant prevalence and no excess mortality: nothing needs to start.
  const ByAge onset = implied_onset(constant(0.1), constant(0.02), constant(1.0));
  for (double i : onset) EXPECT_NEAR(i, 0.0, 1e-15);
}

TEST(ConditionRates, OnsetWithoutDeathsIsTheRiseInPrevalence) {
  ByAge p{};
  for (std::size_t a = 0; a < p.size(); ++a) p[a] = 0.004 * static_cast<double>(a);
  const ByAge onset = implied_onset(p, constant(0.0), constant(2.0));
  for (std::size_t a = 1; a + 1 < p.size(); ++a) EXPECT_NEAR(onset[a], (p[a] - p[a - 1]) / (1 - p[a - 1]), 1e-12) << a;
}

TEST(ConditionRates, OnsetReplacesExcessDeathsAtConstantPrevalence) {
  // i = p q (m - 1) / (1 - q) keeps p constant when those with the condition die m times as often.
  const double p = 0.2, q = 0.05, m = 3.0;
  const ByAge onset = implied_onset(constant(p), constant(q), constant(m));
  for (std::size_t a = 1; a < onset.size(); ++a) EXPECT_NEAR(onset[a], p * q * (m - 1) / (1 - q), 1e-12) << a;
}

TEST(ConditionRates, LifelongProfileFollowsRelativeSurvival) {
  const double q = 0.01, m = 3.0;
  const ByAge r = lifelong_condition_profile(constant(q), constant(m));
  for (int a = 0; a < 90; ++a) EXPECT_NEAR(r[static_cast<std::size_t>(a)], std::pow((1 - m * q) / (1 - q), a), 1e-12);
  EXPECT_NEAR(r[90], std::pow((1 - m * q) / (1 - q), 90) / m, 1e-12);
}

TEST(ConditionRates, ScalesAProfileToTheOverallShare) {
  const std::vector<double> people = {100, 300, 600};
  const std::vector<double> profile = {1.0, 0.5, 0.25};
  const double k = scale_to_overall_prevalence(people, profile, 0.01);
  EXPECT_NEAR((100 * k + 300 * 0.5 * k + 600 * 0.25 * k) / 1000, 0.01, 1e-12);
  EXPECT_THROW(scale_to_overall_prevalence(people, profile, 1.5), std::invalid_argument);
  EXPECT_EQ(scale_to_overall_prevalence(people, profile, 0.0), 0.0);
}

}  // namespace
}  // namespace dayopps::derivation
