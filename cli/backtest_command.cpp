#include "cli/backtest_command.hpp"

#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/processes.hpp"
#include "cli/run_steps.hpp"
#include "cli/stop_signals.hpp"
#include "forecast/rolling_origin.hpp"
#include "inputs/loaders/forecast_settings.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/backtest_tables.hpp"
#include "outputs/build_info.hpp"

namespace dayopps::cli {
namespace {

std::filesystem::path default_settings_file() {
  return std::filesystem::path(outputs::source_dir()) / "inputs" / "parameters" / "forecast.toml";
}

// The focus council's forecasts from its latest count, for each trend choice and forecast year.
std::vector<outputs::FocusForecastRow> focus_forecasts(const forecast::Panel& panel,
                                                       const std::vector<forecast::PooledTrend>& trends,
                                                       const inputs::ForecastSettings& settings) {
  std::vector<outputs::FocusForecastRow> rows;
  for (const forecast::PanelSeries& series : panel.series) {
    if (series.area_code != settings.focus_area) continue;
    const forecast::PooledTrend& trend = trends[static_cast<std::size_t>(series.group)];
    const int last_year = series.years.back();
    for (forecast::TrendAfterLastCount choice : forecast::kTrendChoices) {
      forecast::TrendSetting setting = settings.trend;
      setting.choice = choice;
      for (int year : settings.forecast_years) {
        if (year <= last_year) continue;
        rows.push_back({series.group, choice, last_year, series.counts.back(), year,
                        forecast::forecast_count(
                            series.counts.back(), last_year, forecast::population_in(series, last_year), year,
                            forecast::population_in(series, year), trend.drift_of(series.area_code), trend, setting)});
      }
    }
  }
  return rows;
}

}  // namespace

int backtest_command(const BacktestOptions& options) {
  try {
    const std::filesystem::path file = options.settings_file.empty() ? default_settings_file() : options.settings_file;
    inputs::ForecastSettings settings = inputs::load_forecast_settings(file);
    forecast::Panel panel = inputs::load_day_care_panel(settings.panel);
    inputs::check_settings_against_panel(settings, panel);
    inputs::add_focus_projection(settings, panel);
    std::string focus_name;
    for (const forecast::PanelSeries& series : panel.series)
      if (series.area_code == settings.focus_area) focus_name = series.area_name;
    settings.scopes.front().name = focus_name + " (" + settings.focus_area + ")";
    outputs::ensure_writable_folder(options.output_dir);

    const forecast::BacktestSettings backtest{settings.origins, settings.shifts, settings.trend.damping,
                                              settings.trend.interval_level};
    const std::vector<forecast::HeldOutCount> held_out = forecast::held_out_counts(panel, backtest);
    outputs::BacktestReport report;
    report.scores = forecast::score(held_out, settings.scopes);
    report.held_out_best = forecast::held_out_best(report.scores, settings.scopes.back().name);
    int last_year = 0;
    for (const forecast::PanelSeries& series : panel.series) last_year = std::max(last_year, series.years.back());
    for (forecast::ClientGroup group : forecast::kClientGroups)
      report.trends.push_back(forecast::fit_pooled_trend(panel, group, last_year, settings.shifts));
    report.focus = focus_forecasts(panel, report.trends, settings);
    report.focus_area = settings.focus_area;
    report.focus_name = focus_name;
    report.panel_file = settings.panel.lexically_normal().filename().string();
    report.settings_file = file.filename().string();
    report.councils = report.trends.front().councils;
    report.origins = settings.origins;
    report.setting = settings.trend;

    const std::filesystem::path& folder = options.output_dir;
    outputs::AtomicOutputFile trend_file(folder / "pooled_trend.csv"), counts_file(folder / "held_out_counts.csv"),
        scores_file(folder / "backtest_scores.csv"), focus_file(folder / "focus_forecast.csv"),
        report_file(folder / "backtest.md");
    outputs::write_text(trend_file, outputs::pooled_trend_csv(report.trends));
    outputs::write_text(counts_file, outputs::held_out_counts_csv(held_out));
    outputs::write_text(scores_file, outputs::backtest_scores_csv(report.scores));
    outputs::write_text(focus_file, outputs::focus_forecast_csv(report.focus));
    outputs::write_text(report_file, outputs::backtest_markdown(report));
    publish_unless_stopped([&] {
      for (outputs::AtomicOutputFile* f : {&trend_file, &counts_file, &scores_file, &focus_file, &report_file})
        f->commit();
    });
    if (!options.quiet)
      std::fprintf(stderr, "dayopps: held-out winner: the trend %s; wrote %s\n",
                   std::string(forecast::trend_choice_name(report.held_out_best)).c_str(),
                   (folder / "backtest.md").c_str());
    return kSuccess;
  } catch (const model::Cancelled&) {
    std::fprintf(stderr, "dayopps: interrupted; nothing written\n");
    return kInterrupted;
  } catch (const inputs::InputError& e) {
    print_error(e);
    return kBadInput;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "dayopps: error: cannot fit the trend: %s\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dayopps: error: %s\n", e.what());
    return kRunFailed;
  }
}

}  // namespace dayopps::cli
