#include "derivation/service_derivation.hpp"

#include <cmath>
#include <stdexcept>

namespace dayopps::derivation {

using model::kAgeGroupCount;
using model::kCellCount;
using model::kServiceCount;
using model::kSupportReasonCount;

std::array<double, kSupportReasonCount> support_reason_probabilities(const model::CareNeedRates& care, int cell) {
  std::array<double, kSupportReasonCount> p{};
  const double ld = care.learning_disability_moderate_severe(cell);
  const double autism = (1.0 - ld) * care.autism_without_learning_disability(cell);
  const double physical =
      (1.0 - ld) * (1.0 - care.autism_without_learning_disability(cell)) * care.physical_disability_serious(cell);
  const double rest = (1.0 - ld) * (1.0 - care.autism_without_learning_disability(cell)) *
                      (1.0 - care.physical_disability_serious(cell));
  p[static_cast<std::size_t>(model::SupportReason::learning_disability)] = ld;
  p[static_cast<std::size_t>(model::SupportReason::autism)] = autism;
  p[static_cast<std::size_t>(model::SupportReason::physical_disability)] = physical;
  p[static_cast<std::size_t>(model::SupportReason::dementia)] = rest * care.dementia(cell);
  p[0] = 1.0 - ld - autism - physical - p[static_cast<std::size_t>(model::SupportReason::dementia)];
  return p;
}

std::vector<std::pair<std::string, std::string>> service_derivation_assumptions() {
  return {
      {"start_probability_calibrated_to_anchor",
       "The annual probability that an adult with a support reason starts a day service is not published. It is "
       "calibrated, by support reason and age group (18-64, 65+), so that the stationary share of users (start x "
       "choice against leaving or dying) gives the anchor number of users in the base year, spread by the user mix."},
      {"transition_at_18_equals_steady_share",
       "Unless the parameters give [transition_at_18], young people reaching 18 with a support reason start a service "
       "with the probability that gives their age group's steady share of users (no published Preparation for "
       "Adulthood conversion rate was found)."},
      {"choice_constants_from_shares",
       "Multinomial logit constants of new users' choices are the logarithms of the choice shares; a share of 0 "
       "means the service is not chosen. Capacity then decides who gets a place."},
      {"base_year_services_stationary",
       "In the base year every adult with a support reason is given a service (or none) from the stationary "
       "distribution of the same process, then places are allocated; the model has no record of who used what."},
      {"no_geography",
       "No travel, transport or geography is modelled: a new user of a council centre takes a place at the open "
       "centre with most free places."},
  };
}

ServiceCalibration derive_service_rates(const PublishedServices& published, const model::CareNeedRates& care,
                                        const model::RatesByCell& annual_death_probability,
                                        std::span<const std::int32_t, kCellCount> base_people) {
  ServiceCalibration out;
  model::ServiceRates& rates = out.rates;
  for (auto& start : rates.start_probability) start.setZero();  // Eigen leaves fixed arrays uninitialised
  rates.adulthood_age = published.adulthood_age;
  rates.continuation = published.continuation;
  rates.continuation[0] = 0.0;
  for (int s = 1; s < kServiceCount; ++s) {
    const double share = published.choice_shares[static_cast<std::size_t>(s)];
    for (int r = 0; r < kSupportReasonCount; ++r) {
      rates.choice_constant[static_cast<std::size_t>(r)][static_cast<std::size_t>(s)] =
          share > 0.0 ? std::log(share) : model::kNotOffered;
    }
  }
  for (int r = 0; r < kSupportReasonCount; ++r)
    rates.choice_constant[static_cast<std::size_t>(r)][0] = model::kNotOffered;
  rates.capacity_policy = published.capacity_policy;
  rates.internal_centres = published.internal_centres;
  rates.external_places = published.external_places;
  rates.carer_age_gap = published.carer_age_gap;
  rates.carer_breakdown_age = published.carer_breakdown_age;
  rates.carer_breakdown_start_multiplier = published.breakdown_start_multiplier;
  rates.carer_death_probability = annual_death_probability;

  // Survival of a person with each support reason: the reason's condition sets the excess mortality.
  for (int c = 0; c < kCellCount; ++c) {
    const double q = annual_death_probability(c);
    const auto survive = [&](double multiplier) { return 1.0 - std::min(1.0, q * multiplier); };
    rates.survival[0](c) = survive(1.0);
    rates.survival[static_cast<std::size_t>(model::SupportReason::learning_disability)](c) =
        survive(care.excess_mortality_learning_disability_moderate_severe(c));
    rates.survival[static_cast<std::size_t>(model::SupportReason::autism)](c) = survive(1.0);
    rates.survival[static_cast<std::size_t>(model::SupportReason::physical_disability)](c) =
        survive(care.excess_mortality_physical_disability_serious(c));
    rates.survival[static_cast<std::size_t>(model::SupportReason::dementia)](c) =
        survive(care.excess_mortality_dementia(c));
  }

  const auto group_of = [&](int age) { return age >= 65 ? 1 : 0; };
  std::array<std::array<double, kAgeGroupCount>, kSupportReasonCount> survivors{};  // sum of people × survival
  for (int c = 0; c < kCellCount; ++c) {
    const int age = model::age_of_cell(c);
    rates.lives_with_family_carer(c) = age < published.adulthood_age ? published.share_with_family_carer_children
                                       : age < 65                    ? published.share_with_family_carer_18_64
                                                                     : published.share_with_family_carer_65_over;
    if (age < published.adulthood_age) continue;
    const auto p = support_reason_probabilities(care, c);
    for (int r = 1; r < kSupportReasonCount; ++r) {
      const double people = base_people[static_cast<std::size_t>(c)] * p[static_cast<std::size_t>(r)];
      out.people[static_cast<std::size_t>(r)][static_cast<std::size_t>(group_of(age))] += people;
      survivors[static_cast<std::size_t>(r)][static_cast<std::size_t>(group_of(age))] +=
          people * rates.survival[static_cast<std::size_t>(r)](c);
    }
  }

  // The anchor is shared by the mix; groups with nobody to carry their share (a condition with no
  // prevalence data) drop out, and the report says how many users that leaves.
  double mix_total = 0.0;
  for (const auto& by_group : published.user_mix) {
    for (const double w : by_group) mix_total += w;
  }
  if (!(mix_total > 0.0)) throw ParameterError("user_mix", "", "the user mix has no positive weight");

  // Steady share of users among the living with survival v: x = v e A / (1 + v e A), where
  // A = sum_s P(s) / (1 - v c(s)) weighs the expected stay by the choice; so e = x / (v A (1 - x)).
  const auto choice = model::choice_probabilities(rates, model::SupportReason::learning_disability);
  const auto years_per_start = [&](double survive) {
    double a = 0.0;
    for (int s = 1; s < kServiceCount; ++s) {
      const double stay = survive * rates.continuation[static_cast<std::size_t>(s)];
      if (choice[static_cast<std::size_t>(s)] > 0.0) {
        if (stay >= 1.0)
          throw ParameterError("continuation", model::kServiceNames[static_cast<std::size_t>(s)],
                               "a chosen service with continuation 1 has no steady state to calibrate");
        a += choice[static_cast<std::size_t>(s)] / (1.0 - stay);
      }
    }
    return a;
  };

  std::array<std::array<double, kAgeGroupCount>, kSupportReasonCount> start{};
  if (published.transition_at_adulthood) rates.transition_at_adulthood = *published.transition_at_adulthood;
  for (int r = 1; r < kSupportReasonCount; ++r) {
    for (int g = 0; g < kAgeGroupCount; ++g) {
      const auto rr = static_cast<std::size_t>(r), gg = static_cast<std::size_t>(g);
      const double people = out.people[rr][gg];
      if (people <= 0.0) continue;
      const double users = published.anchor_users * published.user_mix[rr][gg] / mix_total;
      out.target_users[rr][gg] = users;
      out.anchor_users_carried += users;
      const double share = users / people;
      if (share >= 1.0)
        throw ParameterError("anchor", "users", "the anchor asks more users than there are people in a group");
      const double survive = survivors[rr][gg] / people;  // mean survival of the group
      const double a = years_per_start(survive);
      if (users > 0.0 && a <= 0.0) throw ParameterError("choice_shares", "", "no service is chosen by new users");
      start[rr][gg] = users > 0.0 ? share / (survive * a * (1.0 - share)) : 0.0;
      if (start[rr][gg] > 1.0) throw ParameterError("anchor", "users", "a calibrated start probability exceeds 1");
      if (g == 0)
        rates.transition_at_adulthood[rr] =
            published.transition_at_adulthood ? (*published.transition_at_adulthood)[rr] : share;
    }
  }
  // Groups with nobody in them drop out; if every weight is on such groups, nobody is left to meet the anchor.
  if (published.anchor_users > 0.0 && !(out.anchor_users_carried > 0.0))
    throw ParameterError("user_mix", "",
                         "every weight of the user mix is on support reasons and ages with nobody in them (e.g. "
                         "dementia when no one has dementia), so none of the anchor's users can be placed");
  for (int r = 1; r < kSupportReasonCount; ++r) {
    for (int c = 0; c < kCellCount; ++c) {
      const int age = model::age_of_cell(c);
      rates.start_probability[static_cast<std::size_t>(r)](c) =
          age < published.adulthood_age ? 0.0
                                        : start[static_cast<std::size_t>(r)][static_cast<std::size_t>(group_of(age))];
    }
  }
  try {
    model::validate(rates);
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    throw ParameterError(what.find("carer") != std::string::npos    ? "carers"
                         : what.find("centre") != std::string::npos ? "centre"
                                                                    : "anchor",
                         "", what);
  }
  return out;
}

}  // namespace dayopps::derivation
