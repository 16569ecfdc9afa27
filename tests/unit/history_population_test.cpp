// The history population (derivation/history_population): published years exactly, each cell linear between
// them, held at the earliest published year before it, whole persons meeting each year's rounded total, and the
// projection's rows untouched after the base year.
#include "derivation/history_population.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

namespace dayopps::derivation {
namespace {

PeopleRow row_of(double value) {
  PeopleRow row = PeopleRow::Constant(value);
  row(0) = value + 0.5;  // a fractional cell, so rounding is exercised
  return row;
}

TEST(HistoryPopulation, IsLinearBetweenPublishedYearsAndHeldBeforeTheFirst) {
  PeopleRows projection(3, model::kCellCount);  // 2022, 2023, 2024
  projection.row(0) = row_of(300.0);
  projection.row(1) = row_of(310.0);
  projection.row(2) = row_of(320.0);
  const std::vector<PublishedPopulation> estimates = {{2018, row_of(220.0)}, {2011, row_of(150.0)}};
  const model::YearCellCounts people = history_population(estimates, projection, 2022, 2009);
  ASSERT_EQ(people.first_year, 2009);
  ASSERT_EQ(people.last_year(), 2024);
  const auto cell = [&](int year, int c) { return people.year_row(year)(c); };
  EXPECT_EQ(cell(2009, 5), 150);  // held at 2011
  EXPECT_EQ(cell(2010, 5), 150);
  EXPECT_EQ(cell(2011, 5), 150);
  EXPECT_EQ(cell(2012, 5), 160);  // 150 + (220 - 150) / 7
  EXPECT_EQ(cell(2015, 5), 190);
  EXPECT_EQ(cell(2018, 5), 220);
  EXPECT_EQ(cell(2020, 5), 260);  // halfway from 220 (2018) to 300 (2022)
  EXPECT_EQ(cell(2022, 5), 300);
  EXPECT_EQ(cell(2024, 5), 320);
  for (int year = 2009; year <= 2024; ++year) {
    const double total = year <= 2011   ? 150.0 * model::kCellCount + 0.5
                         : year < 2018  ? (150.0 + 10.0 * (year - 2011)) * model::kCellCount + 0.5
                         : year <= 2022 ? (220.0 + 20.0 * (year - 2018)) * model::kCellCount + 0.5
                                        : (300.0 + 10.0 * (year - 2022)) * model::kCellCount + 0.5;
    EXPECT_EQ(people.year_row(year).cast<std::int64_t>().sum(), std::llround(total)) << year;
  }
}

TEST(HistoryPopulation, RefusesEstimatesInOrAfterTheBaseYearAndAHistoryAfterIt) {
  PeopleRows projection(1, model::kCellCount);
  projection.row(0) = row_of(100.0);
  EXPECT_THROW(history_population({{2022, row_of(90.0)}}, projection, 2022, 2011), std::invalid_argument);
  EXPECT_THROW(history_population({{2011, row_of(90.0)}, {2011, row_of(91.0)}}, projection, 2022, 2011),
               std::invalid_argument);
  EXPECT_THROW(history_population({}, projection, 2022, 2023), std::invalid_argument);
  // No estimate: the years before the base year are held at it.
  const model::YearCellCounts held = history_population({}, projection, 2022, 2020);
  EXPECT_EQ(held.year_row(2020)(3), 100);
}

}  // namespace
}  // namespace dayopps::derivation
