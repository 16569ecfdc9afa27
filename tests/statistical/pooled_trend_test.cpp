// The pooled trend recovers what a synthetic panel was built from: a local level with drift per council, the
// councils' drifts spread around a common one, a known break. Tolerances are 4 standard errors of the estimate
// (the fit's own for the drift and the shift; the spread of the estimates over repeated panels for the
// variances, measured by the test itself).
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "forecast/pooled_trend.hpp"

namespace dayopps::forecast {
namespace {

struct Truth {
  double drift = -0.08, between = 0.03 * 0.03, noise = 0.1 * 0.1, level = 0.05 * 0.05, shift = -0.3;
  int shift_year = 2012;
};

Panel synthetic_panel(const Truth& truth, int councils, std::uint32_t seed, std::vector<double>* true_drifts) {
  std::mt19937_64 random(seed);
  std::normal_distribution<double> z(0.0, 1.0);
  Panel panel;
  for (int c = 0; c < councils; ++c) {
    PanelSeries s{"E0600" + std::to_string(1000 + c), "council", ClientGroup::all_65_over, {}, {}, 1e5, 1e5, {}};
    const double drift = truth.drift + std::sqrt(truth.between) * z(random);
    if (true_drifts) true_drifts->push_back(drift);
    double level = std::log(0.005) + 0.5 * z(random);  // council levels differ widely
    for (int year = 2009; year <= 2014; ++year) {
      if (year > 2009)
        level += drift + std::sqrt(truth.level) * z(random) + (year == truth.shift_year ? truth.shift : 0);
      s.years.push_back(year);
      s.counts.push_back(1e5 * std::exp(level + std::sqrt(truth.noise) * z(random)));
    }
    panel.series.push_back(std::move(s));
  }
  return panel;
}

TEST(PooledTrend, RecoversTheCommonDriftAndTheBreakWithinFourStandardErrors) {
  const Truth truth;
  const std::vector<LevelShift> shifts{{ClientGroup::all_65_over, truth.shift_year}};
  for (std::uint32_t seed = 1; seed <= 5; ++seed) {
    const PooledTrend t =
        fit_pooled_trend(synthetic_panel(truth, 150, seed, nullptr), ClientGroup::all_65_over, 2014, shifts);
    EXPECT_EQ(t.councils, 150);
    EXPECT_NEAR(t.drift, truth.drift, 4 * t.drift_standard_error) << "seed " << seed;
    ASSERT_EQ(t.shifts.size(), 1u);
    EXPECT_NEAR(t.shifts[0].size, truth.shift, 4 * t.shifts[0].standard_error) << "seed " << seed;
  }
}

TEST(PooledTrend, VarianceComponentsAreUnbiasedOverRepeatedPanels) {
  const Truth truth;
  const std::vector<LevelShift> shifts{{ClientGroup::all_65_over, truth.shift_year}};
  constexpr int kPanels = 40;
  double sum[3] = {}, square[3] = {};
  for (std::uint32_t seed = 100; seed < 100 + kPanels; ++seed) {
    const PooledTrend t =
        fit_pooled_trend(synthetic_panel(truth, 150, seed, nullptr), ClientGroup::all_65_over, 2014, shifts);
    const double v[3] = {t.noise_variance, t.level_variance, t.between_councils_variance};
    for (int k = 0; k < 3; ++k) {
      sum[k] += v[k];
      square[k] += v[k] * v[k];
    }
  }
  const double want[3] = {truth.noise, truth.level, truth.between};
  for (int k = 0; k < 3; ++k) {
    const double mean = sum[k] / kPanels;
    const double sd = std::sqrt((square[k] / kPanels - mean * mean) * kPanels / (kPanels - 1));
    // The moments are of overlapping pairs and the non-negativity bound trims the smallest: allow 4 standard
    // errors of the mean plus a tenth of the value for that bias.
    EXPECT_NEAR(mean, want[k], 4 * sd / std::sqrt(kPanels) + 0.1 * want[k]) << "component " << k;
  }
}

TEST(PooledTrend, ShrunkDriftsAreCloserToTheTruthThanTheCouncilsOwn) {
  const Truth truth;
  std::vector<double> true_drifts;
  const Panel panel = synthetic_panel(truth, 150, 42, &true_drifts);
  const PooledTrend t = fit_pooled_trend(panel, ClientGroup::all_65_over, 2014, {{ClientGroup::all_65_over, 2012}});
  double own = 0.0, shrunk = 0.0;
  for (std::size_t c = 0; c < panel.series.size(); ++c) {
    const CouncilDrift& d = t.council.at(panel.series[c].area_code);
    own += std::pow(d.own - true_drifts[c], 2);
    shrunk += std::pow(d.shrunk - true_drifts[c], 2);
  }
  EXPECT_LT(shrunk, 0.8 * own);
}

}  // namespace
}  // namespace dayopps::forecast
