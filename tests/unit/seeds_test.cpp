#include "model/seeds.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

namespace dayopps::model {
namespace {

// Pinned: a change here changes every multi-area result, so it must be deliberate (and documented).
static_assert(area_seed(20180731, "E08000029") == 2555813381072891315ULL);

TEST(AreaSeed, EachAreaItsOwnValidSeed) {
  std::set<std::uint64_t> seeds;
  for (int code = 25; code <= 31; ++code) {
    const std::string area = "E080000" + std::to_string(code);
    const std::uint64_t seed = area_seed(20180731, area);
    EXPECT_LE(seed, kMaxSeed) << area;  // a valid [run] master_seed, so the area can be re-run alone
    EXPECT_NE(seed, 20180731U) << area;
    seeds.insert(seed);
  }
  EXPECT_EQ(seeds.size(), 7u);
  EXPECT_NE(area_seed(1, "E08000025"), area_seed(2, "E08000025"));
  EXPECT_EQ(area_seed(kMaxSeed, "E08000025"), area_seed(kMaxSeed, std::string("E08000025")));
}

// The batch and synthetic-truth rules, pinned: common random numbers share the baseline's seed.
static_assert(scenario_seed(20180731, 3, false) == 20180731);
static_assert(scenario_seed(20180731, 3, true) == 20180734);
static_assert(synthetic_truth_seed(2019) == (2019ULL ^ 0x5EEDF00DULL));
static_assert(kMaxSeed == 9223372036854775807ULL);
// The one rule every run path uses: the master seed alone, a batch scenario's, an area's.
static_assert(unit_seed(20180731, RunUnit::single) == 20180731);
static_assert(unit_seed(20180731, RunUnit::batch_scenario, 3) == 20180731);
static_assert(unit_seed(20180731, RunUnit::batch_scenario, 3, {}, true) == 20180734);
static_assert(unit_seed(20180731, RunUnit::area, 0, "E08000029") == area_seed(20180731, "E08000029"));

}  // namespace
}  // namespace dayopps::model
