#pragma once
// Who starts, keeps and chooses which day-opportunity service, and how many places there are: plain
// numbers, derived and validated at the edge (inputs/loaders/service_parameters, calibration/).
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "model/cell_counts.hpp"
#include "model/population.hpp"
#include "model/service_levers.hpp"
#include "model/uptake_trend.hpp"

namespace dayopps::model {

// Primary support reason for day services, by precedence: moderate-severe learning disability, then autism,
// then serious physical disability, then dementia. Index of the `support_reason` dimension.
enum class SupportReason : std::uint8_t {
  none = 0,
  learning_disability = 1,
  autism = 2,
  physical_disability = 3,
  dementia = 4
};
inline constexpr int kSupportReasonCount = 5;
inline constexpr std::array<const char*, kSupportReasonCount> kSupportReasonNames = {
    "none", "learning_disability", "autism", "physical_disability", "dementia"};

constexpr SupportReason support_reason_of(Conditions c) {
  if (learning_disability(c) == LearningDisability::moderate_severe) return SupportReason::learning_disability;
  if (has_autism(c)) return SupportReason::autism;
  if (physical_disability(c) == PhysicalDisability::serious) return SupportReason::physical_disability;
  if (has_dementia(c)) return SupportReason::dementia;
  return SupportReason::none;
}

// support_reason_of for every Conditions value, so the hot loops look it up instead of testing bits.
inline constexpr std::array<SupportReason, kConditionsValueCount> kSupportReasonByConditions = [] {
  std::array<SupportReason, kConditionsValueCount> table{};
  for (int c = 0; c < kConditionsValueCount; ++c)
    table[static_cast<std::size_t>(c)] = support_reason_of(static_cast<Conditions>(c));
  return table;
}();

inline SupportReason support_reason(const Population& population, std::size_t i) {
  return kSupportReasonByConditions[population.conditions[i] & (kConditionsValueCount - 1)];
}

enum class CapacityPolicy : std::uint8_t {
  wait = 0,       // no place: wait for one (service none), keep the choice
  next_best = 1,  // no place: take the most preferred service that has room, keep wanting the first choice
};

struct InternalCentre {
  int places = 0;               // people who can attend (each attends on their own days)
  int open_from_year = 0;       // first mid-year it is open
  int closed_from_year = 9999;  // first mid-year it is closed
  int added_places = 0;         // places moved here from closing centres (a scenario lever) ...
  int added_from_year = 9999;   // ... from this mid-year on

  bool open_in(int year) const { return year >= open_from_year && year < closed_from_year; }
  int places_in(int year) const {
    if (!open_in(year)) return 0;
    return places + (year >= added_from_year ? added_places : 0);
  }
};

// Age groups of the usage counts and of the base-year margins: 0 from adulthood to 64, 1 from 65.
inline constexpr int kAgeGroupCount = 2;
inline constexpr int kOlderAgeGroupFrom = 65;
inline int age_group(int age) { return age >= kOlderAgeGroupFrom ? 1 : 0; }

// The trend group of a support reason at an age group (0: adulthood to 64, 1: 65 and over).
constexpr UptakeGroup uptake_group(SupportReason reason, int age_group_index) {
  if (age_group_index == 1 || reason == SupportReason::dementia) return UptakeGroup::older_people;
  if (reason == SupportReason::physical_disability) return UptakeGroup::physical_disability_18_64;
  return UptakeGroup::learning_disability_18_64;
}

// Observed base-year users that the base population meets exactly, in whole people (docs/model.md, "Base
// year"): by service, and by support reason × age group. NaN marks a margin not observed, where the
// model's own expectation stands in, scaled to the observed total.
struct BaseYearUserMargins {
  std::array<double, kServiceCount> by_service{};                                       // [none] unused
  std::array<std::array<double, kAgeGroupCount>, kSupportReasonCount> by_reason_age{};  // [none] unused
  int observed_year = 0;  // the year the counts are from (for messages and the results file)
};

inline constexpr double kNotOffered = -std::numeric_limits<double>::infinity();

struct ServiceRates {
  int adulthood_age = 18;  // transitions from children's services happen in the year a person reaches it
  // Annual probability that an adult with a support reason, not using or waiting for a service, starts one.
  std::array<RatesByCell, kSupportReasonCount> start_probability = {
      RatesByCell::Zero(), RatesByCell::Zero(), RatesByCell::Zero(), RatesByCell::Zero(), RatesByCell::Zero()};
  // Physical support without a modelled condition (docs/model.md, "Physical support"): the annual probability
  // per head that an adult with no support reason starts a day service for physical support, by age group
  // (index age_group). No prevalence of serious physical disability is published for the model, so the rate
  // is per head of population and fitted to the observed users. The person carries the physical_disability
  // support reason while using or waiting for the service, and drops it on leaving. 0: no such starts.
  std::array<double, kAgeGroupCount> physical_support_start{};
  bool physical_support_per_head() const { return physical_support_start[0] > 0.0 || physical_support_start[1] > 0.0; }
  // Probability that a young person with a support reason starts a service in the year they reach adulthood.
  std::array<double, kSupportReasonCount> transition_at_adulthood{};
  // Annual probability that a user keeps their service, by service.
  std::array<double, kServiceCount> continuation{};
  // Multinomial logit constants of the choice of a new user, by support reason and service (kNotOffered:
  // not chosen). P(s) = exp(c[s]) / sum_k exp(c[k]) over offered services.
  std::array<std::array<double, kServiceCount>, kSupportReasonCount> choice_constant{};
  CapacityPolicy capacity_policy = CapacityPolicy::wait;
  // A scenario's consolidation may change the policy from its closure year on; before it, the baseline's holds,
  // so the scenario equals the baseline until its levers start.
  int capacity_policy_from_year = 0;
  CapacityPolicy capacity_policy_before = CapacityPolicy::wait;
  CapacityPolicy capacity_policy_in(int year) const {
    return year >= capacity_policy_from_year ? capacity_policy : capacity_policy_before;
  }
  std::vector<InternalCentre> internal_centres;  // none: council centres have no capacity limit
  int external_places = -1;                      // commissioned places in external centres; -1 = no limit
  // Family carers (of people with a moderate-severe learning disability).
  RatesByCell lives_with_family_carer = RatesByCell::Zero();  // on joining, by cell
  int carer_age_gap = 30;                                     // years between the person and their parent carer
  int carer_breakdown_age = 75;                               // carer support ends at this age, or at the carer's death
  double carer_breakdown_start_multiplier = 1.0;              // on start_probability once the carer support has ended
  RatesByCell carer_death_probability = RatesByCell::Zero();  // by the carer's age (column: female cells)
  // Probability of surviving the year for a person with each support reason, by cell (1 - q × the reason's
  // excess mortality): used only for the base-year stationary distribution and its calibration.
  std::array<RatesByCell, kSupportReasonCount> survival = {
      RatesByCell::Ones(), RatesByCell::Ones(), RatesByCell::Ones(), RatesByCell::Ones(), RatesByCell::Ones()};
  // Base-year users to meet exactly, or empty: the base year is drawn from the stationary distribution.
  std::optional<BaseYearUserMargins> base_year_users;
  UptakeTrend uptake;    // the trend of starts after the base year (forecast/); empty: none
  ServiceLevers levers;  // scenario levers; all off in the baseline
};

// Throws std::invalid_argument naming the first value outside its range.
void validate(const ServiceRates& rates);

// Choice probabilities of one support reason's new users over services (index Service; none gets 0).
std::array<double, kServiceCount> choice_probabilities(const ServiceRates& rates, SupportReason reason);

}  // namespace dayopps::model
