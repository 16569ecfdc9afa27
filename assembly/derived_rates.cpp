#include "assembly/derived_rates.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "assembly/published_figures.hpp"
#include "inputs/loaders/input_error.hpp"
#include "model/integerise.hpp"
#include "model/life_table.hpp"

namespace dayopps::assembly {

using namespace dayopps::inputs;  // the loaders' types this step derives from

namespace {

void derive_care_need(const Scenario& scenario, const CareNeedParameters& parameters, RunInputs& run) {
  const auto base_row = run.model_inputs.people.counts.row(0);
  try {
    derivation::PublishedCareNeed published = published_care_need(parameters);
    published.base_year = scenario.base_year;
    run.model_inputs.care_need = derivation::derive_care_need_rates(
        published, run.model_inputs.annual_death_probability,
        std::span<const std::int32_t, model::kCellCount>(base_row.data(), model::kCellCount));
  } catch (const derivation::ParameterError& e) {
    throw InputError(where_written(parameters, e, scenario.care_need),
                     std::string("the parameters give invalid rates: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw InputError({scenario.care_need, 0, 0, {}}, std::string("the parameters give invalid rates: ") + e.what());
  }
}

void derive_services(const Scenario& scenario, const ServiceParameters& parameters, RunInputs& run) {
  derivation::PublishedServices published = published_services(parameters);
  if (!own_anchor(scenario, parameters))
    published.anchor_users = anchor_from_usage(scenario, run.usage, parameters.group("anchor")).users;
  const auto base_row = run.model_inputs.people.counts.row(0);
  try {
    run.service_calibration = derivation::derive_service_rates(
        published, *run.model_inputs.care_need, run.model_inputs.annual_death_probability,
        std::span<const std::int32_t, model::kCellCount>(base_row.data(), model::kCellCount));
  } catch (const derivation::ParameterError& e) {
    throw InputError(where_written(parameters, e, scenario.day_services),
                     std::string("the parameters cannot be calibrated: ") + e.what());
  } catch (const std::invalid_argument& e) {
    throw InputError({scenario.day_services, 0, 0, {}},
                     std::string("the parameters cannot be calibrated: ") + e.what());
  }
  run.model_inputs.services = run.service_calibration->rates;
}

// The council centres' running costs: released when a centre closes. They are part of the centres' unit cost,
// spread over the places open in the base year, so the baseline's total does not depend on them.
void carve_out_running_costs(const Scenario& scenario, const ServiceParameters& parameters, model::CostRates& costs) {
  const FinanceSettings& finance = scenario.finance;
  const auto& centres = parameters.internal_centres;
  costs.centre_running_cost.assign(centres.size(), finance.centre_running_cost);
  for (const auto& [name, cost] : finance.centre_running_cost_by_centre) {
    const std::string& centre_name = name;  // a structured binding cannot be captured before C++20 in clang 14
    const auto found =
        std::find_if(centres.begin(), centres.end(), [&](const CentreRow& c) { return c.name == centre_name; });
    if (found == centres.end()) {
      std::string known;
      for (const CentreRow& c : centres) known += (known.empty() ? "" : ", ") + c.name;
      throw InputError({scenario.file, finance.centre_running_cost_by_centre_at.line, 0,
                        "finance.centre_running_cost_by_centre." + name},
                       "no council centre named \"" + name + "\" (the day-services file has: " + known + ")");
    }
    costs.centre_running_cost[static_cast<std::size_t>(found - centres.begin())] = cost;
  }
  double running = 0.0, places = 0.0;
  for (std::size_t k = 0; k < centres.size(); ++k) {
    const bool open =
        scenario.base_year >= centres[k].open_from_year && scenario.base_year < centres[k].closed_from_year;
    if (!open) continue;
    running += costs.centre_running_cost[k];
    places += centres[k].places;
  }
  if (running <= 0.0) return;
  const double per_place_week = running / (std::max(places, 1.0) * costs.weeks_per_year);
  for (auto& by_age : costs.cost_per_week[static_cast<std::size_t>(model::Service::internal_day_centre)]) {
    for (double& cost : by_age) {
      if (cost < per_place_week) {
        std::ostringstream text;
        text << "the council centres' running costs (GBP " << std::llround(running) << " a year over " << places
             << " places, GBP " << std::llround(per_place_week)
             << " a place-week) are more than their unit cost of GBP " << std::llround(cost)
             << " a user-week: they are part of it";
        throw InputError(finance.centre_running_cost_by_centre.empty() ? finance.centre_running_cost_at
                                                                       : finance.centre_running_cost_by_centre_at,
                         text.str());
      }
      cost -= per_place_week;
    }
  }
}

// Unit costs (published, by client group and provision) moved to the price base, the centres' running costs
// carved out of the council-centre unit cost, and the cash view's index (derivation/unit_costs).
model::CostRates derive_costs(const Scenario& scenario, const PublishedInputs& published, RunInputs& run) {
  const ServiceParameters& parameters = *published.services;
  const derivation::DeflatorSeries& deflators = *published.deflators;
  const FinanceSettings& finance = scenario.finance;
  run.price_base = finance.price_base.empty() ? derivation::latest_outturn_year(deflators) : finance.price_base;
  const InputLocation price_base_at =
      finance.price_base.empty() ? InputLocation{scenario.file, 0, 0, "finance.price_base"} : finance.price_base_at;
  model::CostRates costs;
  costs.days_per_week = by_service(parameters.group("days_per_week"));
  const auto& multiples = parameters.group("assumed_unit_costs").values;
  try {
    (void)derivation::to_price_base(deflators, run.price_base, run.price_base);
  } catch (const std::invalid_argument& e) {
    throw InputError(price_base_at, std::string(e.what()) + " (" + scenario.gdp_deflator.filename().string() + ")");
  }
  try {
    const derivation::UnitCostDerivation derived = derivation::derive_unit_costs(
        published.unit_costs->costs, parameters.unit_cost_years, deflators, run.price_base,
        {{model::Service::community, multiples.at("community")},
         {model::Service::supported_employment, multiples.at("supported_employment")}});
    costs.cost_per_week = derived.cost_per_week;
    run.unit_cost_notes = derived.notes;
  } catch (const std::invalid_argument& e) {
    throw InputError(parameters.unit_costs_at,
                     std::string(e.what()) + " (" + scenario.unit_costs.filename().string() + ")");
  }
  carve_out_running_costs(scenario, parameters, costs);
  try {
    costs.cash_index =
        derivation::cash_index(deflators, run.price_base, run.financial_years,
                               cash_view_rule(finance, deflators).rate_after_forecast, finance.inflation);
  } catch (const std::invalid_argument& e) {
    throw InputError(finance.inflation.empty() ? price_base_at : finance.inflation_at, e.what());
  }
  try {
    model::validate(costs, scenario.base_year, scenario.horizon);
  } catch (const std::invalid_argument& e) {
    throw InputError({scenario.day_services, 0, 0, {}}, e.what());
  }
  return costs;
}

// inputs.calibrated_parameters: read, and refused unless fitted on the values this run read.
void use_calibrated_parameters(const Scenario& scenario, RunInputs& run) {
  const std::filesystem::path calibrated_file = area_calibrated_parameters(scenario);
  std::error_code missing;
  if (calibrated_file != scenario.calibrated_parameters && !std::filesystem::exists(calibrated_file, missing))
    throw InputError(scenario.calibrated_parameters_at,
                     "no calibrated parameters for " + scenario.area_code + " " + run.area_name + " (" +
                         calibrated_file.string() + "): run `dayopps calibrate` on the scenario to fit every area");
  CalibratedParametersFile calibrated = load_calibrated_parameters(calibrated_file);
  check_calibration_matches(calibrated, calibrated_file, scenario.area_code, scenario.base_year,
                            run.calibration_inputs);
  calibrated.parameters.draw_per_replication = scenario.parameter_uncertainty;
  run.model_inputs.calibrated = calibrated.parameters;
  InputFileRecord fitted = file_record("calibrated_parameters", calibrated_file, nullptr);
  fitted.publisher = "dayopps calibrate (" + calibrated.dayopps_version + ")";
  fitted.table = "free parameters fitted by Poisson maximum likelihood to the usage counts, " + calibrated.created_utc;
  fitted.licence = "derived from the inputs it names by sha256 (their licences apply)";
  run.files.push_back(fitted);
  run.calibrated = std::move(calibrated);
}

// inputs.forecast: each client group's drift of day care per head, pooled over the national panel and shrunk
// for this council, carried after the base year as the trend choice says: every start of year t is multiplied by
// exp(drift × D(t - base year)), D the trend choice's years of drift (forecast/trend_after_last_count.hpp).
void derive_uptake_trend(const Scenario& scenario, const PublishedInputs& published, RunInputs& run) {
  const ForecastSettings& settings = *published.forecast;
  forecast::TrendSetting setting = settings.trend;
  if (scenario.trend_choice) setting.choice = *forecast::trend_choice_named(*scenario.trend_choice);
  if (scenario.damping) setting.damping = *scenario.damping;
  UptakeTrendUsed used;
  used.choice = std::string(forecast::trend_choice_name(setting.choice));
  used.damping = setting.damping;
  for (const forecast::PanelSeries& series : published.panel->series) {
    used.panel_last_year = std::max(used.panel_last_year, series.years.back());
    used.council_in_panel = used.council_in_panel || series.area_code == scenario.area_code;
  }
  for (std::size_t g = 0; g < forecast::kClientGroups.size(); ++g) {
    const forecast::PooledTrend trend =
        forecast::fit_pooled_trend(*published.panel, forecast::kClientGroups[g], used.panel_last_year, settings.shifts);
    used.national[g] = trend.drift;
    used.national_se[g] = trend.drift_standard_error;
    const forecast::CouncilDrift council = trend.drift_of(scenario.area_code);
    used.council[g] = council.shrunk;
    used.council_sd[g] = std::sqrt(council.variance);
    used.panel_councils = std::max(used.panel_councils, trend.councils);
  }
  std::vector<double> years_of_drift;
  for (int year = scenario.base_year; year <= scenario.horizon; ++year)
    years_of_drift.push_back(forecast::drift_years(setting.choice, setting.damping, year - scenario.base_year));
  run.model_inputs.services->uptake = model::uptake_trend(scenario.base_year, std::move(years_of_drift), used.council,
                                                          used.council_sd, scenario.parameter_uncertainty);
  run.uptake_trend = used;
}

}  // namespace

void derive_model_rates(const Scenario& scenario, const PublishedInputs& published, RunInputs& run) {
  run.model_inputs.base_year = scenario.base_year;
  run.model_inputs.horizon = scenario.horizon;
  run.model_inputs.people.first_year = scenario.base_year;
  run.model_inputs.people.counts = model::integerise_by_year(run.projection.people);
  run.model_inputs.annual_death_probability =
      model::annual_death_probability(published.life_table.female.columns(), published.life_table.male.columns());
  if (published.care_need) {
    derive_care_need(scenario, *published.care_need, run);
    run.care_need_parameters = *published.care_need;
  }
  if (published.services) {
    derive_services(scenario, *published.services, run);
    for (int year = scenario.base_year + 1; year <= scenario.horizon; ++year)
      run.financial_years.push_back(derivation::financial_year_name(year));
    run.model_inputs.costs = derive_costs(scenario, published, run);
    run.service_parameters = *published.services;
    if (published.forecast) derive_uptake_trend(scenario, published, run);
  }
  if (scenario.base_year_users_observed)
    run.model_inputs.services->base_year_users = base_year_users(scenario, run.usage).margins;
  if (!scenario.calibrated_parameters.empty()) use_calibrated_parameters(scenario, run);
}

bool own_anchor(const Scenario& scenario, const ServiceParameters& parameters) {
  const ValueGroup& anchor = parameters.group("anchor");
  return anchor.area.empty() || anchor.area == scenario.area_code;
}

UsersAnchor anchor_from_usage(const Scenario& scenario, const std::vector<UsageObservation>& usage,
                              const ValueGroup& anchor) {
  const auto counted = [&](const UsageObservation& o) {
    return o.measure == UsageMeasure::users && o.centre == kAll && o.year <= scenario.base_year;
  };
  int year = 0;
  for (const UsageObservation& o : usage)
    if (counted(o)) year = std::max(year, o.year);
  if (year == 0)
    throw InputError({scenario.day_services, anchor.line, 0, "anchor.area"},
                     "the anchor is " + anchor.area + "'s count of users; " + scenario.area_code +
                         " needs users counts of its own in inputs.usage up to the base year (or an [anchor] with "
                         "area = \"" +
                         scenario.area_code + "\")");
  std::vector<const UsageObservation*> total, by_service, pieces;
  for (const UsageObservation& o : usage) {
    if (!counted(o) || o.year != year) continue;
    const bool all_people = o.support_reason == kAll && o.age_group == kAll;
    (o.service == kAll && all_people ? total : o.service != kAll && all_people ? by_service : pieces).push_back(&o);
  }
  const std::vector<const UsageObservation*>& used = !total.empty() ? total : !by_service.empty() ? by_service : pieces;
  UsersAnchor result;
  std::string labels;
  for (const UsageObservation* o : used) {
    result.users += o->count;
    labels += (labels.empty() ? "" : "; ") + o->label + " = " + std::to_string(std::llround(o->count));
  }
  std::ostringstream text;
  text << "The anchor of " << scenario.day_services.filename().string() << " counts " << anchor.area
       << "'s users, so the start rates of " << scenario.area_code << " are derived from its own users observed in "
       << year << ": " << std::llround(result.users) << " (" << labels << "), standing for the base year "
       << scenario.base_year << "; a calibration then fits their level to the area's whole history.";
  result.statement = text.str();
  return result;
}

// The users counts of the latest year up to the base year, by service and by support reason × age group, become
// margins the base population meets exactly (model/base_year_users).
BaseYearUsers base_year_users(const Scenario& scenario, const std::vector<UsageObservation>& usage) {
  int year = 0;
  for (const auto& o : usage)
    if (o.measure == UsageMeasure::users && o.year <= scenario.base_year) year = std::max(year, o.year);
  if (year == 0) {
    throw InputError({scenario.file, 0, 0, "run.base_year_users"},
                     "\"observed\" needs users counts in inputs.usage up to the base year " +
                         std::to_string(scenario.base_year) + "; there are none");
  }
  BaseYearUsers out;
  model::BaseYearUserMargins& margins = out.margins;
  margins.observed_year = year;
  const double unobserved = std::numeric_limits<double>::quiet_NaN();
  margins.by_service.fill(unobserved);
  for (auto& row : margins.by_reason_age) row.fill(unobserved);
  int used = 0;
  std::ostringstream counts;
  for (const auto& o : usage) {
    if (o.measure != UsageMeasure::users || o.year != year || o.centre != kAll) continue;
    if (o.service != kAll && o.support_reason == kAll && o.age_group == kAll) {
      margins.by_service[static_cast<std::size_t>(o.service)] = o.count;
    } else if (o.service == kAll && o.support_reason != kAll && o.age_group != kAll) {
      margins.by_reason_age[static_cast<std::size_t>(o.support_reason)][static_cast<std::size_t>(o.age_group)] =
          o.count;
    } else {
      continue;
    }
    counts << (used++ == 0 ? "" : "; ") << o.label << " = " << o.count;
  }
  if (used == 0) {
    throw InputError({scenario.file, 0, 0, "run.base_year_users"},
                     "\"observed\" needs users counts of " + std::to_string(year) +
                         " by service or by support reason and age group in inputs.usage");
  }
  std::ostringstream statement;
  statement << "The base population's day-service users meet the counts observed in " << year << " exactly ("
            << counts.str() << "), fitted by IPF to the model's expected users for the margins not observed";
  if (year < scenario.base_year)
    statement << "; the " << year << " counts stand for the base year " << scenario.base_year;
  statement << ".";
  out.statement = statement.str();
  return out;
}

CashViewRule cash_view_rule(const FinanceSettings& finance, const derivation::DeflatorSeries& deflators) {
  if (finance.inflation_after_forecast)
    return {*finance.inflation_after_forecast, "the scenario's [finance] inflation_after_forecast"};
  return {deflators.years.back().index ? 0.0 : deflators.years.back().change,
          "the change the deflator table forecasts for its last year, " + deflators.years.back().financial_year +
              ", continuing"};
}

}  // namespace dayopps::assembly
