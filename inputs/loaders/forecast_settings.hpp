#pragma once
// The forecast's settings (inputs/parameters/forecast.toml) and the national day-care panel they name
// (inputs/data/england_day_care_panel_2009_2014.csv), read and validated: the forecast stage sees only
// forecast::Panel and these plain settings.
#include <filesystem>
#include <string>
#include <vector>

#include "forecast/day_care_panel.hpp"
#include "forecast/pooled_trend.hpp"
#include "forecast/rolling_origin.hpp"
#include "forecast/series_forecast.hpp"
#include "inputs/loaders/input_error.hpp"

namespace dayopps::inputs {

struct ForecastSettings {
  std::filesystem::path file;
  std::filesystem::path panel;      // resolved against `file`
  forecast::TrendSetting trend;     // [forecast] trend_after_last_count, damping, interval_level
  std::string trend_choice_source;  // why the choice and the damping factor are what they are
  std::vector<int> origins;         // [backtest] origins
  std::vector<forecast::LevelShift> shifts;
  std::vector<std::string> shift_sources;
  std::string focus_area;                  // the council the report opens on
  std::filesystem::path focus_projection;  // its population projection (SNPP layout), resolved against `file`
  std::vector<int> forecast_years;         // years the focus council is forecast for
  std::vector<forecast::Scope> scopes;     // the focus council, each [[scope]], then every council
  // Where each was written, for refusals found against the panel.
  InputLocation focus_area_at;
  std::vector<InputLocation> origin_at, shift_at, scope_at;  // scope_at[k] is scopes[k + 1]'s
};

ForecastSettings load_forecast_settings(const std::filesystem::path& file);

// Refuses, with file, line and field: an unknown client group or an age band that is not the group's, a count or
// population that is not a positive whole number, a series year twice, a council with two names or populations.
forecast::Panel load_day_care_panel(const std::filesystem::path& file);

// Gives the focus council's series of `panel` their projected population (residents 18-64 or 65+ by year).
void add_focus_projection(const ForecastSettings& settings, forecast::Panel& panel);

// Refuses settings that do not fit the panel: a scope or focus council it does not hold, an origin with no later
// count, a level shift outside its years.
void check_settings_against_panel(const ForecastSettings& settings, const forecast::Panel& panel);

}  // namespace dayopps::inputs
