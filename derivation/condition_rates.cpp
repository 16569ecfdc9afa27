#include "derivation/condition_rates.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dayopps::derivation {

namespace {

double midpoint(const AgeBandValue& band) {
  if (band.last_age >= model::kOpenAgeGroup) return band.first_age + 2.0;
  return 0.5 * (band.first_age + band.last_age);
}

// Only bands of up to ten years describe a curve worth interpolating; a wider band is a flat statement.
bool narrow(const AgeBandValue& band) { return band.last_age - band.first_age < 10; }

}  // namespace

ByAge interpolate_bands(std::span<const AgeBandValue> bands) {
  ByAge values{};
  if (bands.empty()) return values;
  for (std::size_t k = 1; k < bands.size(); ++k) {
    if (bands[k].first_age <= bands[k - 1].last_age) throw std::invalid_argument("age bands overlap or are unsorted");
  }
  for (int age = 0; age < model::kAgeCount; ++age) {
    const auto inside = std::find_if(bands.begin(), bands.end(),
                                     [age](const AgeBandValue& b) { return age >= b.first_age && age <= b.last_age; });
    if (inside == bands.end()) continue;
    if (age == model::kOpenAgeGroup && inside->first_age == model::kOpenAgeGroup) {
      values[static_cast<std::size_t>(age)] = inside->value;  // the open group is the whole "90+" band
      continue;
    }
    const double x = age;
    // Interpolate between the two midpoints around this age, within the covered range.
    std::size_t upper = 0;
    while (upper < bands.size() && midpoint(bands[upper]) < x) ++upper;
    double v = 0.0;
    if (upper == 0) {
      v = bands.front().value;
    } else if (upper == bands.size()) {
      v = bands.back().value;
    } else {
      const AgeBandValue& lo = bands[upper - 1];
      const AgeBandValue& hi = bands[upper];
      if (hi.first_age != lo.last_age + 1 || !narrow(lo) || !narrow(hi)) {
        v = inside->value;  // a gap, or a wide band (e.g. "0-64: none"): hold the band's own value
      } else {
        const double t = (x - midpoint(lo)) / (midpoint(hi) - midpoint(lo));
        v = lo.value + t * (hi.value - lo.value);
      }
    }
    values[static_cast<std::size_t>(age)] = v;
  }
  return values;
}

ByAge implied_onset(const ByAge& prevalence, const ByAge& death_probability, const ByAge& multiplier) {
  ByAge onset{};
  const auto open = static_cast<std::size_t>(model::kOpenAgeGroup);
  // Ages 1..89 at the end of the year: a one-year step of a closed cohort.
  for (std::size_t a = 0; a + 1 < open; ++a) {
    const double p = prevalence[a], q = death_probability[a], m = multiplier[a];
    const double survivors_with = p * (1.0 - std::min(1.0, m * q));
    const double survivors_without = (1.0 - p) * (1.0 - q);
    if (survivors_without <= 0.0) continue;
    const double rate = (prevalence[a + 1] * (survivors_with + survivors_without) - survivors_with) / survivors_without;
    onset[a + 1] = std::clamp(rate, 0.0, 1.0);
  }
  // The open group 90+: the onset that replaces its own excess deaths, keeping its prevalence.
  const double p = prevalence[open], q = death_probability[open], m = multiplier[open];
  onset[open] = q < 1.0 ? std::clamp(p * q * (m - 1.0) / (1.0 - q), 0.0, 1.0) : 0.0;
  return onset;
}

ByAge lifelong_condition_profile(const ByAge& death_probability, const ByAge& multiplier) {
  ByAge r{};
  r[0] = 1.0;
  for (std::size_t a = 0; a + 1 < r.size(); ++a) {
    const double q = death_probability[a];
    r[a + 1] = q < 1.0 ? r[a] * std::max(0.0, 1.0 - std::min(1.0, multiplier[a] * q)) / (1.0 - q) : 0.0;
  }
  const auto last = static_cast<std::size_t>(model::kOpenAgeGroup);
  if (multiplier[last] > 0.0) r[last] /= multiplier[last];
  return r;
}

double scale_to_overall_prevalence(std::span<const double> people, std::span<const double> profile, double overall) {
  if (!(overall >= 0.0 && overall < 1.0)) throw std::invalid_argument("overall prevalence must lie in [0, 1)");
  if (people.size() != profile.size()) throw std::invalid_argument("people and profile differ in length");
  double total = 0.0;
  for (const double n : people) total += n;
  const auto share = [&](double k) {
    double with = 0.0;
    for (std::size_t a = 0; a < people.size(); ++a) with += people[a] * std::min(1.0, k * profile[a]);
    return with / total;
  };
  if (overall == 0.0) return 0.0;
  double lo = 0.0, hi = 1.0;
  while (share(hi) < overall) {
    hi *= 2.0;
    if (hi > 1e12) throw std::invalid_argument("the profile cannot reach the overall prevalence");
  }
  for (int iteration = 0; iteration < 200; ++iteration) {
    const double mid = 0.5 * (lo + hi);
    (share(mid) < overall ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace dayopps::derivation
