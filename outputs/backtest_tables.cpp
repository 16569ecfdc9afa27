#include "outputs/backtest_tables.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace dayopps::outputs {
namespace {

std::string fixed(double value, int decimals) {
  if (std::isnan(value)) return "";
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string s = text;
  if (s.rfind("-0", 0) == 0 && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);  // no "-0.0"
  return s;
}

// Change of uptake per head a year, %, from a drift on the log scale.
std::string percent_a_year(double drift) { return fixed(100.0 * std::expm1(drift), 1); }

std::string quoted(const std::string& text) { return "\"" + text + "\""; }

const forecast::ScoreRow* find(const std::vector<forecast::ScoreRow>& rows, const std::string& scope,
                               const std::string& group, int origin, int forecaster) {
  for (const forecast::ScoreRow& row : rows)
    if (row.scope == scope && row.group == group && row.origin == origin && row.forecaster == forecaster) return &row;
  return nullptr;
}

// One row per client group and origin: the counts scored, then each forecaster's MAPE (relative MAPE) and, for the
// trend choices, how often the interval held.
void score_table(std::ostringstream& md, const BacktestReport& r, const std::string& scope) {
  md << "\n### " << scope
     << "\n\n| client group | origin | held-out counts | naive | trend stops | trend damped | "
        "trend continues | interval held (stops / damped / continues) |\n|---|---|---|---|---|---|---|---|\n";
  std::vector<int> origins{0};
  origins.insert(origins.end(), r.origins.begin(), r.origins.end());
  for (const std::string group : {"learning_disability 18-64", "physical_disability 18-64", "all 65+", "all groups"})
    for (int origin : origins) {
      const forecast::ScoreRow* naive = find(r.scores, scope, group, origin, 0);
      if (!naive) continue;
      md << "| " << group << " | " << (origin == 0 ? std::string("all") : std::to_string(origin)) << " | "
         << naive->counts << " | " << fixed(naive->mean_ape, 1) << "%";
      std::string held;
      for (int f = 1; f < forecast::kForecasterCount; ++f) {
        const forecast::ScoreRow* row = find(r.scores, scope, group, origin, f);
        md << " | " << fixed(row->mean_ape, 1) << "% (" << fixed(row->relative_mape, 2) << ")";
        held += (held.empty() ? "" : " / ") + fixed(100.0 * row->coverage, 0) + "%";
      }
      md << " | " << held << " |\n";
    }
}

}  // namespace

std::string pooled_trend_csv(const std::vector<forecast::PooledTrend>& trends) {
  std::ostringstream csv;
  csv << "client_group,last_year,councils,drift_log_per_year,drift_standard_error,uptake_change_percent_a_year,"
         "between_councils_variance,noise_variance,level_variance_a_year,level_shifts\n";
  for (const forecast::PooledTrend& t : trends) {
    std::string shifts;
    for (const forecast::FittedShift& s : t.shifts)
      shifts += (shifts.empty() ? "" : "; ") + std::to_string(s.year) + ": " + fixed(s.size, 4) + " (se " +
                fixed(s.standard_error, 4) + ")";
    csv << forecast::client_group_name(t.group) << ',' << t.last_year << ',' << t.councils << ',' << fixed(t.drift, 5)
        << ',' << fixed(t.drift_standard_error, 5) << ',' << percent_a_year(t.drift) << ','
        << fixed(t.between_councils_variance, 6) << ',' << fixed(t.noise_variance, 6) << ','
        << fixed(t.level_variance, 6) << ',' << quoted(shifts) << '\n';
  }
  return csv.str();
}

std::string held_out_counts_csv(const std::vector<forecast::HeldOutCount>& counts) {
  std::ostringstream csv;
  csv << "area_code,client_group,origin,year,observed";
  for (int f = 0; f < forecast::kForecasterCount; ++f) csv << ",forecast_" << forecast::forecaster_name(f);
  for (int f = 1; f < forecast::kForecasterCount; ++f) csv << ",inside_interval_" << forecast::forecaster_name(f);
  csv << '\n';
  for (const forecast::HeldOutCount& h : counts) {
    csv << h.area_code << ',' << forecast::client_group_name(h.group) << ',' << h.origin << ',' << h.year << ','
        << fixed(h.observed, 0);
    for (double f : h.forecast) csv << ',' << fixed(f, 0);
    for (int f = 1; f < forecast::kForecasterCount; ++f) csv << ',' << (h.inside_interval[f] ? "yes" : "no");
    csv << '\n';
  }
  return csv.str();
}

std::string backtest_scores_csv(const std::vector<forecast::ScoreRow>& rows) {
  std::ostringstream csv;
  csv << "scope,client_group,origin,forecaster,held_out_counts,mape_percent,median_ape_percent,relative_mape,"
         "interval_coverage\n";
  for (const forecast::ScoreRow& r : rows)
    csv << quoted(r.scope) << ',' << r.group << ',' << (r.origin == 0 ? std::string("all") : std::to_string(r.origin))
        << ',' << forecast::forecaster_name(r.forecaster) << ',' << r.counts << ',' << fixed(r.mean_ape, 1) << ','
        << fixed(r.median_ape, 1) << ',' << fixed(r.relative_mape, 3) << ',' << fixed(r.coverage, 3) << '\n';
  return csv.str();
}

