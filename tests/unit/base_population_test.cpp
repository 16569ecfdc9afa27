#include "model/base_population.hpp"

#include <gtest/gtest.h>

#include <array>
#include <set>

#include "inputs/loaders/population_table.hpp"
#include "model/integerise.hpp"
#include "test_support.hpp"

namespace dayopps::model {
namespace {

std::array<std::int32_t, kCellCount> count_cells(const Population& population) {
  std::array<std::int32_t, kCellCount> counts{};
  for (std::size_t i = 0; i < population.size(); ++i)
    ++counts[static_cast<std::size_t>(cell_index(population.sex[i], population.age[i]))];
  return counts;
}

TEST(BasePopulation, ReconstructsBirminghamBaseYearExactly) {
  const auto table =
      inputs::load_population_table(testing::bundled_data("birmingham_snpp2022_population_by_sex_age.csv"),
                                    inputs::PopulationTableLayout::projection, "E08000025");
  const auto counts = model::integerise_by_year(table.people.topRows(1));
  // The 2022 base is published in whole persons, so integerising must not move anyone.
  for (int cell = 0; cell < kCellCount; ++cell) EXPECT_EQ(counts(0, cell), table.people(0, cell)) << "cell " << cell;

  const Population population = build_population(std::span<const std::int32_t>(counts.row(0).data(), kCellCount));
  EXPECT_EQ(population.size(), 1154221u);
  const auto rebuilt = count_cells(population);
  for (int cell = 0; cell < kCellCount; ++cell) EXPECT_EQ(rebuilt[static_cast<std::size_t>(cell)], counts(0, cell));

  // Ids are 0..N-1, each once.
  const std::set<PersonId> ids(population.id.begin(), population.id.end());
  EXPECT_EQ(ids.size(), population.size());
  EXPECT_EQ(*ids.rbegin(), population.size() - 1);
  EXPECT_EQ(population.next_id, population.size());
}

TEST(BasePopulation, RejectsNegativeCountsAndWrongShape) {
  std::array<std::int32_t, kCellCount> counts{};
  counts[3] = -1;
  EXPECT_THROW(build_population(counts), std::invalid_argument);
  const std::array<std::int32_t, 5> short_counts{};
  EXPECT_THROW(build_population(short_counts), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
