#pragma once
// From the day-services parameters (an anchor count of users, its mix by support reason, continuation,
// choice shares, carers, places) to the rates the model uses. The start probabilities are not published:
// they are calibrated so that the stationary number of users in the base year meets the anchor.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "derivation/parameter_error.hpp"
#include "model/care_need_rates.hpp"
#include "model/service_rates.hpp"

namespace dayopps::derivation {

struct PublishedServices {
  int adulthood_age = 18;
  double anchor_users = 0.0;  // day-opportunity users to meet in the base year
  // Relative weights of users by support reason and age group (e.g. spending on day care by reason).
  std::array<std::array<double, model::kAgeGroupCount>, model::kSupportReasonCount> user_mix{};
  std::array<double, model::kServiceCount> continuation{};
  std::array<double, model::kServiceCount> choice_shares{};  // of new users; 0 = not offered
  double share_with_family_carer_children = 0.0;
  double share_with_family_carer_18_64 = 0.0;
  double share_with_family_carer_65_over = 0.0;
  int carer_age_gap = 30;
  int carer_breakdown_age = 75;
  double breakdown_start_multiplier = 1.0;
  model::CapacityPolicy capacity_policy = model::CapacityPolicy::wait;
  std::vector<model::InternalCentre> internal_centres;
  int external_places = -1;
  // Probability of starting a service in the year of reaching adulthood, by support reason. When absent it is
  // derived as the steady share of users of the 18-64 group.
  std::optional<std::array<double, model::kSupportReasonCount>> transition_at_adulthood;
};

struct ServiceCalibration {
  model::ServiceRates rates;
  // For the report: by support reason and age group, the expected people with that reason in the base
  // year, the users the anchor assigns them, and the calibrated start probability.
  std::array<std::array<double, model::kAgeGroupCount>, model::kSupportReasonCount> people{};
  std::array<std::array<double, model::kAgeGroupCount>, model::kSupportReasonCount> target_users{};
  double anchor_users_carried = 0.0;  // users of reasons that have people to carry them
};

// Expected probability of each support reason in a cell, from the condition prevalences (the precedence of
// model::support_reason).
std::array<double, model::kSupportReasonCount> support_reason_probabilities(const model::CareNeedRates& care, int cell);

// Throws ParameterError (a group of the day-services parameters: "anchor", "user_mix", "continuation",
// "choice_shares", "carers", "centre", and the value's key where one is to blame) if the published figures admit no
// steady state (e.g. the anchor asks more users of a group than it has people, or no weight of the user mix is
// positive).
ServiceCalibration derive_service_rates(const PublishedServices& published, const model::CareNeedRates& care,
                                        const model::RatesByCell& annual_death_probability,
                                        std::span<const std::int32_t, model::kCellCount> base_people);

// The methods derive_service_rates applies, as named assumptions (name, statement).
std::vector<std::pair<std::string, std::string>> service_derivation_assumptions();

}  // namespace dayopps::derivation
