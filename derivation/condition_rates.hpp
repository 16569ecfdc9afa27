#pragma once
// Deriving the yearly rates of the care-need conditions from the published figures we have, which are
// prevalences (share of people with a condition at an age), not onset rates. Each derivation is stated in
// docs/model.md and recorded as an assumption of the run.
#include <array>
#include <span>

#include "model/age_sex.hpp"

namespace dayopps::derivation {

using ByAge = std::array<double, model::kAgeCount>;

struct AgeBandValue {
  int first_age;
  int last_age;  // kOpenAgeGroup for an open top band
  double value;
};

// Single-year values from age bands by linear interpolation between the midpoints of adjacent bands of up
// to ten years (the open band's midpoint is taken as its first age + 2), constant beyond the first and last
// midpoints. A wider band (e.g. "0-64: none") and any band next to a gap keep their own value throughout,
// and so does the open group when its band is "90+" alone (its cell is the whole band).
// Ages outside every band are 0. Bands must be sorted and not overlap.
ByAge interpolate_bands(std::span<const AgeBandValue> bands);

// Onset rate that keeps a prevalence curve p(a) stationary in a closed cohort, given the population death
// probability q(a) and the death-rate multiplier m(a) of those with the condition. For a person aged a at
// the start of the year, surviving to a+1 without the condition:
//   i(a+1) = [p(a+1) S(a) - p(a)(1 - m(a)q(a))] / [(1 - p(a))(1 - q(a))],
//   S(a)   = p(a)(1 - m(a)q(a)) + (1 - p(a))(1 - q(a));
// for the open group, which people do not leave by ageing, i = p q (m - 1) / (1 - q). Clamped to [0, 1].
// Indexed by age at the end of the year (i[0] = 0).
ByAge implied_onset(const ByAge& prevalence, const ByAge& death_probability, const ByAge& multiplier);

// Relative prevalence by age of a lifelong condition present from birth at a constant rate, when those with
// it die m(a) times as often: r(0) = 1, r(a+1) = r(a)(1 - m(a)q(a)) / (1 - q(a)); the open group holds
// r(89)(1 - m q)/(1 - q) / m(90) (its stationary share).
ByAge lifelong_condition_profile(const ByAge& death_probability, const ByAge& multiplier);

// The factor k such that sum_a people[a] * min(1, k * profile[a]) = overall * sum_a people[a], found by
// bisection. Throws std::invalid_argument if overall is outside [0, 1) or the profile is all zero.
double scale_to_overall_prevalence(std::span<const double> people, std::span<const double> profile, double overall);

}  // namespace dayopps::derivation
