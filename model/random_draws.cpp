#include "model/random_draws.hpp"

#if defined(__x86_64__) && !defined(__clang__)
#define DAYOPPS_X86_KERNELS 1
#include <immintrin.h>
#endif

namespace dayopps::model {

namespace {

// Philox4x32-10 (Salmon et al. 2011), as in Random123's philox4x32 (tests/unit/random_draws_test.cpp checks
// the two agree): ten rounds of two 32 × 32 → 64-bit products, the key bumped by the Weyl constants.
constexpr std::uint32_t kMultiplier0 = 0xD2511F53u;
constexpr std::uint32_t kMultiplier1 = 0xCD9E8D57u;
constexpr std::uint32_t kWeyl0 = 0x9E3779B9u;
constexpr std::uint32_t kWeyl1 = 0xBB67AE85u;

// Lanewise, for the compiler to vectorise: with AVX-512 it keeps up with the hand-written kernel below and
// beyond (1.5 ns a person here), on other machines it is the baseline.
#ifdef DAYOPPS_X86_KERNELS
__attribute__((target_clones("arch=x86-64-v4", "default")))
#endif
void philox_lanes(std::uint64_t master_seed, std::uint32_t replication, const std::uint32_t* persons, int count,
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

#ifdef DAYOPPS_X86_KERNELS
// Low and high halves of the 32 × 32 → 64-bit products of the eight lanes of `x` with `multiplier`, in place.
__attribute__((target("avx2"), always_inline)) inline void multiply_wide(__m256i x, __m256i multiplier, __m256i& low,
                                                                         __m256i& high) {
  const __m256i even = _mm256_mul_epu32(x, multiplier);                        // lanes 0, 2, 4, 6, 64 bits each
  const __m256i odd = _mm256_mul_epu32(_mm256_srli_epi64(x, 32), multiplier);  // lanes 1, 3, 5, 7
  low = _mm256_blend_epi32(even, _mm256_slli_epi64(odd, 32), 0xAA);
  high = _mm256_blend_epi32(_mm256_srli_epi64(even, 32), odd, 0xAA);
}

// The same rounds written out for AVX2, where the vectoriser keeps the lanewise form's state in memory between
// rounds (4.7 ns a person): 32 people at a time stay in registers for all ten rounds (1.9 ns).
__attribute__((target("avx2"))) void philox_avx2(std::uint64_t master_seed, std::uint32_t replication,
                                                 const std::uint32_t* persons, int count, std::uint32_t year,
                                                 RandomEvent event, RandomWordsBatch& out) {
  constexpr int kVectors = 4;  // of 8 lanes: 16 registers of state
  alignas(32) std::array<std::uint32_t, kRandomBatch> ids{};
  for (int j = 0; j < kRandomBatch; ++j) ids[static_cast<std::size_t>(j)] = j < count ? persons[j] : 0u;
  const __m256i multiplier0 = _mm256_set1_epi32(static_cast<int>(kMultiplier0));
  const __m256i multiplier1 = _mm256_set1_epi32(static_cast<int>(kMultiplier1));
  for (int first = 0; first < kRandomBatch; first += 8 * kVectors) {
    __m256i x0[kVectors], x1[kVectors], x2[kVectors], x3[kVectors];  // std::array would drop alignment attributes
    for (std::size_t v = 0; v < kVectors; ++v) {
      x0[v] = _mm256_load_si256(reinterpret_cast<const __m256i*>(ids.data() + first + 8 * v));
      x1[v] = _mm256_set1_epi32(static_cast<int>(replication));
      x2[v] = _mm256_set1_epi32(static_cast<int>(year));
      x3[v] = _mm256_set1_epi32(static_cast<int>(event));
    }
    auto key0 = static_cast<std::uint32_t>(master_seed);
    auto key1 = static_cast<std::uint32_t>(master_seed >> 32);
    for (int round = 0; round < 10; ++round) {
      const __m256i k0 = _mm256_set1_epi32(static_cast<int>(key0));
      const __m256i k1 = _mm256_set1_epi32(static_cast<int>(key1));
      for (std::size_t v = 0; v < kVectors; ++v) {
        __m256i low0, high0, low1, high1;
        multiply_wide(x0[v], multiplier0, low0, high0);
        multiply_wide(x2[v], multiplier1, low1, high1);
        x0[v] = _mm256_xor_si256(_mm256_xor_si256(high1, x1[v]), k0);
        x2[v] = _mm256_xor_si256(_mm256_xor_si256(high0, x3[v]), k1);
        x1[v] = low1;
        x3[v] = low0;
      }
      key0 += kWeyl0;
      key1 += kWeyl1;
    }
    for (std::size_t v = 0; v < kVectors; ++v) {
      const std::size_t at = static_cast<std::size_t>(first) + 8 * v;
      _mm256_store_si256(reinterpret_cast<__m256i*>(out.word[0].data() + at), x0[v]);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out.word[1].data() + at), x1[v]);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out.word[2].data() + at), x2[v]);
      _mm256_store_si256(reinterpret_cast<__m256i*>(out.word[3].data() + at), x3[v]);
    }
  }
}
#endif

using BatchKernel = void (*)(std::uint64_t, std::uint32_t, const std::uint32_t*, int, std::uint32_t, RandomEvent,
                             RandomWordsBatch&);

BatchKernel kernel_for(RandomKernel kernel) {
#ifdef DAYOPPS_X86_KERNELS
  if (kernel == RandomKernel::avx2) return philox_avx2;
#else
  (void)kernel;
#endif
  return philox_lanes;
}

RandomKernel fastest_kernel() {
#ifdef DAYOPPS_X86_KERNELS
  __builtin_cpu_init();
  // With AVX-512 the lanewise form's own clone is the faster; the written-out kernel serves AVX2 alone.
  if (!__builtin_cpu_supports("x86-64-v4") && __builtin_cpu_supports("avx2")) return RandomKernel::avx2;
#endif
  return RandomKernel::lanewise;
}

}  // namespace

bool random_kernel_available(RandomKernel kernel) {
  if (kernel == RandomKernel::lanewise) return true;
#ifdef DAYOPPS_X86_KERNELS
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
#else
  return false;
#endif
}

RandomKernel random_kernel_in_use() {
  static const RandomKernel chosen = fastest_kernel();
  return chosen;
}

void random_words_batch(std::uint64_t master_seed, std::uint32_t replication, const std::uint32_t* persons, int count,
                        std::uint32_t year, RandomEvent event, RandomWordsBatch& out) {
  static const BatchKernel chosen = kernel_for(random_kernel_in_use());
  chosen(master_seed, replication, persons, count, year, event, out);
}

void random_words_batch_with(RandomKernel kernel, std::uint64_t master_seed, std::uint32_t replication,
                             const std::uint32_t* persons, int count, std::uint32_t year, RandomEvent event,
                             RandomWordsBatch& out) {
  kernel_for(kernel)(master_seed, replication, persons, count, year, event, out);
}

}  // namespace dayopps::model
