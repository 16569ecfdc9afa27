#include "model/care_need_rates.hpp"

#include <stdexcept>
#include <string>

namespace dayopps::model {

namespace {

void check_probability(const RatesByCell& r, const char* name) {
  if (!((r >= 0.0) && (r <= 1.0)).all()) throw std::invalid_argument(std::string(name) + " must lie in [0, 1]");
}

void check_ratio(const RatesByCell& r, const char* name) {
  if (!(r >= 0.0).all() || !r.isFinite().all())
    throw std::invalid_argument(std::string(name) + " must be finite and >= 0");
}

}  // namespace

void validate(const CareNeedRates& rates) {
  validate(rates.onset_reduction, "onset_reduction");
  validate(rates.learning_disability_survival, "learning_disability_survival");
  check_probability(rates.learning_disability_mild, "learning_disability_mild");
  check_probability(rates.learning_disability_moderate_severe, "learning_disability_moderate_severe");
  if (!((rates.learning_disability_mild + rates.learning_disability_moderate_severe) <= 1.0).all()) {
    throw std::invalid_argument("learning disability prevalences add up to more than 1");
  }
  check_probability(rates.autism_with_learning_disability, "autism_with_learning_disability");
  check_probability(rates.autism_without_learning_disability, "autism_without_learning_disability");
  check_probability(rates.physical_disability_moderate, "physical_disability_moderate");
  check_probability(rates.physical_disability_serious, "physical_disability_serious");
  if (!((rates.physical_disability_moderate + rates.physical_disability_serious) <= 1.0).all()) {
    throw std::invalid_argument("physical disability prevalences add up to more than 1");
  }
  check_probability(rates.dementia, "dementia");
  if (!(rates.learning_disability_entry_trend > -1.0).all() ||
      !rates.learning_disability_entry_trend.isFinite().all()) {
    throw std::invalid_argument("learning_disability_entry_trend must be finite and > -1");
  }
  check_probability(rates.dementia_onset, "dementia_onset");
  check_probability(rates.physical_disability_onset, "physical_disability_onset");
  check_probability(rates.physical_disability_progression, "physical_disability_progression");
  check_ratio(rates.excess_mortality_learning_disability_mild, "excess_mortality_learning_disability_mild");
  check_ratio(rates.excess_mortality_learning_disability_moderate_severe,
              "excess_mortality_learning_disability_moderate_severe");
  check_ratio(rates.excess_mortality_dementia, "excess_mortality_dementia");
  check_ratio(rates.excess_mortality_physical_disability_serious, "excess_mortality_physical_disability_serious");
}

}  // namespace dayopps::model
