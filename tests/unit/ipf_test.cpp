// IPF against known answers (an independent table, a classic worked example), then the rounding to whole
// people: both margins met exactly, every cell the floor or the ceiling of its fitted value.
#include "model/ipf.hpp"

#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "model/integerise.hpp"

namespace dayopps::model {
namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

TEST(Ipf, AUniformSeedGivesTheIndependenceTable) {
  const Table seed = Table::Ones(3, 2);
  const std::vector<double> rows = {10, 30, 60}, columns = {40, 60};
  const IpfResult r = fit_two_way(seed, rows, columns);
  for (std::size_t i = 0; i < 3; ++i)
    for (std::size_t j = 0; j < 2; ++j)
      EXPECT_NEAR(r.fitted(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), rows[i] * columns[j] / 100.0,
                  1e-9);
  EXPECT_LE(r.iterations, 2);
}

TEST(Ipf, KeepsTheSeedsOddsRatioAndMeetsTheMargins) {
  Table seed(2, 2);
  seed << 40, 10, 20, 30;  // odds ratio 6
  const std::vector<double> rows = {100, 200}, columns = {120, 180};
  const IpfResult r = fit_two_way(seed, rows, columns, 1e-10);
  EXPECT_NEAR(r.fitted(0, 0) * r.fitted(1, 1) / (r.fitted(0, 1) * r.fitted(1, 0)), 6.0, 1e-8);
  EXPECT_NEAR(r.fitted.row(0).sum(), 100, 1e-9);
  EXPECT_NEAR(r.fitted.col(1).sum(), 180, 1e-9);
  EXPECT_LE(r.max_margin_error, 1e-10);
  // The 2x2 solution in closed form: a(200-120+a)... solve a*(60+a) = 6*(100-a)*(120-a) by bisection.
  double lo = 0, hi = 100;
  for (int k = 0; k < 200; ++k) {
    const double a = (lo + hi) / 2;
    ((a * (80 + a)) - 6 * (100 - a) * (120 - a) > 0 ? hi : lo) = a;
  }
  EXPECT_NEAR(r.fitted(0, 0), lo, 1e-7);
}

TEST(Ipf, StructuralZerosStayZero) {
  Table seed(2, 3);
  seed << 1, 0, 2, 3, 1, 0;
  const std::vector<double> rows = {5, 7}, columns = {6, 2, 4};
  const IpfResult r = fit_two_way(seed, rows, columns);
  EXPECT_EQ(r.fitted(0, 1), 0.0);
  EXPECT_EQ(r.fitted(1, 2), 0.0);
  EXPECT_LE(r.max_margin_error, 1e-9);
}

TEST(Ipf, RejectsMarginsThatCannotBeMet) {
  const Table seed = Table::Ones(2, 2);
  EXPECT_THROW(fit_two_way(seed, std::vector<double>{1, 2}, std::vector<double>{1, 1}), std::invalid_argument);
  Table diagonal(2, 2);
  diagonal << 1, 0, 0, 1;  // rows and columns must then be equal
  EXPECT_THROW(fit_two_way(diagonal, std::vector<double>{1, 2}, std::vector<double>{2, 1}, 1e-9, 500),
               std::invalid_argument);
  Table zero_row(2, 2);
  zero_row << 0, 0, 1, 1;
  EXPECT_THROW(fit_two_way(zero_row, std::vector<double>{1, 1}, std::vector<double>{1, 1}), std::invalid_argument);
}

TEST(RoundToMargins, MeetsBothMarginsExactlyOnRandomTables) {
  std::mt19937 engine(7);
  std::uniform_real_distribution<double> cell(0.0, 50.0);
  std::uniform_int_distribution<int> size(1, 9);
  std::bernoulli_distribution zero(0.15);
  int attempted = 0, rounded_tables = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const int rows = size(engine), columns = size(engine);
    Table seed(rows, columns);
    for (int i = 0; i < rows; ++i)
      for (int j = 0; j < columns; ++j) seed(i, j) = zero(engine) ? 0.0 : cell(engine);
    // Integer margins from the seed's own (rounded), so they are consistent with its zeros.
    const Eigen::ArrayXd row_sums = seed.rowwise().sum() * 1.3;
    const auto row_totals = integerise_preserving_total(
        std::span<const double>(row_sums.data(), static_cast<std::size_t>(row_sums.size())));
    // Column totals: rescale the seed to the integer rows first, then round its columns.
    Table by_rows = seed;
    for (int i = 0; i < rows; ++i) {
      const double s = seed.row(i).sum();
      by_rows.row(i) *= s > 0 ? static_cast<double>(row_totals[at(i)]) / s : 0.0;
    }
    const Eigen::ArrayXd scaled_columns = by_rows.colwise().sum().transpose();
    const auto column_totals = integerise_preserving_total(
        std::span<const double>(scaled_columns.data(), static_cast<std::size_t>(scaled_columns.size())));
    std::vector<double> row_targets(row_totals.begin(), row_totals.end());
    std::vector<double> column_targets(column_totals.begin(), column_totals.end());
    ++attempted;
    IpfResult fit;
    try {
      fit = fit_two_way(seed, row_targets, column_targets, 1e-9, 20000);
    } catch (const std::invalid_argument&) {
      continue;  // zeros made a column's rounded total unreachable; not this test's subject
    }
    ++rounded_tables;
    const IntegerTable rounded = round_to_margins(fit.fitted, row_totals, column_totals);
    for (int i = 0; i < rows; ++i) ASSERT_EQ(rounded.row(i).sum(), row_totals[at(i)]) << "trial " << trial;
    for (int j = 0; j < columns; ++j) ASSERT_EQ(rounded.col(j).sum(), column_totals[at(j)]) << "trial " << trial;
    for (int i = 0; i < rows; ++i) {
      for (int j = 0; j < columns; ++j) {
        ASSERT_GE(static_cast<double>(rounded(i, j)), std::floor(fit.fitted(i, j) - 1e-6));
        ASSERT_LE(static_cast<double>(rounded(i, j)), std::ceil(fit.fitted(i, j) + 1e-6));
        if (seed(i, j) == 0.0) {
          ASSERT_EQ(rounded(i, j), 0);
        }
      }
    }
  }
  EXPECT_GT(rounded_tables, attempted * 9 / 10);  // the check above really ran on most tables
}

TEST(RoundToMargins, WholeNumbersStayAndTheLargestFractionsRoundUp) {
  Table t(2, 2);
  t << 2.0, 3.0, 1.0, 4.0;
  const std::vector<std::int64_t> rows = {5, 5}, columns = {3, 7};
  EXPECT_TRUE((round_to_margins(t, rows, columns) == t.cast<std::int64_t>()).all());
  Table half(2, 2);
  half << 0.5, 0.5, 0.5, 0.5;
  const std::vector<std::int64_t> ones = {1, 1};
  const IntegerTable r = round_to_margins(half, ones, ones);
  EXPECT_EQ(r.sum(), 2);
  EXPECT_EQ(r(0, 0) + r(0, 1), 1);
  EXPECT_EQ(r(0, 0) + r(1, 0), 1);
}

TEST(RoundToMargins, RejectsATableThatDoesNotMeetTheMargins) {
  const Table t = Table::Constant(2, 2, 0.5);
  EXPECT_THROW(round_to_margins(t, std::vector<std::int64_t>{3, 0}, std::vector<std::int64_t>{2, 1}),
               std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
