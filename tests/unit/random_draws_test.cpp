// The generator and the uniform conversion: known answers from Random123, exact edge values, and a golden
// snapshot that fails if the stream of draws ever changes by accident.
#include "model/random_draws.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

namespace dayopps::model {
namespace {

// Known-answer vectors from Random123's tests/kat_vectors ("philox4x32 10" lines).
TEST(RandomDraws, PhiloxMatchesRandom123KnownAnswers) {
  using Philox = r123::Philox4x32;
  struct Case {
    Philox::ctr_type counter;
    Philox::key_type key;
    Philox::ctr_type expected;
  };
  const Case cases[] = {
      {{{0, 0, 0, 0}}, {{0, 0}}, {{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}}},
      {{{0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}},
       {{0xffffffff, 0xffffffff}},
       {{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}}},
      {{{0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}},
       {{0xa4093822, 0x299f31d0}},
       {{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}}},
  };
  for (const Case& c : cases) EXPECT_EQ(Philox{}(c.counter, c.key), c.expected);
}

// Every batched kernel this machine can run gives exactly the scalar draws, for full and partial batches,
// any seed and ids across the whole 32-bit range (the AVX2 kernel's lane shuffles would show in odd lanes).
TEST(RandomDraws, BatchMatchesTheScalarDraws) {
  std::vector<std::uint32_t> persons(kRandomBatch);
  int kernels_run = 0;
  for (const RandomKernel kernel : {RandomKernel::lanewise, RandomKernel::avx2}) {
    if (!random_kernel_available(kernel)) continue;
    ++kernels_run;
    for (const std::uint64_t seed : {0ull, 20180731ull, 0xFFFFFFFFFFFFFFFFull}) {
      for (const int count : {1, 17, 33, kRandomBatch}) {
        for (int j = 0; j < count; ++j)
          persons[static_cast<std::size_t>(j)] = 0x9E3779B9u * static_cast<std::uint32_t>(j + 1);
        for (const auto event : {RandomEvent::demography, RandomEvent::parameter_draw}) {
          RandomWordsBatch batch;
          random_words_batch_with(kernel, seed, 7, persons.data(), count, 2031, event, batch);
          for (int j = 0; j < count; ++j) {
            const RandomWords scalar = random_words(seed, 7, persons[static_cast<std::size_t>(j)], 2031, event);
            EXPECT_EQ(batch.words(static_cast<std::size_t>(j)), scalar)
                << "kernel " << static_cast<int>(kernel) << ", lane " << j;
          }
        }
      }
    }
  }
  EXPECT_GE(kernels_run, 1);
  RandomWordsBatch chosen, lanewise;
  random_words_batch(20180731ull, 3, persons.data(), kRandomBatch, 2030, RandomEvent::service, chosen);
  random_words_batch_with(RandomKernel::lanewise, 20180731ull, 3, persons.data(), kRandomBatch, 2030,
                          RandomEvent::service, lanewise);
  EXPECT_EQ(chosen.word, lanewise.word);
}

TEST(RandomDraws, KeyAndCounterLayout) {
  // random_words puts the seed in the key (low word first) and {person, replication, year, event} in the counter.
  const std::uint64_t seed = 0x299f31d0a4093822ULL;
  const RandomWords words =
      random_words(seed, 0x85a308d3, 0x243f6a88, 0x13198a2e, static_cast<RandomEvent>(0x03707344));
  EXPECT_EQ(words, (RandomWords{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(RandomDraws, UniformCoversZeroToJustBelowOne) {
  EXPECT_EQ(uniform_01(0, 0), 0.0);
  EXPECT_EQ(uniform_01(0xffffffff, 0xffffffff), 1.0 - 0x1.0p-53);
  EXPECT_EQ(uniform_01(0x80000000, 0), 0.5);
  // Only the top 27 and 26 bits are used.
  EXPECT_EQ(uniform_01(0x1f, 0x3f), 0.0);
}

// The integer comparison of the hot loop decides exactly as the double one, including at the edges: a
// probability of 0 or 1, one just above a representable uniform, and uniforms just below and at p.
TEST(RandomDraws, IntegerThresholdDecidesAsTheDoubleComparison) {
  std::vector<double> probabilities = {
      0.0,    1.0,         0x1.0p-53, 0x1.8p-53, 0.5, 0.5 + 0x1.0p-53, 1.0 - 0x1.0p-53, std::nextafter(1.0, 0.0),
      1e-300, 0.0123456789};
  std::mt19937_64 engine(17);
  std::uniform_real_distribution<double> any(0.0, 1.0);
  for (int k = 0; k < 2000; ++k) probabilities.push_back(any(engine));
  for (const double p : probabilities) {
    const std::uint64_t threshold = threshold_53(p);
    // Words whose uniform lies at, just below and just above p, and random ones.
    constexpr std::uint64_t kLargest = (std::uint64_t{1} << 53) - 1;
    const auto m_at = std::min(static_cast<std::uint64_t>(std::floor(p * 0x1.0p53)), kLargest);
    std::vector<std::uint64_t> ms = {m_at, m_at == 0 ? 0 : m_at - 1, std::min(m_at + 1, kLargest), 0, kLargest};
    for (int r = 0; r < 20; ++r) ms.push_back(engine() >> 11);
    for (const std::uint64_t m : ms) {
      const auto high = static_cast<std::uint32_t>((m >> 26) << 5);
      const auto low = static_cast<std::uint32_t>((m & ((1u << 26) - 1)) << 6);
      ASSERT_EQ(uniform_53_bits(high, low), m);
      ASSERT_EQ(uniform_53_bits(high, low) < threshold, uniform_01(high, low) < p) << "p " << p << ", m " << m;
    }
  }
}

TEST(RandomDraws, DrawsDependOnEveryPartOfTheKey) {
  const RandomWords base = random_words(1, 2, 3, 2030, RandomEvent::demography);
  EXPECT_EQ(base, random_words(1, 2, 3, 2030, RandomEvent::demography));
  EXPECT_NE(base, random_words(2, 2, 3, 2030, RandomEvent::demography));
  EXPECT_NE(base, random_words(1, 3, 3, 2030, RandomEvent::demography));
  EXPECT_NE(base, random_words(1, 2, 4, 2030, RandomEvent::demography));
  EXPECT_NE(base, random_words(1, 2, 3, 2031, RandomEvent::demography));
  EXPECT_NE(base, random_words(1ULL << 32, 2, 3, 2030, RandomEvent::demography));  // high seed word counts
}

// Golden snapshot: if this fails, every published result changes. Update only on purpose.
TEST(RandomDraws, GoldenStream) {
  const RandomWords words = random_words(20180731, 0, 0, 2023, RandomEvent::demography);
  const double survival_draw = uniform_01(words[0], words[1]);
  EXPECT_EQ(words, (RandomWords{0x9ee4ab6c, 0xaf7f68d3, 0x65a650a6, 0x5c4eb067}));
  EXPECT_EQ(survival_draw, 0.62067672375990346);
}

}  // namespace
}  // namespace dayopps::model
