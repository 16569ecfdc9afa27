#pragma once
// Rolling-origin evaluation (Tashman 2000): refit the pooled trend at each origin on the counts up to it, forecast
// every later count, and score each forecaster beside the naive one (the last count carried forward). Nothing a
// forecast is scored on was seen by its fit.
#include <string>
#include <vector>

#include "forecast/day_care_panel.hpp"
#include "forecast/pooled_trend.hpp"
#include "forecast/series_forecast.hpp"

namespace dayopps::forecast {

// Forecasters in the order of HeldOutCount::forecast: naive, then the three trend choices.
inline constexpr int kForecasterCount = 4;
std::string_view forecaster_name(int forecaster);  // "naive", "trend stops", "trend damped", "trend continues"

struct HeldOutCount {
  ClientGroup group = ClientGroup::learning_disability_18_64;
  std::string area_code;
  int origin = 0;  // the fit saw counts up to this year
  int year = 0;    // the year forecast
  double observed = 0.0;
  double forecast[kForecasterCount] = {};
  bool inside_interval[kForecasterCount] = {};  // the naive forecast has no interval: false
};

// A set of councils to score together, e.g. one council or a region.
struct Scope {
  std::string name;
  std::vector<std::string> area_codes;  // empty: every council of the panel
};

struct ScoreRow {
  std::string scope;
  std::string group;  // a client group's name, or "all groups"
  int origin = 0;     // the counts forecast from this origin; 0: from every origin
  int forecaster = 0;
  int counts = 0;
  double mean_ape = 0.0;       // mean absolute percentage error, %
  double median_ape = 0.0;     // %
  double relative_mape = 0.0;  // mean_ape / the naive forecaster's
  double coverage = 0.0;       // share of counts inside the interval (NaN for naive)
};

struct BacktestSettings {
  std::vector<int> origins;
  std::vector<LevelShift> shifts;
  double damping = 1.0;
  double interval_level = 0.90;
};

std::vector<HeldOutCount> held_out_counts(const Panel& panel, const BacktestSettings& settings);

// Scores per scope, client group (and all groups), origin (and all origins, origin 0) and forecaster.
std::vector<ScoreRow> score(const std::vector<HeldOutCount>& counts, const std::vector<Scope>& scopes);

// The trend choice whose forecasts have the lowest median absolute percentage error over every council's held-out
// counts (all groups, all origins): the default the report names. The held-out gaps are 1 to 3 years; what the
// trend does over decades is not tested by them (docs/model.md, "Forecast").
TrendAfterLastCount held_out_best(const std::vector<ScoreRow>& rows, const std::string& all_councils_scope);

}  // namespace dayopps::forecast
