#pragma once
// Counter-based random draws keyed by (master seed, replication, person, year, event).
//
// Every draw is a pure function of its key, never of the order in which people are visited, so results
// are identical for any thread count, replication k can be re-run alone, and two scenarios give the same
// person the same draws for the same event (common random numbers).
//
// Generator: Philox4x32-10 (Random123). Counter = {person id, replication, year, event}; key = the 64-bit
// master seed split into two 32-bit words. One call returns four 32-bit words; each pair gives one uniform.
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace dayopps::model {

// One stream per kind of event, so adding an event later never shifts the draws of existing ones.
enum class RandomEvent : std::uint32_t {
  demography = 1,          // words 0-1: survival; words 2-3: priority for removal by alignment
  condition_at_entry = 2,  // words 0-3: learning disability, autism, physical disability, dementia
  condition_onset = 3,     // words 0-2: dementia onset, physical disability onset, its progression
  service = 4,             // words 0-3: continuation, start, choice, priority for a place
  carer = 5,               // words 0-1: lives with a family carer on joining, the carer's death
  service_at_start = 6,    // words 0-1: base-year service (stationary draw), its priority for a place
  lever = 7,               // words 0-2: scenario levers: shift of a new user, alternative service, voluntary move
  parameter_draw = 8,      // words 0-3: a replication's calibrated parameters (person = kParameterDrawPerson)
};

// The "person" of draws that belong to a whole replication; no simulated person gets this id.
inline constexpr std::uint32_t kParameterDrawPerson = 0xFFFFFFFFu;

using RandomWords = std::array<std::uint32_t, 4>;

inline RandomWords random_words(std::uint64_t master_seed, std::uint32_t replication, std::uint32_t person,
                                std::uint32_t year, RandomEvent event) {
  using Philox = r123::Philox4x32;
  const Philox::ctr_type counter = {{person, replication, year, static_cast<std::uint32_t>(event)}};
  const Philox::key_type key = {
      {static_cast<std::uint32_t>(master_seed), static_cast<std::uint32_t>(master_seed >> 32)}};
  const Philox::ctr_type out = Philox{}(counter, key);
  return {out[0], out[1], out[2], out[3]};
}

// The draws of one event for a run of consecutive people: word k of person j is word[k][j]. The same values
// as random_words for each person, computed many people at a time (model/random_draws.cpp): lanewise for the
// compiler to vectorise (built for AVX-512 and baseline x86-64), or written out for AVX2; picked at run time.
inline constexpr int kRandomBatch = 64;
struct RandomWordsBatch {
  alignas(64) std::array<std::array<std::uint32_t, kRandomBatch>, 4> word;
  // The four words of person `lane` of the batch, as random_words would return them.
  RandomWords words(std::size_t lane) const { return {word[0][lane], word[1][lane], word[2][lane], word[3][lane]}; }
};
void random_words_batch(std::uint64_t master_seed, std::uint32_t replication, const std::uint32_t* persons, int count,
                        std::uint32_t year, RandomEvent event, RandomWordsBatch& out);

// The kernels random_words_batch picks among by CPU. They give identical words; tests run each one this
// machine can, and the benchmark says which one ran.
enum class RandomKernel { lanewise, avx2 };
bool random_kernel_available(RandomKernel kernel);
RandomKernel random_kernel_in_use();
void random_words_batch_with(RandomKernel kernel, std::uint64_t master_seed, std::uint32_t replication,
                             const std::uint32_t* persons, int count, std::uint32_t year, RandomEvent event,
                             RandomWordsBatch& out);

// Uniform on [0, 1) with 53 random bits, built from two 32-bit words (27 high bits of the first, 26 of the
// second), as in Matsumoto & Nishimura's genrand_res53. Owning this conversion (rather than a library
// distribution) keeps the streams identical across compilers and library versions.
inline double uniform_01(std::uint32_t high, std::uint32_t low) {
  const auto a = static_cast<std::uint64_t>(high >> 5);
  const auto b = static_cast<std::uint64_t>(low >> 6);
  return static_cast<double>((a << 26) | b) * 0x1.0p-53;
}

// The same uniform as uniform_01(high, low), as the integer m of u = m × 2^-53, and the integer threshold
// of a probability p in [0, 1] with (m < threshold_53(p)) == (u < p): p × 2^53 is exact in double, and an
// integer m is below a real x exactly when it is below ⌈x⌉. The hot loop compares integers, with the
// thresholds of each cell computed once a year.
inline std::uint64_t uniform_53_bits(std::uint32_t high, std::uint32_t low) {
  return (static_cast<std::uint64_t>(high >> 5) << 26) | static_cast<std::uint64_t>(low >> 6);
}
inline std::uint64_t threshold_53(double probability) {
  return static_cast<std::uint64_t>(std::ceil(probability * 0x1.0p53));
}

// Uniform on [0, 1) from one 32-bit word (resolution 2^-32), for comparisons with prevalences and onset
// rates, where four independent draws from one Philox block matter more than 53-bit resolution.
inline double uniform_01(std::uint32_t word) { return static_cast<double>(word) * 0x1.0p-32; }

}  // namespace dayopps::model
