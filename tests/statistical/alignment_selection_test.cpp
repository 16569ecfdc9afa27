// Alignment removes people chosen at random: whoever they are, each member of an over-full cell has the
// same chance of being removed, whatever their id or position in the arrays.
#include <gtest/gtest.h>

#include <array>
#include <cmath>

#include "model/base_population.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {
namespace {

TEST(AlignmentSelection, EveryMemberHasTheSameChanceOfRemoval) {
  constexpr int kMembers = 20000;
  constexpr int kKept = 8000;
  constexpr int kDeciles = 10;
  std::array<std::int32_t, kCellCount> start{}, target{};
  start[static_cast<std::size_t>(cell_index(Sex::female, 40))] = kMembers;
  target[static_cast<std::size_t>(cell_index(Sex::female, 41))] = kKept;

  for (std::uint64_t seed : {3ULL, 4ULL, 5ULL}) {
    Population population = build_population(start);
    std::array<std::int32_t, kCellCount> deaths{}, additions{}, removals{};
    YearStep step;
    step.advance(population, RatesByCell(RatesByCell::Zero()), target, {seed, 0, 2023}, {deaths, additions, removals});
    ASSERT_EQ(population.size(), static_cast<std::size_t>(kKept));
    EXPECT_EQ(removals[static_cast<std::size_t>(cell_index(Sex::female, 41))], kMembers - kKept);

    std::array<int, kDeciles> kept_per_decile{};
    for (const PersonId id : population.id) ++kept_per_decile[id / (kMembers / kDeciles)];
    // Without-replacement sampling: hypergeometric SE, slightly below the binomial one used here.
    const double p = static_cast<double>(kKept) / kMembers;
    const double n = kMembers / kDeciles;
    for (int d = 0; d < kDeciles; ++d) {
      EXPECT_NEAR(kept_per_decile[static_cast<std::size_t>(d)], n * p, 4.0 * std::sqrt(n * p * (1 - p)))
          << "decile " << d;
    }
  }
}

}  // namespace
}  // namespace dayopps::model