std::string focus_forecast_csv(const std::vector<FocusForecastRow>& rows) {
  std::ostringstream csv;
  csv << "client_group,trend_after_last_count,last_year,last_count,year,median,interval_low,interval_high\n";
  for (const FocusForecastRow& r : rows)
    csv << forecast::client_group_name(r.group) << ',' << forecast::trend_choice_name(r.choice) << ',' << r.last_year
        << ',' << fixed(r.last_count, 0) << ',' << r.year << ',' << fixed(r.value.median, 0) << ','
        << fixed(r.value.low, 0) << ',' << fixed(r.value.high, 0) << '\n';
  return csv.str();
}

std::string backtest_markdown(const BacktestReport& r) {
  std::ostringstream md;
  const std::string interval = fixed(100.0 * r.setting.interval_level, 0) + "%";
  md << "# Day-care forecast: the pooled trend and its held-out errors\n\n"
     << "Fitted to " << r.councils << " English councils' PSS EX1 day-care counts (`" << r.panel_file
     << "`), settings `" << r.settings_file << "`. Each forecast starts from the council's latest count; the "
     << "uptake per head then stops, is damped by " << fixed(r.setting.damping, 2)
     << " a year, or continues at the pooled drift, and the population moves it.\n\n"
     << "**On held-out years the trend that " << forecast::trend_choice_name(r.held_out_best)
     << " wins** (lowest median absolute percentage error over every council's held-out counts, origins";
  for (int o : r.origins) md << ' ' << o;
  md << "). The settings file's choice is **" << forecast::trend_choice_name(r.setting.choice) << "**"
     << (r.setting.choice == r.held_out_best ? "." : ", which is not the held-out winner.")
     << " The held-out counts are 1 to " << r.trends.front().last_year - r.origins.front()
     << " years after their origin; a forecast to 2040 is decades after the last count, where no held-out year "
     << "tests the trend, so what it does there stays a scenario choice: the last table shows all three.\n\n"
     << "## The pooled trend (all counts 2009-2014)\n\n"
     << "| client group | councils | uptake per head, % a year | standard error (log) | between councils (sd) | "
        "count's scatter (sd) | level's wander a year (sd) | level shifts |\n|---|---|---|---|---|---|---|---|\n";
  for (const forecast::PooledTrend& t : r.trends) {
    std::string shifts = "none";
    for (const forecast::FittedShift& s : t.shifts)
      shifts = std::to_string(s.year) + ": " + percent_a_year(s.size) + "%";
    md << "| " << forecast::client_group_name(t.group) << " | " << t.councils << " | " << percent_a_year(t.drift)
       << " | " << fixed(t.drift_standard_error, 4) << " | " << fixed(std::sqrt(t.between_councils_variance), 3)
       << " | " << fixed(std::sqrt(t.noise_variance), 3) << " | " << fixed(std::sqrt(t.level_variance), 3) << " | "
       << shifts << " |\n";
  }
  md << "\n## Held-out errors beside the naive forecast (the last count carried forward)\n\n"
     << "Mean absolute percentage error (MAPE) of each forecaster, and in brackets its ratio to the naive "
     << "forecast's (below 1 beats it); the last column is the share of held-out counts inside the " << interval
     << " interval. Origin: the last year the fit saw; every later count to 2014 is scored. Median absolute "
     << "percentage errors are in backtest_scores.csv.\n";
  for (const std::string& scope : [&] {
         std::vector<std::string> scopes;
         for (const forecast::ScoreRow& row : r.scores)
           if (scopes.empty() || scopes.back() != row.scope) scopes.push_back(row.scope);
         return scopes;
       }())
    score_table(md, r, scope);
  md << "\n## " << r.focus_name << " from its latest count\n\n"
     << "People receiving day care (PSS EX1 concept) after the last count, by trend choice: median and " << interval
     << " interval. The population is the ONS projection named in the settings; the interval widens with the years "
     << "since the last count. Counts after 2014 measure other things (the 2019 consultation's day opportunities, the "
     << "2024 council centres) and are not compared here.\n\n"
     << "| client group | trend | last count | year | median | " << interval
     << " interval |\n|---|---|---|---|---|---|\n";
  for (const FocusForecastRow& f : r.focus)
    md << "| " << forecast::client_group_name(f.group) << " | " << forecast::trend_choice_name(f.choice) << " | "
       << fixed(f.last_count, 0) << " (" << f.last_year << ") | " << f.year << " | " << fixed(f.value.median, 0)
       << " | " << fixed(f.value.low, 0) << " to " << fixed(f.value.high, 0) << " |\n";
  return md.str();
}

}  // namespace dayopps::outputs
