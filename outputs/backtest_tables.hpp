#pragma once
// The tables `dayopps backtest` writes: the pooled trend per client group, every held-out count with each
// forecaster's value, the scores beside the naive forecast, the focus council's forecasts, and a report that
// reads them in words. Numbers are rounded for people: percentages to 0.1, people to whole persons.
#include <string>
#include <vector>

#include "forecast/pooled_trend.hpp"
#include "forecast/rolling_origin.hpp"
#include "forecast/series_forecast.hpp"

namespace dayopps::outputs {

struct FocusForecastRow {
  forecast::ClientGroup group = forecast::ClientGroup::learning_disability_18_64;
  forecast::TrendAfterLastCount choice = forecast::TrendAfterLastCount::stops;
  int last_year = 0;
  double last_count = 0.0;
  int year = 0;
  forecast::CountForecast value;
};

struct BacktestReport {
  std::string focus_area, focus_name, panel_file, settings_file;
  int councils = 0;
  std::vector<forecast::PooledTrend> trends;  // fitted to every count, one per client group
  std::vector<forecast::ScoreRow> scores;
  std::vector<int> origins;
  forecast::TrendSetting setting;  // the settings file's choice
  forecast::TrendAfterLastCount held_out_best = forecast::TrendAfterLastCount::stops;
  std::vector<FocusForecastRow> focus;
};

std::string pooled_trend_csv(const std::vector<forecast::PooledTrend>& trends);
std::string held_out_counts_csv(const std::vector<forecast::HeldOutCount>& counts);
std::string backtest_scores_csv(const std::vector<forecast::ScoreRow>& rows);
std::string focus_forecast_csv(const std::vector<FocusForecastRow>& rows);
std::string backtest_markdown(const BacktestReport& report);

}  // namespace dayopps::outputs
