#include "forecast/series_forecast.hpp"

#include <cmath>

#include <boost/math/distributions/normal.hpp>

namespace dayopps::forecast {

CountForecast forecast_count(double last_count, int last_year, double population_then, int target_year,
                             double population_at_target, const CouncilDrift& drift, const PooledTrend& trend,
                             const TrendSetting& setting) {
  const int gap = target_year - last_year;
  const double years = drift_years(setting.choice, setting.damping, gap);
  const double log_median = std::log(last_count / population_then) + years * drift.shrunk +
                            trend.shift_between(last_year, target_year) + std::log(population_at_target);
  const double variance = 2.0 * trend.noise_variance + gap * trend.level_variance + years * years * drift.variance;
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + setting.interval_level / 2.0);
  CountForecast out;
  out.log_sd = std::sqrt(variance);
  out.median = std::exp(log_median);
  out.low = std::exp(log_median - z * out.log_sd);
  out.high = std::exp(log_median + z * out.log_sd);
  return out;
}

}  // namespace dayopps::forecast
