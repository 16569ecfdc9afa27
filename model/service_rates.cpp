#include "model/service_rates.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

namespace dayopps::model {

void validate(const ServiceRates& rates) {
  const auto probability = [](double p, const std::string& name) {
    if (!(p >= 0.0 && p <= 1.0)) throw std::invalid_argument(name + " must lie in [0, 1]");
  };
  for (int r = 0; r < kSupportReasonCount; ++r) {
    const auto& start = rates.start_probability[static_cast<std::size_t>(r)];
    if (!((start >= 0.0) && (start <= 1.0)).all())
      throw std::invalid_argument("start probabilities must lie in [0, 1]");
    probability(rates.transition_at_adulthood[static_cast<std::size_t>(r)], "transition_at_adulthood");
    bool any_offered = false;
    for (int s = 1; s < kServiceCount; ++s) {
      const double c = rates.choice_constant[static_cast<std::size_t>(r)][static_cast<std::size_t>(s)];
      if (std::isnan(c) || c == std::numeric_limits<double>::infinity())
        throw std::invalid_argument("choice constants must be finite or -inf");
      any_offered = any_offered || c != kNotOffered;
    }
    if (!any_offered && (start > 0.0).any())
      throw std::invalid_argument("a support reason with starters must be offered a service");
  }
  for (const double p : rates.physical_support_start) probability(p, "physical_support_start");
  for (const auto& year : rates.uptake.multiplier)
    for (const double m : year)
      if (!(m > 0.0 && std::isfinite(m))) throw std::invalid_argument("uptake trend multipliers must be positive");
  for (int s = 0; s < kServiceCount; ++s) probability(rates.continuation[static_cast<std::size_t>(s)], "continuation");
  for (const InternalCentre& c : rates.internal_centres) {
    if (c.places < 0) throw std::invalid_argument("centre places must not be negative");
    if (c.closed_from_year < c.open_from_year) throw std::invalid_argument("a centre closes before it opens");
    if (c.added_places < 0) throw std::invalid_argument("places added to a centre must not be negative");
  }
  if (rates.internal_centres.size() >= kNoCentre) throw std::invalid_argument("too many internal centres");
  if (!((rates.lives_with_family_carer >= 0.0) && (rates.lives_with_family_carer <= 1.0)).all()) {
    throw std::invalid_argument("lives_with_family_carer must lie in [0, 1]");
  }
  if (!((rates.carer_death_probability >= 0.0) && (rates.carer_death_probability <= 1.0)).all()) {
    throw std::invalid_argument("carer death probabilities must lie in [0, 1]");
  }
  if (rates.carer_age_gap < 0 || rates.carer_breakdown_age < 1 || rates.carer_breakdown_age >= kCarerBrokeDown) {
    throw std::invalid_argument("carer ages out of range");
  }
  if (!(rates.carer_breakdown_start_multiplier >= 0.0)) throw std::invalid_argument("carer multiplier must be >= 0");
  if (rates.base_year_users) {
    const BaseYearUserMargins& m = *rates.base_year_users;
    const auto count = [](double x) {
      if (!std::isnan(x) && !(std::isfinite(x) && x >= 0.0))
        throw std::invalid_argument("observed base-year users must be finite and non-negative");
    };
    for (int s = 1; s < kServiceCount; ++s) count(m.by_service[static_cast<std::size_t>(s)]);
    for (int r = 1; r < kSupportReasonCount; ++r)
      for (const double x : m.by_reason_age[static_cast<std::size_t>(r)]) count(x);
  }
  validate(rates.levers);
}

std::array<double, kServiceCount> choice_probabilities(const ServiceRates& rates, SupportReason reason) {
  const auto& constants = rates.choice_constant[static_cast<std::size_t>(reason)];
  std::array<double, kServiceCount> p{};
  double largest = kNotOffered;
  for (int s = 1; s < kServiceCount; ++s) largest = std::max(largest, constants[static_cast<std::size_t>(s)]);
  if (largest == kNotOffered) return p;
  double sum = 0.0;
  for (int s = 1; s < kServiceCount; ++s) {
    const double c = constants[static_cast<std::size_t>(s)];
    p[static_cast<std::size_t>(s)] = c == kNotOffered ? 0.0 : std::exp(c - largest);  // shifted for stability
    sum += p[static_cast<std::size_t>(s)];
  }
  for (double& x : p) x /= sum;
  return p;
}

}  // namespace dayopps::model
