#include "model/care_need_status.hpp"

#include <algorithm>
#include <cmath>

namespace dayopps::model {

namespace {

constexpr auto u8(LearningDisability v) { return static_cast<std::uint8_t>(v); }
constexpr auto u8(PhysicalDisability v) { return static_cast<std::uint8_t>(v); }

}  // namespace

void assign_conditions_at_entry(Population& population, std::size_t i, int cell, int year, const CareNeedRates& rates,
                                const RandomWords& words) {
  const double ld_draw = uniform_01(words[0]);
  const double trend = std::pow(1.0 + rates.learning_disability_entry_trend(cell), std::max(0, year - rates.base_year));
  const double severe_ld =
      std::min(rates.learning_disability_moderate_severe(cell) * trend, 1.0 - rates.learning_disability_mild(cell));
  std::uint8_t ld = u8(LearningDisability::none);
  if (ld_draw < severe_ld) {
    ld = u8(LearningDisability::moderate_severe);
  } else if (ld_draw < severe_ld + rates.learning_disability_mild(cell)) {
    ld = u8(LearningDisability::mild);
  }
  population.learning_disability[i] = ld;

  // Autism is far more common among people with a (recorded) learning disability, so it is drawn given LD.
  const double autism = ld == u8(LearningDisability::moderate_severe) ? rates.autism_with_learning_disability(cell)
                                                                      : rates.autism_without_learning_disability(cell);
  population.autism[i] = uniform_01(words[1]) < autism ? 1 : 0;

  const double pd_draw = uniform_01(words[2]);
  const double serious = rates.physical_disability_serious(cell);
  std::uint8_t pd = u8(PhysicalDisability::none);
  if (pd_draw < serious) {
    pd = u8(PhysicalDisability::serious);
  } else if (pd_draw < serious + rates.physical_disability_moderate(cell)) {
    pd = u8(PhysicalDisability::moderate);
  }
  population.physical_disability[i] = pd;

  population.dementia[i] = uniform_01(words[3]) < rates.dementia(cell) ? 1 : 0;
}

void apply_onset(Population& population, std::size_t i, int cell, const CareNeedRates& rates, const RandomWords& words,
                 double onset_multiplier) {
  if (population.dementia[i] == 0 && uniform_01(words[0]) < rates.dementia_onset(cell) * onset_multiplier)
    population.dementia[i] = 1;
  const std::uint8_t pd = population.physical_disability[i];
  if (pd == u8(PhysicalDisability::none)) {
    if (uniform_01(words[1]) < rates.physical_disability_onset(cell) * onset_multiplier)
      population.physical_disability[i] = u8(PhysicalDisability::moderate);
  } else if (pd == u8(PhysicalDisability::moderate)) {
    if (uniform_01(words[2]) < rates.physical_disability_progression(cell) * onset_multiplier) {
      population.physical_disability[i] = u8(PhysicalDisability::serious);
    }
  }
}

double death_probability(const Population& population, std::size_t i, int cell,
                         const RatesByCell& annual_death_probability, const CareNeedRates& rates) {
  double probability = annual_death_probability(cell);
  const std::uint8_t ld = population.learning_disability[i];
  if (ld == u8(LearningDisability::mild)) {
    probability *= rates.excess_mortality_learning_disability_mild(cell);
  } else if (ld == u8(LearningDisability::moderate_severe)) {
    probability *= rates.excess_mortality_learning_disability_moderate_severe(cell);
  }
  if (population.dementia[i] != 0) probability *= rates.excess_mortality_dementia(cell);
  if (population.physical_disability[i] == u8(PhysicalDisability::serious)) {
    probability *= rates.excess_mortality_physical_disability_serious(cell);
  }
  return std::min(probability, 1.0);
}

void count_conditions(const Population& population, std::size_t i, int cell,
                      std::span<std::int32_t, kConditionLevelCount * kCellCount> counts) {
  const auto add = [&](ConditionLevel level) {
    ++counts[static_cast<std::size_t>(static_cast<int>(level) * kCellCount + cell)];
  };
  const std::uint8_t ld = population.learning_disability[i];
  if (ld == u8(LearningDisability::mild)) add(ConditionLevel::learning_disability_mild);
  if (ld == u8(LearningDisability::moderate_severe)) add(ConditionLevel::learning_disability_moderate_severe);
  if (population.autism[i] != 0) add(ConditionLevel::autism);
  const std::uint8_t pd = population.physical_disability[i];
  if (pd == u8(PhysicalDisability::moderate)) add(ConditionLevel::physical_disability_moderate);
  if (pd == u8(PhysicalDisability::serious)) add(ConditionLevel::physical_disability_serious);
  if (population.dementia[i] != 0) add(ConditionLevel::dementia);
}

}  // namespace dayopps::model
