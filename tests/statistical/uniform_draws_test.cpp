// The keyed uniforms behave as independent U(0,1): mean, variance, tail frequency and the correlation of
// the two uniforms taken from one Philox block, each within 4 standard errors.
#include <gtest/gtest.h>

#include <cmath>

#include "model/random_draws.hpp"

namespace dayopps::model {
namespace {

TEST(UniformDraws, MomentsTailAndWithinBlockCorrelation) {
  constexpr int n = 1000000;
  double sum = 0, sum_sq = 0, sum_cross = 0, sum_second = 0;
  int below_one_percent = 0;
  for (std::uint32_t person = 0; person < static_cast<std::uint32_t>(n); ++person) {
    const RandomWords w = random_words(20180731, 0, person, 2030, RandomEvent::demography);
    const double u = uniform_01(w[0], w[1]);
    const double v = uniform_01(w[2], w[3]);
    sum += u;
    sum_sq += u * u;
    sum_second += v;
    sum_cross += u * v;
    below_one_percent += u < 0.01;
  }
  const double mean = sum / n;
  EXPECT_NEAR(mean, 0.5, 4.0 * std::sqrt(1.0 / 12.0 / n));
  // Var(u^2) = 1/5 - 1/9 = 4/45.
  EXPECT_NEAR(sum_sq / n, 1.0 / 3.0, 4.0 * std::sqrt(4.0 / 45.0 / n));
  EXPECT_NEAR(below_one_percent, 0.01 * n, 4.0 * std::sqrt(0.01 * 0.99 * n));
  // Cov(u, v) = 0; Var(uv) = 1/9 - 1/16.
  const double covariance = sum_cross / n - mean * (sum_second / n);
  EXPECT_NEAR(covariance, 0.0, 4.0 * std::sqrt((1.0 / 9.0 - 1.0 / 16.0) / n));
}

}  // namespace
}  // namespace dayopps::model
