#pragma once
// One council's count of one client group some years after its last count: the last count's uptake per head,
// moved by the pooled drift as the trend choice says, times the population then; with an interval whose log-scale
// variance grows with the gap (docs/model.md, "Forecast"):
//   var(gap) = 2 noise + gap level + (drift years)^2 var(council drift).
#include "forecast/day_care_panel.hpp"
#include "forecast/pooled_trend.hpp"
#include "forecast/trend_after_last_count.hpp"

namespace dayopps::forecast {

struct TrendSetting {
  TrendAfterLastCount choice = TrendAfterLastCount::damped;
  double damping = 1.0;          // factor a year, for `damped`
  double interval_level = 0.90;  // probability the interval holds
};

struct CountForecast {
  double median = 0.0;  // people
  double low = 0.0;     // the interval's ends
  double high = 0.0;
  double log_sd = 0.0;  // standard deviation of the log error
};

// The forecast `gap` = target year - last count's year (> 0) years on. `last_count` > 0 and both populations > 0.
// Breaks of `trend` that fall after the last count are added to the level.
CountForecast forecast_count(double last_count, int last_year, double population_then, int target_year,
                             double population_at_target, const CouncilDrift& drift, const PooledTrend& trend,
                             const TrendSetting& setting);

}  // namespace dayopps::forecast
