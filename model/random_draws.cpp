#include "model/random_draws.hpp"

namespace dayopps::model {

namespace {

// Philox4x32-10 (Salmon et al. 2011), as in Random123's philox4x32 (tests/unit/random_draws_test.cpp checks
// the two agree): ten rounds of two 32 × 32 → 64-bit products, the key bumped by the Weyl constants.
constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

}  // namespace

#if defined(__x86_64__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v4", "avx2", "default")))
#endif
void random_words_batch(std::uint64_t master_seed, std::uint32_t replication, const std::uint32_t* persons, int count,
                        std::uint32_t year, RandomEvent event, RandomWordsBatch& out) {
  alignas(64) std::array<std::uint32_t, kRandomBatch> x0{}, x1{}, x2{}, x3{};
  for (int j = 0; j < kRandomBatch; ++j) {
    x0[static_cast<std::size_t>(j)] = j < count ? persons[j] : 0u;
    x1[static_cast<std::size_t>(j)] = replication;
    x2[static_cast<std::size_t>(j)] = year;
    x3[static_cast<std::size_t>(j)] = static_cast<std::uint32_t>(event);
  }
  auto key0 = static_cast<std::uint32_t>(master_seed);
  auto key1 = static_cast<std::uint32_t>(master_seed >> 32);
  for (int round = 0; round < 10; ++round) {
    for (std::size_t j = 0; j < kRandomBatch; ++j) {
      const std::uint64_t product0 = static_cast<std::uint64_t>(kMultiplier0) * x0[j];
      const std::uint64_t product1 = static_cast<std::uint64_t>(kMultiplier1) * x2[j];
      const auto next0 = static_cast<std::uint32_t>(product1 >> 32) ^ x1[j] ^ key0;
      const auto next2 = static_cast<std::uint32_t>(product0 >> 32) ^ x3[j] ^ key1;
      x1[j] = static_cast<std::uint32_t>(product1);
      x3[j] = static_cast<std::uint32_t>(product0);
      x0[j] = next0;
      x2[j] = next2;
    }
    key0 += kWeyl0;
    key1 += kWeyl1;
  }
  out.word[0] = x0;
  out.word[1] = x1;
  out.word[2] = x2;
  out.word[3] = x3;
}

}  // namespace dayopps::model
