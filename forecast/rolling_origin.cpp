#include "forecast/rolling_origin.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace dayopps::forecast {
namespace {

constexpr const char* kForecasterNames[kForecasterCount] = {"naive", "trend stops", "trend damped", "trend continues"};

void add_held_out(const PanelSeries& series, const PooledTrend& trend, const BacktestSettings& settings, int origin,
                  std::vector<HeldOutCount>& out) {
  std::size_t last = series.years.size();
  for (std::size_t k = 0; k < series.years.size(); ++k)
    if (series.years[k] <= origin) last = k;
  if (last == series.years.size()) return;
  const int last_year = series.years[last];
  const CouncilDrift drift = trend.drift_of(series.area_code);
  for (std::size_t k = last + 1; k < series.years.size(); ++k) {
    HeldOutCount h;
    h.group = series.group;
    h.area_code = series.area_code;
    h.origin = origin;
    h.year = series.years[k];
    h.observed = series.counts[k];
    h.forecast[0] = series.counts[last];
    for (int c = 0; c < 3; ++c) {
      const TrendSetting setting{kTrendChoices[c], settings.damping, settings.interval_level};
      const CountForecast f = forecast_count(series.counts[last], last_year, population_in(series, last_year), h.year,
                                             population_in(series, h.year), drift, trend, setting);
      h.forecast[c + 1] = f.median;
      h.inside_interval[c + 1] = h.observed >= f.low && h.observed <= f.high;
    }
    out.push_back(std::move(h));
  }
}

double median(std::vector<double> v) {
  if (v.empty()) return std::numeric_limits<double>::quiet_NaN();
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  if (v.size() % 2 == 1) return v[mid];
  const double upper = v[mid];
  return (*std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid)) + upper) / 2.0;
}

bool in_scope(const Scope& scope, const std::string& area_code) {
  return scope.area_codes.empty() ||
         std::find(scope.area_codes.begin(), scope.area_codes.end(), area_code) != scope.area_codes.end();
}

void add_rows(const std::vector<const HeldOutCount*>& all_origins, const std::string& scope, const std::string& group,
              int origin, std::vector<ScoreRow>& out) {
  std::vector<const HeldOutCount*> counts;
  for (const HeldOutCount* h : all_origins)
    if (origin == 0 || h->origin == origin) counts.push_back(h);
  if (counts.empty()) return;
  double naive_mape = 0.0;
  for (int f = 0; f < kForecasterCount; ++f) {
    std::vector<double> ape;
    int inside = 0;
    for (const HeldOutCount* h : counts) {
      ape.push_back(100.0 * std::abs(h->forecast[f] - h->observed) / h->observed);
      inside += h->inside_interval[f] ? 1 : 0;
    }
    ScoreRow row{scope,
                 group,
                 origin,
                 f,
                 static_cast<int>(counts.size()),
                 0.0,
                 median(ape),
                 0.0,
                 f == 0 ? std::numeric_limits<double>::quiet_NaN()
                        : static_cast<double>(inside) / static_cast<double>(ape.size())};
    for (double a : ape) row.mean_ape += a / static_cast<double>(ape.size());
    if (f == 0) naive_mape = row.mean_ape;
    row.relative_mape = naive_mape > 0.0 ? row.mean_ape / naive_mape : std::numeric_limits<double>::quiet_NaN();
    out.push_back(row);
  }
}

}  // namespace

std::string_view forecaster_name(int forecaster) { return kForecasterNames[forecaster]; }

std::vector<HeldOutCount> held_out_counts(const Panel& panel, const BacktestSettings& settings) {
  std::vector<HeldOutCount> out;
  for (int origin : settings.origins)
    for (ClientGroup group : kClientGroups) {
      const PooledTrend trend = fit_pooled_trend(panel, group, origin, settings.shifts);
      for (const PanelSeries& series : panel.series)
        if (series.group == group) add_held_out(series, trend, settings, origin, out);
    }
  return out;
}

std::vector<ScoreRow> score(const std::vector<HeldOutCount>& counts, const std::vector<Scope>& scopes) {
  std::vector<int> origins{0};
  for (const HeldOutCount& h : counts)
    if (std::find(origins.begin(), origins.end(), h.origin) == origins.end()) origins.push_back(h.origin);
  std::sort(origins.begin() + 1, origins.end());
  std::vector<ScoreRow> out;
  for (const Scope& scope : scopes) {
    std::vector<const HeldOutCount*> all;
    for (ClientGroup group : kClientGroups) {
      std::vector<const HeldOutCount*> of_group;
      for (const HeldOutCount& h : counts)
        if (h.group == group && in_scope(scope, h.area_code)) of_group.push_back(&h);
      for (int origin : origins) add_rows(of_group, scope.name, std::string(client_group_name(group)), origin, out);
      all.insert(all.end(), of_group.begin(), of_group.end());
    }
    for (int origin : origins) add_rows(all, scope.name, "all groups", origin, out);
  }
  return out;
}

TrendAfterLastCount held_out_best(const std::vector<ScoreRow>& rows, const std::string& all_councils_scope) {
  TrendAfterLastCount best = TrendAfterLastCount::stops;
  double best_error = std::numeric_limits<double>::infinity();
  for (const ScoreRow& row : rows)
    if (row.scope == all_councils_scope && row.group == "all groups" && row.origin == 0 && row.forecaster > 0 &&
        row.median_ape < best_error) {
      best_error = row.median_ape;
      best = kTrendChoices[row.forecaster - 1];
    }
  return best;
}

}  // namespace dayopps::forecast
