// The forecast stage against known values: the trend choices' years of drift, the interval's growth with the
// gap, the stopped trend as a pure demographic projection, the naive forecaster, the loaders' refusals, and the
// shipped settings' trend choice as the held-out winner on the shipped panel.
#include <gtest/gtest.h>

#include <cmath>

#include "forecast/rolling_origin.hpp"
#include "forecast/series_forecast.hpp"
#include "inputs/loaders/forecast_settings.hpp"
#include "test_support.hpp"

namespace dayopps::forecast {
namespace {

using testing::expect_input_error;
using testing::TempFolder;

PooledTrend some_trend() {
  PooledTrend t;
  t.drift = -0.1;
  t.noise_variance = 0.01;
  t.level_variance = 0.04;
  t.between_councils_variance = 0.002;
  t.drift_standard_error = 0.01;
  return t;
}

TEST(TrendChoice, YearsOfDriftAreZeroTheGapOrTheDampedSum) {
  EXPECT_EQ(drift_years(TrendAfterLastCount::stops, 0.8, 5), 0.0);
  EXPECT_EQ(drift_years(TrendAfterLastCount::continues, 0.8, 5), 5.0);
  EXPECT_NEAR(drift_years(TrendAfterLastCount::damped, 0.8, 3), 0.8 + 0.64 + 0.512, 1e-15);
  EXPECT_NEAR(drift_years(TrendAfterLastCount::damped, 1.0, 7), 7.0, 1e-15);
  EXPECT_EQ(trend_choice_named("damped"), TrendAfterLastCount::damped);
  EXPECT_FALSE(trend_choice_named("flat").has_value());
}

TEST(SeriesForecast, StoppedTrendIsTheLatestCountMovedByPopulationOnly) {
  const PooledTrend trend = some_trend();
  const CountForecast f = forecast_count(720, 2014, 700'000, 2030, 770'000, trend.drift_of("E08000025"), trend,
                                         {TrendAfterLastCount::stops, 0.8, 0.9});
  EXPECT_NEAR(f.median, 720.0 * 770'000 / 700'000, 1e-9);
}

TEST(SeriesForecast, ContinuedTrendCompoundsTheDrift) {
  const PooledTrend trend = some_trend();
  const CountForecast f = forecast_count(500, 2014, 100'000, 2019, 100'000, trend.drift_of("x"), trend,
                                         {TrendAfterLastCount::continues, 0.8, 0.9});
  EXPECT_NEAR(f.median, 500.0 * std::exp(-0.5), 1e-9);
  // The 90% interval: 1.6449 standard deviations of the log error either side.
  const double sd = std::sqrt(2 * 0.01 + 5 * 0.04 + 25 * (0.002 + 0.0001));
  EXPECT_NEAR(f.log_sd, sd, 1e-12);
  EXPECT_NEAR(std::log(f.high / f.median), 1.6448536269514722 * sd, 1e-9);
}

TEST(SeriesForecast, IntervalWidensWithTheYearsSinceTheLastCount) {
  // Property: for any variances >= 0 with a wandering level, every choice and damping, the log interval's width
  // grows strictly with the gap.
  std::mt19937 random(7);
  std::uniform_real_distribution<double> u(0.0, 0.1);
  for (int trial = 0; trial < 200; ++trial) {
    PooledTrend trend = some_trend();
    trend.noise_variance = u(random);
    trend.level_variance = 1e-4 + u(random);
    trend.between_councils_variance = u(random) / 10;
    for (TrendAfterLastCount choice : kTrendChoices) {
      const TrendSetting setting{choice, 0.5 + 5 * u(random), 0.9};
      double previous = 0.0;
      for (int year = 2015; year <= 2040; ++year) {
        const CountForecast f = forecast_count(300, 2014, 1e5, year, 1e5, trend.drift_of("x"), trend, setting);
        const double width = std::log(f.high / f.low);
        ASSERT_GT(width, previous) << "choice " << trend_choice_name(choice) << " year " << year;
        previous = width;
      }
    }
  }
}

TEST(RollingOrigin, NaiveForecastIsTheLastCountAndScoresAreItsErrors) {
  Panel panel;
  const std::vector<int> years{2009, 2010, 2011, 2012, 2013, 2014};
  for (int c = 0; c < 4; ++c)
    for (ClientGroup g : kClientGroups)
      panel.series.push_back({"E0800002" + std::to_string(c),
                              "c",
                              g,
                              years,
                              {100.0 + c, 90.0, 80.0 + c, 80.0, 72.0 - c, 60.0},
                              1e5,
                              1e5,
                              {}});
  const BacktestSettings settings{{2012}, {}, 0.8, 0.9};
  const std::vector<HeldOutCount> held_out = held_out_counts(panel, settings);
  ASSERT_EQ(held_out.size(), 4u * 3u * 2u);
  EXPECT_EQ(held_out.front().forecast[0], 80.0);
  const std::vector<ScoreRow> rows = score(held_out, {{"one", {"E08000020"}}});
  // Council 0: naive 80 against 72 and 60: APE 11.1% and 33.3%, for each group.
  const ScoreRow& naive = rows.front();
  EXPECT_EQ(naive.scope, "one");
  EXPECT_EQ(naive.origin, 0);
  EXPECT_EQ(naive.forecaster, 0);
  EXPECT_NEAR(naive.mean_ape, (800.0 / 72 + 2000.0 / 60) / 2, 1e-9);
  EXPECT_NEAR(naive.relative_mape, 1.0, 1e-12);
}

TEST(ForecastSettings, ShippedChoiceIsTheHeldOutWinner) {
  const auto file = testing::source_dir() / "inputs" / "parameters" / "forecast.toml";
  const inputs::ForecastSettings settings = inputs::load_forecast_settings(file);
  const Panel panel = inputs::load_day_care_panel(settings.panel);
  inputs::check_settings_against_panel(settings, panel);
  const BacktestSettings backtest{settings.origins, settings.shifts, settings.trend.damping,
                                  settings.trend.interval_level};
  const std::vector<ScoreRow> rows = score(held_out_counts(panel, backtest), settings.scopes);
  EXPECT_EQ(held_out_best(rows, settings.scopes.back().name), settings.trend.choice)
      << "forecast.toml's trend_after_last_count is no longer the held-out winner: run dayopps backtest";
  for (const ScoreRow& row : rows) {
    if (row.scope == "all councils" && row.origin == 0 && row.forecaster > 0 && row.group == "all groups") {
      EXPECT_GE(row.coverage, 0.8) << forecaster_name(row.forecaster);
    }
  }
}

const char* kSettings = R"([forecast]
panel = "panel.csv"
focus_area = "E08000025"
focus_projection = "projection.csv"
forecast_years = [2019, 2030]
trend_after_last_count = "damped"
damping = 0.8
interval_level = 0.9
source = "test"

[backtest]
origins = [2012]
)";

TEST(ForecastSettings, RefusesAnUnnamedTrendChoiceAtItsKey) {
  TempFolder folder;
  std::string text = kSettings;
  text.replace(text.find("\"damped\""), 8, "\"flat\"");
  const auto file = folder.write("forecast.toml", text);
  expect_input_error([&] { inputs::load_forecast_settings(file); }, file, 6, 26, "forecast.trend_after_last_count",
                     "'flat' is not one of stops, damped, continues");
}

TEST(ForecastSettings, RefusesADampingOfZero) {
  TempFolder folder;
  std::string text = kSettings;
  text.replace(text.find("0.8"), 3, "0.0");
  const auto file = folder.write("forecast.toml", text);
  expect_input_error([&] { inputs::load_forecast_settings(file); }, file, 7, 11, "forecast.damping", "above 0");
}

const char* kPanelHeader =
    "area_code,area_name,cassr_code,client_group,age_band,year,count,population_mid2011,population_mid2018,source\n";

TEST(DayCarePanel, RefusesACouncilWithNoPopulation) {
  TempFolder folder;
  const auto file = folder.write("panel.csv", std::string(kPanelHeader) +
                                                  "E08000025,Birmingham,406,all,65+,2009,1085,138770,147944,s\n"
                                                  "E08000026,Coventry,407,all,65+,2009,300,,50000,s\n");
  expect_input_error([&] { inputs::load_day_care_panel(file); }, file, 3, 8, "population_mid2011", "missing");
}

TEST(DayCarePanel, RefusesAnAgeBandThatIsNotTheGroupsAndAZeroCount) {
  TempFolder folder;
  auto file = folder.write(
      "panel.csv", std::string(kPanelHeader) + "E08000025,Birmingham,406,learning_disability,65+,2009,9,10,10,s\n");
  expect_input_error([&] { inputs::load_day_care_panel(file); }, file, 2, 5, "age_band", "ages 18-64");
  file = folder.write("panel.csv",
                      std::string(kPanelHeader) + "E08000025,Birmingham,406,all,65+,2009,0,138770,147944,s\n");
  expect_input_error([&] { inputs::load_day_care_panel(file); }, file, 2, 7, "count", "zero count");
}

TEST(DayCarePanel, SettingsNamingACouncilOutsideThePanelAreRefusedWhereWritten) {
  TempFolder folder;
  std::string text = kSettings;
  text.replace(text.find("E08000025"), 9, "E08000099");
  const auto file = folder.write("forecast.toml", text);
  const auto panel_file = folder.write("panel.csv", std::string(kPanelHeader) +
                                                        "E08000025,Birmingham,406,all,65+,2009,1085,138770,147944,s\n"
                                                        "E08000025,Birmingham,406,all,65+,2014,470,138770,147944,s\n");
  const inputs::ForecastSettings settings = inputs::load_forecast_settings(file);
  const Panel panel = inputs::load_day_care_panel(panel_file);
  expect_input_error([&] { inputs::check_settings_against_panel(settings, panel); }, file, 3, 14, "forecast.focus_area",
                     "E08000099 has no series in the panel");
}

}  // namespace
}  // namespace dayopps::forecast
