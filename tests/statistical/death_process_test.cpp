// Deaths in one simulated year against their expected count sum(q), with the tolerance derived from the
// standard error of a sum of independent Bernoulli draws, sqrt(sum q(1-q)). Fixed seeds: never flaky.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "../unit/test_support.hpp"
#include "inputs/loaders/life_table_file.hpp"
#include "inputs/loaders/population_table.hpp"
#include "model/base_population.hpp"
#include "model/integerise.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {
namespace {

struct Birmingham {
  std::array<std::int32_t, kCellCount> base{};
  RatesByCell q;
};

const Birmingham& birmingham() {
  static const Birmingham data = [] {
    Birmingham b;
    const auto table =
        inputs::load_population_table(testing::bundled_data("birmingham_snpp2022_population_by_sex_age.csv"),
                                      inputs::PopulationTableLayout::projection, "E08000025");
    const auto counts = model::integerise_by_year(table.people.topRows(1));
    for (int c = 0; c < kCellCount; ++c) b.base[static_cast<std::size_t>(c)] = counts(0, c);
    const auto life =
        inputs::load_life_table(testing::bundled_data("england_wales_national_life_tables_3year.csv"), "2016-2018");
    b.q = annual_death_probability(life.female.columns(), life.male.columns());
    return b;
  }();
  return data;
}

struct Band {
  int first_age, last_age;
};

TEST(DeathProcess, DeathsMatchTheirExpectationInEveryAgeBand) {
  const Birmingham& b = birmingham();
  const Band bands[] = {{0, 17}, {18, 64}, {65, 84}, {85, 90}, {0, 90}};
  for (std::uint64_t seed : {1ULL, 20180731ULL, 987654321ULL}) {
    Population population = build_population(b.base);
    std::array<std::int32_t, kCellCount> deaths{}, additions{}, removals{};
    YearStep step;
    step.advance(population, b.q, b.base, {seed, 0, 2023}, {deaths, additions, removals});
    for (const Band& band : bands) {
      double expected = 0, variance = 0, observed = 0;
      for (int sex = 0; sex < kSexCount; ++sex) {
        for (int age = band.first_age; age <= band.last_age; ++age) {
          const auto cell = static_cast<std::size_t>(cell_index(sex, age));
          const double q = b.q(static_cast<Eigen::Index>(cell));
          expected += b.base[cell] * q;
          variance += b.base[cell] * q * (1 - q);
          observed += deaths[cell];
        }
      }
      const double tolerance = 4.0 * std::sqrt(variance);
      EXPECT_NEAR(observed, expected, tolerance)
          << "ages " << band.first_age << "-" << band.last_age << ", seed " << seed << ": expected " << expected;
    }
  }
}

TEST(DeathProcess, MeanOverReplicationsConvergesOnTheExpectation) {
  // 30 replications: the mean of the totals must lie within 4 standard errors of the mean.
  const Birmingham& b = birmingham();
  double expected = 0, variance = 0;
  for (int c = 0; c < kCellCount; ++c) {
    const double q = b.q(c);
    expected += b.base[static_cast<std::size_t>(c)] * q;
    variance += b.base[static_cast<std::size_t>(c)] * q * (1 - q);
  }
  const int replications = 30;
  double sum = 0;
  for (int r = 0; r < replications; ++r) {
    Population population = build_population(b.base);
    std::array<std::int32_t, kCellCount> deaths{}, additions{}, removals{};
    YearStep step;
    step.advance(population, b.q, b.base, {42, static_cast<std::uint32_t>(r), 2023}, {deaths, additions, removals});
    for (const auto d : deaths) sum += d;
  }
  EXPECT_NEAR(sum / replications, expected, 4.0 * std::sqrt(variance / replications));
}

}  // namespace
}  // namespace dayopps::model
