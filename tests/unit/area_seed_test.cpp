#include "model/area_seed.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <set>
#include <string>

namespace dayopps::model {
namespace {

constexpr std::uint64_t kMaxSeed = (std::uint64_t{1} << 63U) - 1U;

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

}  // namespace
}  // namespace dayopps::model
