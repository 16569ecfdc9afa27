#pragma once
// From the published care-need figures (prevalences and mortality ratios by age band) to the per-cell rates
// the model uses. The methods are stated in docs/model.md and listed as assumptions of every run.
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "derivation/condition_rates.hpp"
#include "model/care_need_rates.hpp"

namespace dayopps::derivation {

// Values by age band for each sex (index = model sex).
using BandsBySex = std::array<std::vector<AgeBandValue>, model::kSexCount>;

struct PublishedCareNeed {
  double learning_disability_moderate_severe_overall = 0.0;  // all-age share of residents
  double learning_disability_mild_overall = 0.0;
  BandsBySex learning_disability_moderate_severe_excess_mortality;
  BandsBySex learning_disability_mild_excess_mortality;
  BandsBySex learning_disability_moderate_severe_entry_trend;
  int base_year = 0;
  BandsBySex autism_with_learning_disability;
  BandsBySex autism_without_learning_disability;
  BandsBySex dementia_prevalence;
  BandsBySex dementia_excess_mortality;
  BandsBySex physical_disability_moderate_prevalence;
  BandsBySex physical_disability_serious_prevalence;
  BandsBySex physical_disability_serious_excess_mortality;
};

// The methods derive_care_need_rates applies, as named assumptions (name, statement) for the provenance.
std::vector<std::pair<std::string, std::string>> care_need_derivation_assumptions();

// Throws ParameterError naming the published parameter whose figures admit no rates (e.g. a prevalence of 1).
// `base_people` are the base-year residents by cell, used to scale the learning-disability age profile so
// that its all-age share in the base year equals the published one.
model::CareNeedRates derive_care_need_rates(const PublishedCareNeed& published,
                                            const model::RatesByCell& annual_death_probability,
                                            std::span<const std::int32_t, model::kCellCount> base_people);

}  // namespace dayopps::derivation
