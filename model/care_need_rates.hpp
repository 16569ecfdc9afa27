#pragma once
// Rates of the care-need conditions by age × sex cell: plain numbers, derived and validated at the edge
// (inputs/loaders/care_need_parameters, calibration/). All are probabilities except the mortality ratios.
#include "model/cell_counts.hpp"
#include "model/phased_rate.hpp"

namespace dayopps::model {

struct CareNeedRates {
  // Probability of having each condition on joining the simulation (base population, births, migrants),
  // by the cell the person joins in.
  RatesByCell learning_disability_mild = RatesByCell::Zero();
  RatesByCell learning_disability_moderate_severe = RatesByCell::Zero();
  RatesByCell autism_with_learning_disability = RatesByCell::Zero();     // given moderate-severe LD
  RatesByCell autism_without_learning_disability = RatesByCell::Zero();  // given no or mild LD
  RatesByCell physical_disability_moderate = RatesByCell::Zero();
  RatesByCell physical_disability_serious = RatesByCell::Zero();
  RatesByCell dementia = RatesByCell::Zero();

  // Relative change per year in the moderate-severe learning disability prevalence of people joining after
  // the base year (a cohort trend: e.g. more young people with complex needs surviving into adulthood).
  // A person joining in year t gets prevalence × (1 + trend)^(t - base_year), capped so LD shares stay <= 1.
  RatesByCell learning_disability_entry_trend = RatesByCell::Zero();
  int base_year = 0;

  // Annual onset among survivors without the condition, by cell at the end of the year (after ageing).
  RatesByCell dementia_onset = RatesByCell::Zero();
  RatesByCell physical_disability_onset = RatesByCell::Zero();        // none -> moderate
  RatesByCell physical_disability_progression = RatesByCell::Zero();  // moderate -> serious
  // Prevention lever: relative reduction of the three onset rates above in a year (0 in the baseline).
  PhasedRate onset_reduction;
  // Survival lever: share of the excess mortality of a learning disability (mild and moderate-severe) removed in
  // a year, e.g. 0.25 turns a multiplier of 4 into 1 + 3 x 0.75 = 3.25 (0 in the baseline).
  PhasedRate learning_disability_survival;

  // Multipliers on the population death probability, by cell at the start of the year (ratio, >= 0).
  RatesByCell excess_mortality_learning_disability_mild = RatesByCell::Ones();
  RatesByCell excess_mortality_learning_disability_moderate_severe = RatesByCell::Ones();
  RatesByCell excess_mortality_dementia = RatesByCell::Ones();
  RatesByCell excess_mortality_physical_disability_serious = RatesByCell::Ones();
};

// Throws std::invalid_argument naming the first rate outside its range.
void validate(const CareNeedRates& rates);

}  // namespace dayopps::model
