#pragma once
// The uptake trend of one client group, pooled over the councils of the national panel (docs/model.md,
// "Forecast"). Each council's log uptake per head follows a local level with drift,
//   y_ct = m_ct + e_ct,   m_ct = m_c,t-1 + d_c + s_t + w_ct,   d_c ~ N(drift, tau^2),
// with e the count's own scatter (variance noise_variance), w the level's wander (level_variance) and s_t the
// level shift of a known break in the returns. The moments of the errors of "last count plus drift" at 1 to 5
// years, E[err_h^2] = 2 noise + h level + h^2 tau^2, give the three variances; the drift is the precision-weighted
// mean of the councils' own drifts, and each council's drift is shrunk toward it (empirical Bayes).
#include <map>
#include <string>
#include <vector>

#include "forecast/day_care_panel.hpp"

namespace dayopps::forecast {

// A break in the returns: the change into `year` of `group`'s series is a level shift, not trend.
struct LevelShift {
  ClientGroup group = ClientGroup::all_65_over;
  int year = 0;
};

struct FittedShift {
  int year = 0;
  double size = 0.0;  // change of log uptake at the break beyond the drift
  double standard_error = 0.0;
};

struct CouncilDrift {
  double own = 0.0;       // the council's own mean change of log uptake a year
  double shrunk = 0.0;    // posterior mean, toward the national drift
  double variance = 0.0;  // posterior variance of the shrunk drift
};

struct PooledTrend {
  ClientGroup group = ClientGroup::learning_disability_18_64;
  int last_year = 0;  // the fit saw the counts up to this year
  int councils = 0;
  double drift = 0.0;  // national change of log uptake per head a year
  double drift_standard_error = 0.0;
  double between_councils_variance = 0.0;  // tau^2
  double noise_variance = 0.0;             // a count's scatter around its level, log scale
  double level_variance = 0.0;             // the level's wander a year, log scale
  std::vector<FittedShift> shifts;
  std::map<std::string, CouncilDrift> council;  // by area_code

  // Change of log uptake from `from` to `to` due to known breaks (0 if none falls in (from, to]).
  double shift_between(int from, int to) const;
  // The council's drift: shrunk toward the national one; the national drift for a council not in the fit.
  CouncilDrift drift_of(const std::string& area_code) const;
};

// Fits one group's trend to the panel's counts up to `last_year`. Throws std::invalid_argument when fewer than
// two councils have two consecutive years.
PooledTrend fit_pooled_trend(const Panel& panel, ClientGroup group, int last_year,
                             const std::vector<LevelShift>& shifts);

}  // namespace dayopps::forecast
