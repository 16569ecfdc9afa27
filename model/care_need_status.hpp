#pragma once
// Per-person care-need status: drawn on joining, changed by onset, and counted for the outputs.
#include <algorithm>
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

// Probability that a person joining in `year` has a moderate-severe learning disability, by cell: the
// prevalence times the entry trend, capped so the two LD shares stay <= 1. Computed once per year, not per person.
RatesByCell moderate_severe_learning_disability_at_entry(const CareNeedRates& rates, int year);

// Sets the conditions of record i, who joins in `cell`, from four uniforms (one Philox block);
// severe_ld_at_entry is moderate_severe_learning_disability_at_entry of the year.
void assign_conditions_at_entry(Population& population, std::size_t i, int cell, const CareNeedRates& rates,
                                const RatesByCell& severe_ld_at_entry, const RandomWords& words);

// Applies onset to record i, now in `cell` after ageing, from one Philox block. onset_multiplier (0..1, from
// the prevention lever) scales every onset rate; the same uniforms are compared, so with prevention the
// people who develop a condition are a subset of those who would without it.
inline void apply_onset(Population& population, std::size_t i, int cell, const CareNeedRates& rates,
                        const RandomWords& words, double onset_multiplier = 1.0) {
  Conditions c = population.conditions[i];
  if (!has_dementia(c) && uniform_01(words[0]) < rates.dementia_onset(cell) * onset_multiplier) {
    c = with_dementia(c, true);
  }
  const PhysicalDisability pd = physical_disability(c);
  if (pd == PhysicalDisability::none) {
    if (uniform_01(words[1]) < rates.physical_disability_onset(cell) * onset_multiplier)
      c = with_physical_disability(c, PhysicalDisability::moderate);
  } else if (pd == PhysicalDisability::moderate) {
    if (uniform_01(words[2]) < rates.physical_disability_progression(cell) * onset_multiplier)
      c = with_physical_disability(c, PhysicalDisability::serious);
  }
  population.conditions[i] = c;
}

// The death probability for the year of a person in `cell` with conditions c: q(cell) times the
// multipliers of their conditions, capped at 1. `learning_disability_excess_kept` (1 - the survival lever) scales
// the excess part of a learning disability's multiplier m: 1 + (m - 1) x kept.
inline double death_probability(Conditions c, int cell, const RatesByCell& annual_death_probability,
                                const CareNeedRates& rates, double learning_disability_excess_kept = 1.0) {
  double probability = annual_death_probability(cell);
  if (c == kNoCondition) return std::min(probability, 1.0);
  const LearningDisability ld = learning_disability(c);
  const auto with_kept_excess = [&](double multiplier) {
    return learning_disability_excess_kept == 1.0 ? multiplier
                                                  : 1.0 + (multiplier - 1.0) * learning_disability_excess_kept;
  };
  if (ld == LearningDisability::mild) {
    probability *= with_kept_excess(rates.excess_mortality_learning_disability_mild(cell));
  } else if (ld == LearningDisability::moderate_severe) {
    probability *= with_kept_excess(rates.excess_mortality_learning_disability_moderate_severe(cell));
  }
  if (has_dementia(c)) probability *= rates.excess_mortality_dementia(cell);
  if (physical_disability(c) == PhysicalDisability::serious) {
    probability *= rates.excess_mortality_physical_disability_serious(cell);
  }
  return std::min(probability, 1.0);
}

// The conditions that change the death probability (learning disability level, dementia, serious physical
// disability) as a class 0..kMortalityClassCount-1, so a year's probabilities can be tabulated by class.
inline constexpr int kMortalityClassCount = 3 * 2 * 2;
constexpr int mortality_class(Conditions c) {
  return static_cast<int>(learning_disability(c)) * 4 + (has_dementia(c) ? 2 : 0) +
         (physical_disability(c) == PhysicalDisability::serious ? 1 : 0);
}
// A Conditions value of each class (its inverse).
constexpr Conditions conditions_of_mortality_class(int k) {
  return pack_conditions(static_cast<LearningDisability>(k / 4), false,
                         (k % 2) != 0 ? PhysicalDisability::serious : PhysicalDisability::none, (k / 2) % 2 != 0);
}
inline constexpr std::array<std::uint8_t, kConditionsValueCount> kMortalityClassByConditions = [] {
  std::array<std::uint8_t, kConditionsValueCount> table{};
  for (int c = 0; c < kConditionsValueCount; ++c)
    table[static_cast<std::size_t>(c)] = static_cast<std::uint8_t>(mortality_class(static_cast<Conditions>(c)));
  return table;
}();

// Adds one to counts[level * kCellCount + cell] for every condition level record i has.
inline void count_conditions(const Population& population, std::size_t i, int cell,
                             std::span<std::int32_t, kConditionLevelCount * kCellCount> counts) {
  const Conditions c = population.conditions[i];
  if (c == kNoCondition) return;
  const auto add = [&](ConditionLevel level) {
    ++counts[static_cast<std::size_t>(static_cast<int>(level) * kCellCount + cell)];
  };
  const LearningDisability ld = learning_disability(c);
  if (ld == LearningDisability::mild) add(ConditionLevel::learning_disability_mild);
  if (ld == LearningDisability::moderate_severe) add(ConditionLevel::learning_disability_moderate_severe);
  if (has_autism(c)) add(ConditionLevel::autism);
  const PhysicalDisability pd = physical_disability(c);
  if (pd == PhysicalDisability::moderate) add(ConditionLevel::physical_disability_moderate);
  if (pd == PhysicalDisability::serious) add(ConditionLevel::physical_disability_serious);
  if (has_dementia(c)) add(ConditionLevel::dementia);
}

}  // namespace dayopps::model
