#pragma once
// Every seed a run derives from its master seed, in one place. Draws are then keyed by (seed, replication,
// person, year, event) (model/random_draws.hpp), so each rule below decides what is shared and what is not.
#include <cstdint>
#include <string_view>

namespace dayopps::model {

// Seeds are at most 2^63 - 1, so that any derived seed is itself a valid [run] master_seed.
inline constexpr std::uint64_t kMaxSeed = (1ULL << 63U) - 1U;

// The run's master seed mixed with the area's code (FNV-1a of the code, then splitmix64's finaliser): each
// area draws its own random numbers, so a regional total sums independent areas, and an area's results do
// not depend on which other areas run with it. Kept below 2^63 so that it is a valid [run] master_seed:
// running the area alone with this seed reproduces its group of the multi-area file.
constexpr std::uint64_t area_seed(std::uint64_t master_seed, std::string_view area_code) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64-bit offset basis
  for (const char c : area_code) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;  // FNV-1a 64-bit prime
  }
  std::uint64_t z = master_seed ^ hash;
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30U)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27U)) * 0x94d049bb133111ebULL;
  z ^= z >> 31U;
  return z >> 1U;
}

// Scenario k of a batch (0 = the baseline): the baseline's seed, so that every scenario sees the same draws for
// the same person and event (common random numbers, paired savings); with independent streams (to show what
// pairing gains), the baseline's seed + k.
constexpr std::uint64_t scenario_seed(std::uint64_t baseline_seed, std::uint64_t scenario_index, bool independent) {
  return independent ? baseline_seed + scenario_index : baseline_seed;
}

// What a run simulates, unit by unit: a single scenario, scenario k of a batch, or one area of a multi-area run.
enum class RunUnit { single, batch_scenario, area };

// The seed rule: the seed each simulated unit of a run draws with, from the run's master seed. A single run
// draws with the master seed; scenario k of a batch with scenario_seed (the baseline's: common random numbers);
// an area with area_seed (its own: independent areas, the same whichever areas run together). Every run path
// takes its seeds from here (cli/run_plan.cpp).
constexpr std::uint64_t unit_seed(std::uint64_t master_seed, RunUnit unit, std::uint64_t scenario_index = 0,
                                  std::string_view area_code = {}, bool independent_streams = false) {
  switch (unit) {
    case RunUnit::batch_scenario:
      return scenario_seed(master_seed, scenario_index, independent_streams);
    case RunUnit::area:
      return area_seed(master_seed, area_code);
    case RunUnit::single:
      break;
  }
  return master_seed;
}

// The simulated "truth" of `dayopps calibrate --synthetic-truth`: a world the fit's own replications never draw.
constexpr std::uint64_t synthetic_truth_seed(std::uint64_t calibration_seed) {
  return calibration_seed ^ 0x5EEDF00DULL;
}

}  // namespace dayopps::model
