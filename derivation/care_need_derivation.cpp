#include "derivation/care_need_derivation.hpp"

#include "derivation/parameter_error.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dayopps::derivation {

namespace {

// Each age takes the value of the band that holds it (no interpolation): for ratios and flat shares.
ByAge step_bands(const std::vector<AgeBandValue>& bands) {
  ByAge values{};
  for (const AgeBandValue& b : bands) {
    for (int age = b.first_age; age <= b.last_age; ++age) values[static_cast<std::size_t>(age)] = b.value;
  }
  return values;
}

ByAge sex_slice(const model::RatesByCell& rates, int sex) {
  ByAge values{};
  for (int age = 0; age < model::kAgeCount; ++age)
    values[static_cast<std::size_t>(age)] = rates(model::cell_index(sex, age));
  return values;
}

void set_sex_slice(model::RatesByCell& rates, int sex, const ByAge& values) {
  for (int age = 0; age < model::kAgeCount; ++age)
    rates(model::cell_index(sex, age)) = values[static_cast<std::size_t>(age)];
}

// Lifelong condition: profile by age from excess mortality, scaled to the all-age share in the base year. With
// a cohort trend g (relative change a year in the share at birth), the cohort aged a in the base year was born
// with (1 + g)^-a of today's share, so the profile is also multiplied by that.
model::RatesByCell lifelong_prevalence(double overall, const BandsBySex& excess, const model::RatesByCell& q,
                                       std::span<const std::int32_t, model::kCellCount> base_people,
                                       const BandsBySex* cohort_trend = nullptr) {
  std::array<double, model::kCellCount> profile{};
  std::array<double, model::kCellCount> people{};
  for (int sex = 0; sex < model::kSexCount; ++sex) {
    const ByAge r = lifelong_condition_profile(sex_slice(q, sex), step_bands(excess[static_cast<std::size_t>(sex)]));
    const ByAge trend = cohort_trend != nullptr ? step_bands((*cohort_trend)[static_cast<std::size_t>(sex)]) : ByAge{};
    for (int age = 0; age < model::kAgeCount; ++age) {
      const auto cell = static_cast<std::size_t>(model::cell_index(sex, age));
      profile[cell] = r[static_cast<std::size_t>(age)] * std::pow(1.0 + trend[static_cast<std::size_t>(age)], -age);
      people[cell] = base_people[cell];
    }
  }
  const double k = scale_to_overall_prevalence(people, profile, overall);
  model::RatesByCell prevalence;
  for (int c = 0; c < model::kCellCount; ++c) prevalence(c) = std::min(1.0, k * profile[static_cast<std::size_t>(c)]);
  return prevalence;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> care_need_derivation_assumptions() {
  return {
      {"learning_disability_lifelong_age_profile",
       "Learning disability is lifelong and present from birth, so its prevalence by age follows the survival of "
       "people with it relative to everyone (their excess mortality) and, for the moderate-severe level, the cohort "
       "trend (a cohort aged a in the base year was born with (1 + trend)^-a of today's share at birth); the profile "
       "is scaled so the base-year all-age share equals the published share."},
      {"prevalence_interpolated_within_bands",
       "Prevalences published by age band (dementia, physical disability) are interpolated linearly between band "
       "midpoints to single years of age, and held constant beyond the first and last midpoints."},
      {"onset_implied_by_prevalence",
       "Onset of dementia and of physical disability is not published; it is derived so that a closed cohort keeps the "
       "published prevalence curve given the excess mortality (a stationary-prevalence assumption). Prevalence at "
       "each age therefore stays at today's level: no trend in age-specific prevalence is assumed."},
      {"conditions_of_people_who_join",
       "Babies and migrants join with the conditions of residents of their age and sex (the prevalences above); the "
       "moderate-severe learning-disability share of people joining in year t is multiplied by (1 + trend)^(t - base "
       "year), the cohort trend of care_need.toml."},
  };
}

namespace {

// Runs `derive` and traces a failure to the published parameter it derives from.
template <typename Derive>
auto from_parameter(const char* parameter, Derive&& derive) {
  try {
    return derive();
  } catch (const ParameterError&) {
    throw;
  } catch (const std::invalid_argument& e) {
    throw ParameterError(parameter, "", e.what());
  }
}

}  // namespace

model::CareNeedRates derive_care_need_rates(const PublishedCareNeed& published,
                                            const model::RatesByCell& annual_death_probability,
                                            std::span<const std::int32_t, model::kCellCount> base_people) {
  model::CareNeedRates rates;
  rates.base_year = published.base_year;
  const model::RatesByCell& q = annual_death_probability;

  rates.learning_disability_moderate_severe = from_parameter("learning_disability_moderate_severe_prevalence", [&] {
    return lifelong_prevalence(published.learning_disability_moderate_severe_overall,
                               published.learning_disability_moderate_severe_excess_mortality, q, base_people,
                               &published.learning_disability_moderate_severe_entry_trend);
  });
  rates.learning_disability_mild = from_parameter("learning_disability_mild_prevalence", [&] {
    return lifelong_prevalence(published.learning_disability_mild_overall,
                               published.learning_disability_mild_excess_mortality, q, base_people);
  });

  for (int sex = 0; sex < model::kSexCount; ++sex) {
    const auto s = static_cast<std::size_t>(sex);
    const ByAge qs = sex_slice(q, sex);
    set_sex_slice(rates.excess_mortality_learning_disability_moderate_severe, sex,
                  step_bands(published.learning_disability_moderate_severe_excess_mortality[s]));
    set_sex_slice(rates.excess_mortality_learning_disability_mild, sex,
                  step_bands(published.learning_disability_mild_excess_mortality[s]));
    set_sex_slice(rates.learning_disability_entry_trend, sex,
                  step_bands(published.learning_disability_moderate_severe_entry_trend[s]));
    set_sex_slice(rates.autism_with_learning_disability, sex, step_bands(published.autism_with_learning_disability[s]));
    set_sex_slice(rates.autism_without_learning_disability, sex,
                  step_bands(published.autism_without_learning_disability[s]));

    // Dementia: interpolated prevalence and the onset that keeps it.
    const ByAge dementia =
        from_parameter("dementia_prevalence", [&] { return interpolate_bands(published.dementia_prevalence[s]); });
    const ByAge dementia_excess = step_bands(published.dementia_excess_mortality[s]);
    set_sex_slice(rates.dementia, sex, dementia);
    set_sex_slice(rates.excess_mortality_dementia, sex, dementia_excess);
    set_sex_slice(rates.dementia_onset, sex,
                  from_parameter("dementia_prevalence", [&] { return implied_onset(dementia, qs, dementia_excess); }));

    // Physical disability: onset keeps the prevalence of any level (with the mean excess of those with it);
    // progression moderate -> serious keeps the serious curve, divided by the moderate share of the
    // not-serious, since only people with a moderate disability can progress.
    const ByAge moderate = from_parameter("physical_disability_moderate_prevalence", [&] {
      return interpolate_bands(published.physical_disability_moderate_prevalence[s]);
    });
    const ByAge serious = from_parameter("physical_disability_serious_prevalence", [&] {
      return interpolate_bands(published.physical_disability_serious_prevalence[s]);
    });
    const ByAge serious_excess = step_bands(published.physical_disability_serious_excess_mortality[s]);
    ByAge any{}, any_excess{}, progression{};
    for (std::size_t a = 0; a < any.size(); ++a) {
      any[a] = std::min(1.0, moderate[a] + serious[a]);
      any_excess[a] = any[a] > 0.0 ? (moderate[a] + serious[a] * serious_excess[a]) / any[a] : 1.0;
    }
    const ByAge serious_onset = from_parameter("physical_disability_serious_prevalence",
                                               [&] { return implied_onset(serious, qs, serious_excess); });
    for (std::size_t a = 0; a < any.size(); ++a) {
      const double moderate_share_of_not_serious = serious[a] < 1.0 ? moderate[a] / (1.0 - serious[a]) : 0.0;
      progression[a] =
          moderate_share_of_not_serious > 0.0 ? std::min(1.0, serious_onset[a] / moderate_share_of_not_serious) : 0.0;
    }
    set_sex_slice(rates.physical_disability_moderate, sex, moderate);
    set_sex_slice(rates.physical_disability_serious, sex, serious);
    set_sex_slice(rates.excess_mortality_physical_disability_serious, sex, serious_excess);
    set_sex_slice(rates.physical_disability_onset, sex, from_parameter("physical_disability_moderate_prevalence", [&] {
                    return implied_onset(any, qs, any_excess);
                  }));
    set_sex_slice(rates.physical_disability_progression, sex, progression);
  }
  model::validate(rates);
  return rates;
}

}  // namespace dayopps::derivation
