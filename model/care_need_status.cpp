#include "model/care_need_status.hpp"

#include <algorithm>
#include <cmath>

namespace dayopps::model {

RatesByCell moderate_severe_learning_disability_at_entry(const CareNeedRates& rates, int year) {
  RatesByCell severe;
  for (int cell = 0; cell < kCellCount; ++cell) {
    const double trend =
        std::pow(1.0 + rates.learning_disability_entry_trend(cell), std::max(0, year - rates.base_year));
    severe(cell) =
        std::min(rates.learning_disability_moderate_severe(cell) * trend, 1.0 - rates.learning_disability_mild(cell));
  }
  return severe;
}

void assign_conditions_at_entry(Population& population, std::size_t i, int cell, const CareNeedRates& rates,
                                const RatesByCell& severe_ld_at_entry, const RandomWords& words) {
  const double ld_draw = uniform_01(words[0]);
  const double severe_ld = severe_ld_at_entry(cell);
  LearningDisability ld = LearningDisability::none;
  if (ld_draw < severe_ld) {
    ld = LearningDisability::moderate_severe;
  } else if (ld_draw < severe_ld + rates.learning_disability_mild(cell)) {
    ld = LearningDisability::mild;
  }
  // Autism is far more common among people with a (recorded) learning disability, so it is drawn given LD.
  const double autism_probability = ld == LearningDisability::moderate_severe
                                        ? rates.autism_with_learning_disability(cell)
                                        : rates.autism_without_learning_disability(cell);
  const bool autism = uniform_01(words[1]) < autism_probability;
  const double pd_draw = uniform_01(words[2]);
  const double serious = rates.physical_disability_serious(cell);
  PhysicalDisability pd = PhysicalDisability::none;
  if (pd_draw < serious) {
    pd = PhysicalDisability::serious;
  } else if (pd_draw < serious + rates.physical_disability_moderate(cell)) {
    pd = PhysicalDisability::moderate;
  }
  const bool dementia = uniform_01(words[3]) < rates.dementia(cell);
  population.conditions[i] = pack_conditions(ld, autism, pd, dementia);
}

}  // namespace dayopps::model
