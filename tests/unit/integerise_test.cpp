#include "model/integerise.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <random>

namespace dayopps::model {
namespace {

TEST(Integerise, WholeNumbersAreUnchanged) {
  const std::vector<double> values = {7493, 0, 12, 1, 1e6};
  const auto result = integerise_preserving_total(values);
  EXPECT_EQ(result, (std::vector<std::int64_t>{7493, 0, 12, 1, 1000000}));
}

TEST(Integerise, LargestRemaindersRoundUp) {
  // Total 10.0: floors sum to 8, the two largest remainders (0.7, 0.6) get the extra people.
  const std::vector<double> values = {1.2, 2.7, 3.6, 2.5};
  EXPECT_EQ(integerise_preserving_total(values), (std::vector<std::int64_t>{1, 3, 4, 2}));
}

TEST(Integerise, TiesGoToTheLowerIndex) {
  const std::vector<double> values = {0.5, 0.5, 0.5, 0.5};  // total 2
  EXPECT_EQ(integerise_preserving_total(values), (std::vector<std::int64_t>{1, 1, 0, 0}));
}

TEST(Integerise, PreservesRoundedTotalAndStaysWithinOneOfEachValue) {
  std::mt19937_64 engine(7);
  std::uniform_real_distribution<double> people(0.0, 20000.0);
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> values(182);
    for (double& v : values) v = people(engine);
    const auto result = integerise_preserving_total(values);
    const double total = std::accumulate(values.begin(), values.end(), 0.0);
    EXPECT_EQ(std::accumulate(result.begin(), result.end(), std::int64_t{0}), std::llround(total));
    for (std::size_t i = 0; i < values.size(); ++i)
      EXPECT_LT(std::abs(static_cast<double>(result[i]) - values[i]), 1.0);
  }
}

TEST(Integerise, RejectsNegativeAndNonFinite) {
  EXPECT_THROW(integerise_preserving_total(std::vector<double>{1.0, -0.5}), std::invalid_argument);
  EXPECT_THROW(integerise_preserving_total(std::vector<double>{NAN}), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
