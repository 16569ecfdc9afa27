#include "inputs/loaders/forecast_settings.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/csv_table.hpp"
#include "inputs/loaders/population_table.hpp"
#include "inputs/loaders/toml_fields.hpp"

namespace dayopps::inputs {
namespace {

constexpr std::array<std::string_view, 10> kPanelColumns{
    "area_code", "area_name", "cassr_code",         "client_group",       "age_band",
    "year",      "count",     "population_mid2011", "population_mid2018", "source"};
constexpr std::array<std::string_view, 3> kGroupNames{"learning_disability", "physical_disability", "all"};
constexpr std::array<std::string_view, 3> kGroupAges{"18-64", "18-64", "65+"};

forecast::ClientGroup group_named(const TomlFields& fields, std::string_view key, const std::string& name) {
  for (forecast::ClientGroup group : forecast::kClientGroups)
    if (forecast::client_group_name(group) == name) return group;
  throw fields.error(key, "'" + name +
                              "' is not a client group of the panel: learning_disability 18-64, "
                              "physical_disability 18-64 or all 65+");
}

// A non-empty array of years (1990 to 2100), with where each was written when `at` is given.
std::vector<int> years_of(const TomlFields& f, const toml::table& table, std::string_view key,
                          std::vector<InputLocation>* at) {
  const toml::array* array = table[key].as_array();
  if (!array) throw f.error(key, "must be an array of years, e.g. [2011, 2012, 2013]");
  std::vector<int> years;
  for (const toml::node& node : *array) {
    const auto year = node.value<std::int64_t>();
    if (!node.is_integer() || !year || *year < 1990 || *year > 2100)
      throw f.error_at(node.source(), key, "each element is a year from 1990 to 2100");
    if (!years.empty() && *year <= years.back())
      throw f.error_at(node.source(), key, "years go in increasing order, each once");
    years.push_back(static_cast<int>(*year));
    if (at) at->push_back(f.error_at(node.source(), key, {}).where());
  }
  if (years.empty()) throw f.error(key, "names no year");
  return years;
}

void read_trend(const TomlFields& f, const toml::table& table, ForecastSettings& s) {
  f.only_keys({"panel", "focus_area", "focus_projection", "forecast_years", "trend_after_last_count", "damping",
               "interval_level", "source"});
  s.focus_projection = s.file.parent_path() / f.string("focus_projection");
  s.forecast_years = years_of(f, table, "forecast_years", nullptr);
  s.panel = s.file.parent_path() / f.string("panel");
  s.focus_area = f.string("focus_area");
  s.focus_area_at = f.error("focus_area", {}).where();
  if (!is_ons_area_code(s.focus_area))
    throw f.error("focus_area", "'" + s.focus_area + "' is not an ONS area code (e.g. E08000025)");
  const std::string choice = f.string("trend_after_last_count");
  const auto named = forecast::trend_choice_named(choice);
  if (!named) throw f.error("trend_after_last_count", "'" + choice + "' is not one of stops, damped, continues");
  s.trend.choice = *named;
  s.trend.damping = f.number("damping", 0.0, 1.0);
  if (s.trend.damping <= 0.0) throw f.error("damping", "must be above 0 (1 = no damping; use stops for none)");
  s.trend.interval_level = f.number("interval_level", 0.5, 0.99);
  s.trend_choice_source = f.string("source");
}

void read_shifts(const TomlFields& top, ForecastSettings& s) {
  const toml::array* shifts = top.optional_array_of_tables("level_shift");
  if (!shifts) return;
  for (std::size_t k = 0; k < shifts->size(); ++k) {
    const TomlFields f(s.file, *(*shifts)[k].as_table(), "level_shift[" + std::to_string(k) + "]");
    f.only_keys({"client_group", "year", "source"});
    const forecast::LevelShift shift{group_named(f, "client_group", f.string("client_group")),
                                     static_cast<int>(f.integer("year", 1990, 2100))};
    for (const forecast::LevelShift& other : s.shifts)
      if (other.group == shift.group && other.year == shift.year)
        throw f.error("year", "this client group already has a level shift in " + std::to_string(shift.year));
    s.shifts.push_back(shift);
    s.shift_at.push_back(f.error("year", {}).where());
    s.shift_sources.push_back(f.string("source"));
  }
}

void read_scopes(const TomlFields& top, ForecastSettings& s) {
  s.scopes.push_back({"focus council " + s.focus_area, {s.focus_area}});
  if (const toml::array* scopes = top.optional_array_of_tables("scope")) {
    for (std::size_t k = 0; k < scopes->size(); ++k) {
      const TomlFields f(s.file, *(*scopes)[k].as_table(), "scope[" + std::to_string(k) + "]");
      f.only_keys({"name", "area_codes"});
      forecast::Scope scope{f.string("name"), f.string_array("area_codes")};
      if (scope.area_codes.empty()) throw f.error("area_codes", "names no council");
      for (const std::string& code : scope.area_codes)
        if (!is_ons_area_code(code)) throw f.error("area_codes", "'" + code + "' is not an ONS area code");
      s.scopes.push_back(std::move(scope));
      s.scope_at.push_back(f.error("area_codes", {}).where());
    }
  }
  s.scopes.push_back({"all councils", {}});
}

}  // namespace

ForecastSettings load_forecast_settings(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  const TomlFields top(file, root, "");
  top.only_keys({"forecast", "backtest", "level_shift", "scope"});
  ForecastSettings s;
  s.file = file;
  read_trend(TomlFields(file, top.table("forecast"), "forecast"), top.table("forecast"), s);
  const TomlFields backtest(file, top.table("backtest"), "backtest");
  backtest.only_keys({"origins"});
  s.origins = years_of(backtest, top.table("backtest"), "origins", &s.origin_at);
  read_shifts(top, s);
  read_scopes(top, s);
  return s;
}

forecast::Panel load_day_care_panel(const std::filesystem::path& file) {
  const CsvTable csv(file, kPanelColumns);
  forecast::Panel panel;
  std::map<std::pair<std::string, int>, std::size_t> series_of;  // (area, group) -> index
  for (const CsvRow& row : csv.rows()) {
    const std::string& code = row.text("area_code");
    if (!is_ons_area_code(code)) throw row.error("area_code", "'" + code + "' is not an ONS area code");
    const int group = row.choice("client_group", kGroupNames);
    if (row.text("age_band") != kGroupAges[static_cast<std::size_t>(group)])
      throw row.error("age_band", "the panel's " + std::string(kGroupNames[static_cast<std::size_t>(group)]) +
                                      " series is of ages " + std::string(kGroupAges[static_cast<std::size_t>(group)]));
    const int year = static_cast<int>(row.integer("year", 1990, 2100));
    if (row.text("count") == "0")
      throw row.error("count",
                      "0: the trend is fitted to log uptake per head, so a zero count is left out of the "
                      "panel (as inputs/tools/pss_ex1_national_panel.py does)");
    const double count = static_cast<double>(row.integer("count", 1, 10'000'000));
    const double p2011 = static_cast<double>(row.integer("population_mid2011", 1, 100'000'000));
    const double p2018 = static_cast<double>(row.integer("population_mid2018", 1, 100'000'000));
    if (count > p2011 && count > p2018)
      throw row.error("count", "more people in day care than residents of the ages (" + row.text("count") + ")");
    (void)row.text("source");
    const auto key = std::make_pair(code, group);
    auto [found, inserted] = series_of.try_emplace(key, panel.series.size());
    if (inserted) {
      panel.series.push_back({code,
                              row.text("area_name"),
                              forecast::kClientGroups[static_cast<std::size_t>(group)],
                              {},
                              {},
                              p2011,
                              p2018,
                              {}});
    }
    forecast::PanelSeries& series = panel.series[found->second];
    if (series.area_name != row.text("area_name"))
      throw row.error("area_name", "'" + row.text("area_name") + "': this council is named '" + series.area_name +
                                       "' on an earlier row");
    if (series.population_mid2011 != p2011 || series.population_mid2018 != p2018)
      throw row.error("population_mid2011", "differs from the council's earlier rows of this client group");
    if (std::find(series.years.begin(), series.years.end(), year) != series.years.end())
      throw row.error("year", std::to_string(year) + " is already a row of this council and client group");
    if (!series.years.empty() && year < series.years.back())
      throw row.error("year", "rows of a council's series go in year order");
    series.years.push_back(year);
    series.counts.push_back(count);
  }
  if (panel.series.empty()) throw InputError({file, 0, 0, ""}, "the panel has no rows");
  return panel;
}

void add_focus_projection(const ForecastSettings& settings, forecast::Panel& panel) {
  const PopulationTable projection =
      load_population_table(settings.focus_projection, PopulationTableLayout::projection, settings.focus_area);
  for (forecast::PanelSeries& series : panel.series) {
    if (series.area_code != settings.focus_area) continue;
    const bool older = series.group == forecast::ClientGroup::all_65_over;
    for (int year = projection.first_year; year <= projection.last_year(); ++year) {
      double people = 0.0;
      for (int sex = 0; sex < model::kSexCount; ++sex)
        for (int age = older ? 65 : 18; age <= (older ? model::kOpenAgeGroup : 64); ++age)
          people += projection.people(year - projection.first_year, model::cell_index(sex, age));
      series.projected[year] = people;
    }
  }
  if (settings.forecast_years.back() > projection.last_year())
    throw InputError({settings.file, 0, 0, "forecast.forecast_years"},
                     std::to_string(settings.forecast_years.back()) + " is after the projection's last year " +
                         std::to_string(projection.last_year()) + " (" + settings.focus_projection.string() + ")");
}

void check_settings_against_panel(const ForecastSettings& settings, const forecast::Panel& panel) {
  std::set<std::string> councils;
  int first = 2100, last = 1990;
  for (const forecast::PanelSeries& series : panel.series) {
    councils.insert(series.area_code);
    first = std::min(first, series.years.front());
    last = std::max(last, series.years.back());
  }
  const auto refuse = [&](const InputLocation& at, const std::string& problem) {
    throw InputError(at, problem + " (panel " + settings.panel.string() + ")");
  };
  if (!councils.count(settings.focus_area))
    refuse(settings.focus_area_at, settings.focus_area + " has no series in the panel: no population or count for it");
  for (std::size_t k = 1; k + 1 < settings.scopes.size(); ++k)
    for (const std::string& code : settings.scopes[k].area_codes)
      if (!councils.count(code))
        refuse(settings.scope_at[k - 1], code + " (" + settings.scopes[k].name + ") has no series in the panel");
  for (std::size_t k = 0; k < settings.origins.size(); ++k)
    if (settings.origins[k] <= first || settings.origins[k] >= last)
      refuse(settings.origin_at[k], std::to_string(settings.origins[k]) +
                                        " leaves no counts to fit before it or to score after it (the panel: " +
                                        std::to_string(first) + " to " + std::to_string(last) + ")");
  for (std::size_t k = 0; k < settings.shifts.size(); ++k)
    if (settings.shifts[k].year <= first || settings.shifts[k].year > last)
      refuse(settings.shift_at[k], std::to_string(settings.shifts[k].year) + " is outside the panel's changes (" +
                                       std::to_string(first + 1) + " to " + std::to_string(last) + ")");
}

}  // namespace dayopps::inputs
