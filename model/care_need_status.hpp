#pragma once
// Per-person care-need status: drawn on joining, changed by onset, and counted for the outputs.
#include <array>
#include <cstdint>
#include <span>

#include "model/care_need_rates.hpp"
#include "model/population.hpp"
#include "model/random_draws.hpp"

namespace dayopps::model {

// The condition levels the outputs count, in this order (index of the `condition` dimension).
enum class ConditionLevel : int {
  learning_disability_mild = 0,
  learning_disability_moderate_severe = 1,
  autism = 2,
  physical_disability_moderate = 3,
  physical_disability_serious = 4,
  dementia = 5,
};
inline constexpr int kConditionLevelCount = 6;
inline constexpr std::array<const char*, kConditionLevelCount> kConditionLevelNames = {
    "learning_disability_mild",     "learning_disability_moderate_severe", "autism",
    "physical_disability_moderate", "physical_disability_serious",         "dementia"};

// Sets the conditions of record i, who joins in `cell` in `year`, from four uniforms (one Philox block).
void assign_conditions_at_entry(Population& population, std::size_t i, int cell, int year, const CareNeedRates& rates,
                                const RandomWords& words);

// Applies onset to record i, now in `cell` after ageing, from one Philox block. onset_multiplier (0..1, from
// the prevention lever) scales every onset rate; the same uniforms are compared, so with prevention the
// people who develop a condition are a subset of those who would without it.
void apply_onset(Population& population, std::size_t i, int cell, const CareNeedRates& rates, const RandomWords& words,
                 double onset_multiplier = 1.0);

// The person's death probability for the year: q(cell) times the multipliers of their conditions, capped at 1.
double death_probability(const Population& population, std::size_t i, int cell,
                         const RatesByCell& annual_death_probability, const CareNeedRates& rates);

// Adds one to counts[level * kCellCount + cell] for every condition level record i has.
void count_conditions(const Population& population, std::size_t i, int cell,
                      std::span<std::int32_t, kConditionLevelCount * kCellCount> counts);

}  // namespace dayopps::model
