#pragma once
// What the uptake trend does after a council's last count: a scenario choice, since six years of a falling series
// cannot say whether the fall goes on (docs/model.md, "Forecast").
#include <optional>
#include <string_view>

namespace dayopps::forecast {

enum class TrendAfterLastCount {
  stops,      // uptake per head stays at the last count's: only demography moves the forecast
  damped,     // the drift fades by a factor a year (Gardner and McKenzie's damped trend)
  continues,  // the drift goes on at its fitted rate
};
inline constexpr TrendAfterLastCount kTrendChoices[] = {TrendAfterLastCount::stops, TrendAfterLastCount::damped,
                                                        TrendAfterLastCount::continues};

std::string_view trend_choice_name(TrendAfterLastCount choice);
std::optional<TrendAfterLastCount> trend_choice_named(std::string_view name);

// The years of drift a forecast `gap` years after the last count carries: 0, phi + ... + phi^gap, or gap.
double drift_years(TrendAfterLastCount choice, double damping, int gap);

}  // namespace dayopps::forecast
