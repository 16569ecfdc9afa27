#include "forecast/trend_after_last_count.hpp"

namespace dayopps::forecast {

std::string_view trend_choice_name(TrendAfterLastCount choice) {
  switch (choice) {
    case TrendAfterLastCount::stops:
      return "stops";
    case TrendAfterLastCount::damped:
      return "damped";
    case TrendAfterLastCount::continues:
      return "continues";
  }
  return "";
}

std::optional<TrendAfterLastCount> trend_choice_named(std::string_view name) {
  for (TrendAfterLastCount choice : kTrendChoices)
    if (trend_choice_name(choice) == name) return choice;
  return std::nullopt;
}

double drift_years(TrendAfterLastCount choice, double damping, int gap) {
  switch (choice) {
    case TrendAfterLastCount::stops:
      return 0.0;
    case TrendAfterLastCount::continues:
      return gap;
    case TrendAfterLastCount::damped: {
      double years = 0.0, factor = 1.0;
      for (int k = 1; k <= gap; ++k) years += (factor *= damping);
      return years;
    }
  }
  return 0.0;
}

}  // namespace dayopps::forecast
