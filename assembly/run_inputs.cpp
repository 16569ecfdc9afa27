#include "assembly/run_inputs.hpp"

#include "inputs/loaders/finance_tables.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "derivation/care_need_derivation.hpp"
#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/data_sources.hpp"
#include "inputs/loaders/file_digest.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/life_table_file.hpp"
#include "inputs/loaders/usage_data.hpp"
#include "model/integerise.hpp"
#include "model/life_table.hpp"

namespace dayopps::assembly {

using namespace dayopps::inputs;  // the loaders this stage puts together

namespace {

InputFileRecord record(const std::string& role, const std::filesystem::path& path, const DataSource* source) {
  InputFileRecord r{role, path, sha256_hex(path), "", "", ""};
  if (source != nullptr) {
    r.publisher = source->publisher;
    r.table = source->table;
    r.licence = source->licence;
  }
  return r;
}

derivation::BandsBySex bands_by_sex(const Parameter& parameter) {
  derivation::BandsBySex bands;
  for (int sex = 0; sex < model::kSexCount; ++sex) {
    auto& list = bands[static_cast<std::size_t>(sex)];
    for (const ParameterBand& b : parameter.bands) {
      if (b.sex == -1 || b.sex == sex) list.push_back({b.first_age, b.last_age, b.value});
    }
    std::sort(list.begin(), list.end(), [](const auto& x, const auto& y) { return x.first_age < y.first_age; });
  }
  return bands;
}

double all_age_value(const CareNeedParameters& parameters, const std::string& name) {
  const Parameter& p = parameters.get(name);
  if (p.bands.size() != 1 || p.bands[0].sex != -1) {
    throw InputError({parameters.file, p.bands.empty() ? 0 : p.bands[0].line, 0, "parameter." + name},
                     "an all-age share takes one band, ages = [0, 90], for both sexes");
  }
  return p.bands[0].value;
}

// Where the parameter a derivation failed on is written: its value (an all-age figure has one band), else its
// first band's value; a band set by a scenario lever has no place in the file, so the parameter is named.
InputLocation where_written(const CareNeedParameters& p, const derivation::ParameterError& e,
                            const std::filesystem::path& file) {
  const auto found = p.parameters.find(e.parameter);
  if (found != p.parameters.end() && !found->second.bands.empty() && !found->second.bands.front().value_at.file.empty())
    return found->second.bands.front().value_at;
  return {file, 0, 0, "parameter." + e.parameter};
}

// Where the day-services value a derivation failed on is written: the value itself, else the group's `values`,
// else the first council centre (for places).
InputLocation where_written(const ServiceParameters& p, const derivation::ParameterError& e,
                            const std::filesystem::path& file) {
  if (const auto g = p.groups.find(e.parameter); g != p.groups.end()) {
    if (const auto v = g->second.value_at.find(e.key); v != g->second.value_at.end()) return v->second;
    if (!g->second.values_at.file.empty()) return g->second.values_at;
  }
  if (e.parameter == "centre" && !p.internal_centres.empty())
    return {file, p.internal_centres.front().line, 0, "centre"};
  return {file, 0, 0, e.parameter};
}

derivation::PublishedCareNeed published_care_need(const CareNeedParameters& p) {
  derivation::PublishedCareNeed published;
  published.learning_disability_moderate_severe_overall =
      all_age_value(p, "learning_disability_moderate_severe_prevalence");
  published.learning_disability_mild_overall = all_age_value(p, "learning_disability_mild_prevalence");
  published.learning_disability_moderate_severe_excess_mortality =
      bands_by_sex(p.get("learning_disability_moderate_severe_excess_mortality"));
  published.learning_disability_mild_excess_mortality =
      bands_by_sex(p.get("learning_disability_mild_excess_mortality"));
  published.learning_disability_moderate_severe_entry_trend =
      bands_by_sex(p.get("learning_disability_moderate_severe_entry_trend"));
  published.autism_with_learning_disability = bands_by_sex(p.get("autism_prevalence_with_learning_disability"));
  published.autism_without_learning_disability = bands_by_sex(p.get("autism_prevalence_without_learning_disability"));
  published.dementia_prevalence = bands_by_sex(p.get("dementia_prevalence"));
  published.dementia_excess_mortality = bands_by_sex(p.get("dementia_excess_mortality"));
  published.physical_disability_moderate_prevalence = bands_by_sex(p.get("physical_disability_moderate_prevalence"));
  published.physical_disability_serious_prevalence = bands_by_sex(p.get("physical_disability_serious_prevalence"));
  published.physical_disability_serious_excess_mortality =
      bands_by_sex(p.get("physical_disability_serious_excess_mortality"));
  return published;
}

std::array<double, model::kServiceCount> by_service(const ValueGroup& group) {
  std::array<double, model::kServiceCount> values{};
  for (std::size_t s = 1; s < values.size(); ++s) values[s] = group.values.at(model::kServiceNames[s]);
  return values;
}

derivation::PublishedServices published_services(const ServiceParameters& p) {
  derivation::PublishedServices out;
  const auto& anchor = p.group("anchor").values;
  out.anchor_users = anchor.at("users");
  const auto& mix = p.group("user_mix").values;
  using R = model::SupportReason;
  const auto set_mix = [&](R reason, const char* young, const char* old) {
    out.user_mix[static_cast<std::size_t>(reason)] = {mix.at(young), mix.at(old)};
  };
  set_mix(R::learning_disability, "learning_disability_18_64", "learning_disability_65_over");
  set_mix(R::autism, "autism_18_64", "autism_65_over");
  set_mix(R::physical_disability, "physical_disability_18_64", "physical_disability_65_over");
  set_mix(R::dementia, "dementia_18_64", "dementia_65_over");
  out.continuation = by_service(p.group("continuation"));
  out.choice_shares = by_service(p.group("choice_shares"));
  const auto& carers = p.group("carers").values;
  out.share_with_family_carer_children = carers.at("share_with_family_carer_0_17");
  out.share_with_family_carer_18_64 = carers.at("share_with_family_carer_18_64");
  out.share_with_family_carer_65_over = carers.at("share_with_family_carer_65_over");
  out.carer_age_gap = static_cast<int>(carers.at("carer_age_gap"));
  out.carer_breakdown_age = static_cast<int>(carers.at("carer_breakdown_age"));
  out.breakdown_start_multiplier = carers.at("breakdown_start_multiplier");
  out.capacity_policy =
      p.capacity_policy == "next_best" ? model::CapacityPolicy::next_best : model::CapacityPolicy::wait;
  for (const CentreRow& c : p.internal_centres)
    out.internal_centres.push_back({c.places, c.open_from_year, c.closed_from_year});
  out.external_places = static_cast<int>(p.centres_provenance.values.at("external_places"));
  if (const auto t = p.groups.find("transition_at_18"); t != p.groups.end()) {
    std::array<double, model::kSupportReasonCount> transition{};
    transition[static_cast<std::size_t>(R::learning_disability)] = t->second.values.at("learning_disability");
    transition[static_cast<std::size_t>(R::autism)] = t->second.values.at("autism");
    transition[static_cast<std::size_t>(R::physical_disability)] = t->second.values.at("physical_disability");
    transition[static_cast<std::size_t>(R::dementia)] = t->second.values.at("dementia");
    out.transition_at_adulthood = transition;
  }
  return out;
}

int service_index(const std::string& name) {
  for (std::size_t s = 1; s < model::kServiceNames.size(); ++s) {
    if (name == model::kServiceNames[s]) return static_cast<int>(s);
  }
  return -1;  // the loader allows only these names, so this is not reached
}

std::string percent(double share) {
  std::ostringstream text;
  text << share * 100.0 << "%";
  return text.str();
}

std::string phased(const model::PhasedRate& rate) {
  std::ostringstream text;
  text << percent(rate.full_value) << " from " << rate.full_year;
  if (rate.start_year < rate.full_year) text << " (phased in from " << rate.start_year << ")";
  return text.str();
}

// [run] base_year_users = "observed": the users counts of the latest year up to the base year, by service
// and by support reason × age group, become margins the base population meets exactly (model/base_year_users).
void set_base_year_users(const Scenario& scenario, RunInputs& run) {
  using inputs::kAll;
  int year = 0;
  for (const auto& o : run.usage)
    if (o.measure == inputs::UsageMeasure::users && o.year <= scenario.base_year) year = std::max(year, o.year);
  if (year == 0) {
    throw InputError({scenario.file, 0, 0, "run.base_year_users"},
                     "\"observed\" needs users counts in inputs.usage up to the base year " +
                         std::to_string(scenario.base_year) + "; there are none");
  }
  model::BaseYearUserMargins margins;
  margins.observed_year = year;
  const double unobserved = std::numeric_limits<double>::quiet_NaN();
  margins.by_service.fill(unobserved);
  for (auto& row : margins.by_reason_age) row.fill(unobserved);
  int used = 0;
  std::ostringstream counts;
  for (const auto& o : run.usage) {
    if (o.measure != inputs::UsageMeasure::users || o.year != year || o.centre != kAll) continue;
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
  run.model_inputs.services->base_year_users = margins;
  std::ostringstream statement;
  statement << "The base population's day-service users meet the counts observed in " << year << " exactly ("
            << counts.str() << "), fitted by IPF to the model's expected users for the margins not observed";
  if (year < scenario.base_year)
    statement << "; the " << year << " counts stand for the base year " << scenario.base_year;
  statement << ".";
  run.assumptions.push_back({"base_year_users", statement.str()});
}

// The users an area's start rates are derived from when the day-services file's anchor is another council's
// count: the area's own users in the latest year observed up to the base year (their total, else the sum by
// service, else the sum of its client groups).
struct UsersAnchor {
  double users = 0.0;
  std::string statement;
};
UsersAnchor anchor_from_usage(const Scenario& scenario, const std::vector<UsageObservation>& usage,
                              const ValueGroup& anchor) {
  using inputs::kAll;
  const auto counted = [&](const UsageObservation& o) {
    return o.measure == inputs::UsageMeasure::users && o.centre == kAll && o.year <= scenario.base_year;
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

// A count of users cannot exceed the residents who could be them: the adults of its age group in its year (the
// projection's year, a mid-year estimate's, or the nearest of those).
void check_usage_within_population(const RunInputs& run) {
  const int adulthood = run.model_inputs.services ? run.model_inputs.services->adulthood_age : 18;
  for (const UsageObservation& o : run.usage) {
    const PopulationTable* table = &run.projection;
    int year = std::clamp(o.year, run.projection.first_year, run.projection.last_year());
    for (const PopulationTable& estimate : run.estimates) {
      if (std::abs(estimate.first_year - o.year) < std::abs(year - o.year)) {
        table = &estimate;
        year = estimate.first_year;
      }
    }
    double people = 0.0;
    for (int sex = 0; sex < model::kSexCount; ++sex) {
      for (int age = adulthood; age < model::kAgeCount; ++age) {
        if (o.age_group != inputs::kAll && model::age_group(age) != o.age_group) continue;
        people += table->people(year - table->first_year, model::cell_index(sex, age));
      }
    }
    if (o.count > people) {
      std::ostringstream text;
      text << static_cast<long long>(o.count) << " people (" << o.label << ") is more than the "
           << static_cast<long long>(std::llround(people)) << " residents of that age in " << year
           << ": the count cannot be reconciled with the population (another area's figure, or a typo?)";
      throw InputError(o.count_at, text.str());
    }
  }
}

// Unit costs (published, by client group and provision) moved to the price base, the centres' running costs
// carved out of the council-centre unit cost, and the cash view's index (derivation/unit_costs).
model::CostRates derive_costs(const Scenario& scenario, const ServiceParameters& parameters, const DataSources& sources,
                              RunInputs& run) {
  const DataSource& cost_source = sources.describe(scenario.unit_costs);
  const DataSource& deflator_source = sources.describe(scenario.gdp_deflator);
  const AreaUnitCosts area_costs =
      load_unit_costs(scenario.unit_costs, scenario.area_code, parameters.unit_costs_fallback_area);
  const auto& published = area_costs.costs;
  if (area_costs.area_code != scenario.area_code)
    run.assumptions.push_back({"unit_costs_of_" + area_costs.area_code,
                               "No unit costs of " + scenario.area_code + " " + run.area_name + " are in " +
                                   scenario.unit_costs.filename().string() +
                                   ", so its services are priced at those of " + area_costs.area_code +
                                   " (the [unit_costs] fallback_area of " + scenario.day_services.filename().string() +
                                   ": the average of the same returns over the councils it covers)."});
  const derivation::DeflatorSeries deflators = load_gdp_deflators(scenario.gdp_deflator);
  run.files.push_back(record("unit_costs", scenario.unit_costs, &cost_source));
  run.files.push_back(record("gdp_deflator", scenario.gdp_deflator, &deflator_source));

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
    const derivation::UnitCostDerivation derived =
        derivation::derive_unit_costs(published, parameters.unit_cost_years, deflators, run.price_base,
                                      {{model::Service::community, multiples.at("community")},
                                       {model::Service::supported_employment, multiples.at("supported_employment")}});
    costs.cost_per_week = derived.cost_per_week;
    run.unit_cost_notes = derived.notes;
  } catch (const std::invalid_argument& e) {
    throw InputError(parameters.unit_costs_at,
                     std::string(e.what()) + " (" + scenario.unit_costs.filename().string() + ")");
  }

  // Running costs of the council centres: released when a centre closes. They are part of the centres' unit
  // cost, spread over the places open in the base year, so the baseline's total does not depend on them.
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
  if (running > 0.0) {
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

  // Cash view: outturn, then the published forecast, then a stated rate.
  double after_forecast = 0.0;
  std::string after_forecast_from = "the scenario's [finance] inflation_after_forecast";
  if (finance.inflation_after_forecast) {
    after_forecast = *finance.inflation_after_forecast;
  } else {
    after_forecast = deflators.years.back().index ? 0.0 : deflators.years.back().change;
    after_forecast_from = "the change the deflator table forecasts for its last year, " +
                          deflators.years.back().financial_year + ", continuing";
  }
  try {
    costs.cash_index =
        derivation::cash_index(deflators, run.price_base, run.financial_years, after_forecast, finance.inflation);
  } catch (const std::invalid_argument& e) {
    throw InputError(finance.inflation.empty() ? price_base_at : finance.inflation_at, e.what());
  }
  try {
    model::validate(costs, scenario.base_year, scenario.horizon);
  } catch (const std::invalid_argument& e) {
    throw InputError({scenario.day_services, 0, 0, {}}, e.what());
  }

  std::ostringstream inflation;
  inflation << "Money is in real terms at " << run.price_base
            << " prices (HM Treasury GDP deflator) unless marked cash. The cash view applies the deflator's "
               "outturn and forecast years, then "
            << percent(after_forecast) << " a year after " << deflators.years.back().financial_year << " ("
            << after_forecast_from << ")";
  for (const auto& [year, change] : finance.inflation) inflation << "; " << year << " set to " << percent(change);
  inflation << ".";
  run.assumptions.push_back({"cash_view_inflation", inflation.str()});
  run.assumptions.push_back(
      {"unit_costs_by_client_group",
       "Each user is costed at the published unit cost of their client group: learning disability 18-64 for "
       "learning disability and autism (PSS EX1 has no autism group), physical disability 18-64, and older people "
       "(65+) for everyone 65 and over and for dementia at any age; the average of " +
           std::to_string(parameters.unit_cost_years.size()) + " years (" + parameters.unit_cost_years.front() +
           " to " + parameters.unit_cost_years.back() +
           "), moved to the price base. These unit costs are a decade old: day care may cost differently today."});
  std::ostringstream running_text;
  running_text << "Council centres' running costs: GBP " << std::llround(finance.centre_running_cost)
               << " a year a centre";
  for (const auto& [name, cost] : finance.centre_running_cost_by_centre)
    running_text << ", " << name << " GBP " << std::llround(cost);
  running_text << " (" << run.price_base
               << " prices), taken out of the council-centre unit cost and released when a centre closes.";
  run.assumptions.push_back({"centre_running_cost_released_on_closure", running_text.str()});
  return costs;
}

// The scenario's levers, applied after calibration so that every scenario of a study shares the baseline's
// calibrated rates and differs only by its levers. Each lever in use is listed in run.levers.
void apply_levers(const Scenario& scenario, RunInputs& run) {
  const ScenarioLevers& levers = scenario.levers;
  if (!levers.any()) return;
  if (!run.model_inputs.services) {
    throw InputError({scenario.file, 0, 0, "levers"}, "levers need inputs.day_services (services are not simulated)");
  }
  model::ServiceRates& rates = *run.model_inputs.services;
  model::ServiceLevers& service = rates.levers;
  service.new_user_shift = levers.new_user_shift;
  service.voluntary_move = levers.voluntary_move;
  service.start_reduction = levers.start_reduction;
  service.exit_to_independence = levers.exit_to_independence;
  run.model_inputs.care_need->onset_reduction = levers.onset_reduction;
  run.model_inputs.care_need->learning_disability_survival = levers.learning_disability_survival;
  for (const auto& [name, share] : levers.alternative_shares)
    service.alternative_shares[static_cast<std::size_t>(service_index(name))] = share;

  const auto note = [&](const std::string& lever, const std::string& text) { run.levers.push_back({lever, text}); };
  if (levers.new_user_shift.active())
    note("new_user_shift",
         "new users choosing a day centre who take an alternative instead: " + phased(levers.new_user_shift));
  if (levers.voluntary_move.active())
    note("voluntary_move",
         "day-centre users choosing to move to an alternative, a year: " + phased(levers.voluntary_move));
  if (!levers.alternative_shares.empty()) {
    std::string text;
    for (const auto& [name, share] : levers.alternative_shares)
      text += (text.empty() ? "" : ", ") + name + " " + percent(share);
    note("alternative_shares", "where shifted and moving users go: " + text);
  }
  if (levers.learning_disability_survival.active())
    note("learning_disability_survival", "share of the excess mortality of a learning disability removed: " +
                                             phased(levers.learning_disability_survival));
  if (levers.onset_reduction.active())
    note("onset_reduction", "reduction of dementia and physical disability onset: " + phased(levers.onset_reduction));
  if (levers.start_reduction.active())
    note("start_reduction", "reduction of the annual chance of starting a service: " + phased(levers.start_reduction));
  if (levers.exit_to_independence.active())
    note("exit_to_independence", "users leaving to independence, a year: " + phased(levers.exit_to_independence));

  if (levers.consolidation) {
    const ConsolidationLever& c = *levers.consolidation;
    const auto& names = run.service_parameters->internal_centres;
    const auto find = [&](const std::string& name, const InputLocation& at) -> std::size_t {
      for (std::size_t i = 0; i < names.size(); ++i) {
        if (names[i].name == name) return i;
      }
      std::string known;
      for (const auto& row : names) known += (known.empty() ? "" : ", ") + row.name;
      throw InputError(at, "no internal centre named \"" + name + "\" (the day-services file has: " + known + ")");
    };
    std::string closed;
    for (const std::string& name : c.close) {
      model::InternalCentre& centre = rates.internal_centres[find(name, c.close_at)];
      centre.closed_from_year = std::min(centre.closed_from_year, c.year);
      closed += (closed.empty() ? "" : ", ") + name;
    }
    std::string added;
    for (const auto& [name, places] : c.add_places) {
      added += (added.empty() ? "; places added: " : ", ") + name + " +" + std::to_string(places);
      model::InternalCentre& centre = rates.internal_centres[find(name, c.add_places_at)];
      if (!centre.open_in(c.year))
        throw InputError(c.add_places_at, "\"" + name + "\" is closed in " + std::to_string(c.year));
      centre.added_places = places;
      centre.added_from_year = c.year;
    }
    rates.levers.closure_outcome =
        c.users == "alternative" ? model::ClosureOutcome::alternative : model::ClosureOutcome::reprovision;
    if (c.capacity_policy) {  // from the closure year: until then the scenario is the baseline
      rates.capacity_policy_before = rates.capacity_policy;
      rates.capacity_policy =
          *c.capacity_policy == "next_best" ? model::CapacityPolicy::next_best : model::CapacityPolicy::wait;
      rates.capacity_policy_from_year = c.year;
    }
    note("consolidation", "from " + std::to_string(c.year) + " close " + closed + "; their users: " + c.users +
                              (c.capacity_policy ? "; capacity policy " + *c.capacity_policy : "") + added);
  }
  try {
    model::validate(rates);
    model::validate(*run.model_inputs.care_need);
  } catch (const std::invalid_argument& e) {
    throw InputError({scenario.file, 0, 0, "levers"}, e.what());
  }

  model::CostRates& costs = *run.costs;
  for (const auto& [name, cost] : levers.costs.cost_per_week) {
    for (auto& by_age : costs.cost_per_week[static_cast<std::size_t>(service_index(name))]) by_age.fill(cost);
    std::ostringstream text;
    text << name << ": GBP " << cost << " a user-week for every support reason and age (" << run.price_base
         << " prices)";
    note("cost_per_week", text.str());
  }
  for (const auto& [name, cost] : levers.costs.transport_per_day) {
    costs.transport_per_day[static_cast<std::size_t>(service_index(name))] = cost;
    std::ostringstream text;
    text << name << ": GBP " << cost << " a day attended";
    note("transport_per_day", text.str());
  }
  run.model_inputs.costs = costs;
}

// The scenario's mid-year estimates of the area, one year a file.
void load_estimates(const Scenario& scenario, const DataSources& sources, RunInputs& run) {
  for (const std::filesystem::path& file : scenario.population_estimates) {
    const DataSource& source = sources.describe(file);
    std::vector<PopulationTable> areas = load_population_areas(file, PopulationTableLayout::estimate);
    check_published_totals(areas, file, source, sources.manifest);
    PopulationTable estimate = find_area(areas, file, scenario.area_code);
    if (estimate.people.rows() != 1) {
      throw InputError({file, 0, 0, "year"}, "a mid-year estimate file must hold exactly one year");
    }
    for (const PopulationTable& earlier : run.estimates) {
      if (earlier.first_year == estimate.first_year)
        throw InputError({scenario.file, 0, 0, "inputs.population_estimates"},
                         "two files for mid-year " + std::to_string(estimate.first_year) + " (" + file.string() + ")");
    }
    run.files.push_back(record("population_estimate_" + std::to_string(estimate.first_year), file, &source));
    run.calibration_inputs.push_back(population_fingerprint(run.files.back().role, file, estimate));
    run.estimates.push_back(std::move(estimate));
  }
}

}  // namespace

ProjectionFile load_projection_file(const Scenario& scenario) {
  const DataSources sources = load_data_sources(scenario.data_sources);
  const DataSource& source = sources.describe(scenario.population_projection);
  ProjectionFile file;
  file.areas = load_population_areas(scenario.population_projection, PopulationTableLayout::projection);
  // An area the file lacks is the likelier mistake, so it is named before the file's published totals are checked
  // (all of them, for every area the file holds, whichever areas run).
  for (const std::string& code : scenario.multi_area() ? scenario.areas : std::vector{scenario.area_code})
    find_area(file.areas, scenario.population_projection, code, scenario.area_code_at);
  check_published_totals(file.areas, scenario.population_projection, source, sources.manifest);
  file.record = record("population_projection", scenario.population_projection, &source);
  return file;
}

std::vector<std::string> areas_to_run(const Scenario& scenario, const ProjectionFile& projection) {
  if (!scenario.all_areas) return scenario.areas;
  std::vector<std::string> codes;
  for (const PopulationTable& area : projection.areas) {
    // Listed codes are checked where they are written (the scenario or --areas); "all" takes the file's word.
    if (!is_council_code(area.area_code))
      throw InputError({scenario.population_projection, area.first_line, 0, "area_code"},
                       not_a_council(area.area_code) +
                           " (areas = \"all\" needs a file of councils only: "
                           "inputs/tools/snpp_z1_to_long.py keeps councils)");
    codes.push_back(area.area_code);
  }
  return codes;
}

RunInputs load_run_inputs(const Scenario& scenario, const ProjectionFile* projection_file) {
  RunInputs run;
  run.files.push_back(record("scenario", scenario.file, nullptr));
  const DataSources sources = load_data_sources(scenario.data_sources);
  run.files.push_back(record("data_sources", scenario.data_sources, nullptr));

  // Projection: the base population and the alignment targets.
  std::optional<ProjectionFile> read_here;
  if (projection_file == nullptr) projection_file = &read_here.emplace(load_projection_file(scenario));
  const PopulationTable& projection =
      find_area(projection_file->areas, scenario.population_projection, scenario.area_code, scenario.area_code_at);
  run.files.push_back(projection_file->record);
  run.calibration_inputs.push_back(
      population_fingerprint("population_projection", projection_file->record.path, projection));
  if (scenario.base_year < projection.first_year || scenario.base_year > projection.last_year()) {
    throw InputError(scenario.base_year_at,
                     std::to_string(scenario.base_year) + " is not covered by the population projection of " +
                         projection.area_code + " " + projection.area_name + " (" +
                         std::to_string(projection.first_year) + "-" + std::to_string(projection.last_year()) + ")");
  }
  if (scenario.horizon > projection.last_year()) {
    throw InputError(scenario.horizon_at, std::to_string(scenario.horizon) +
                                              " is beyond the last year of the population projection of " +
                                              projection.area_code + " " + projection.area_name + " (" +
                                              std::to_string(projection.last_year()) + ")");
  }
  const auto first_row = scenario.base_year - projection.first_year;
  const auto rows = scenario.horizon - scenario.base_year + 1;
  run.projection = projection;
  run.projection.first_year = scenario.base_year;
  run.projection.people = projection.people.middleRows(first_row, rows);
  run.area_name = projection.area_name;

  run.model_inputs.base_year = scenario.base_year;
  run.model_inputs.horizon = scenario.horizon;
  run.model_inputs.people.first_year = scenario.base_year;
  run.model_inputs.people.counts = model::integerise_by_year(run.projection.people);

  // Mortality.
  const DataSource& life_source = sources.describe(scenario.life_table);
  const LifeTable life_table = load_life_table(scenario.life_table, scenario.life_table_period);
  run.files.push_back(record("life_table", scenario.life_table, &life_source));
  run.calibration_inputs.push_back(life_table_fingerprint("life_table", scenario.life_table, life_table));
  run.model_inputs.annual_death_probability =
      model::annual_death_probability(life_table.female.columns(), life_table.male.columns());

  run.assumptions = scenario.assumptions;

  // Care need: published figures -> per-cell rates.
  if (!scenario.care_need.empty()) {
    // Bands given for this area (e.g. its GP-register prevalence) replace the general ones.
    const CareNeedParameters all_areas = load_care_need_parameters(scenario.care_need);
    CareNeedParameters parameters = for_area(all_areas, scenario.area_code);
    // A figure some councils have of their own (e.g. a GP register) and this one lacks: the gap is stated.
    for (const auto& [name, p] : all_areas.parameters) {
      std::string others;
      bool own = false;
      for (const ParameterBand& b : p.bands) {
        own = own || b.area == scenario.area_code;
        if (!b.area.empty() && b.area != scenario.area_code && others.find(b.area) == std::string::npos)
          others += (others.empty() ? "" : ", ") + b.area;
      }
      if (!own && !others.empty())
        run.assumptions.push_back(
            {"care_need." + name + "_general",
             "No figure of " + scenario.area_code + " " + run.area_name + "'s own for " + name + " is in " +
                 scenario.care_need.filename().string() + " (" + others +
                 " have theirs): the general figure is used, with its source and derivation as given there."});
    }
    run.files.push_back(record("care_need", scenario.care_need, nullptr));
    run.calibration_inputs.push_back(toml_fingerprint("care_need", scenario.care_need));
    if (const std::optional<double> trend = scenario.levers.learning_disability_cohort_trend) {
      // The scenario's cohort trend replaces the file's at every age (the base-year profile follows it).
      Parameter& p = parameters.parameters.at("learning_disability_moderate_severe_entry_trend");
      ParameterBand band;
      band.first_age = 0;
      band.last_age = model::kOpenAgeGroup;
      band.value = *trend;
      band.assumption = true;
      band.source = "scenario lever levers.learning_disability_cohort_trend (" + scenario.file.string() + ")";
      band.derivation = "set by the scenario to explore the driver, not estimated";
      p.bands = {band};
      run.levers.push_back({"learning_disability_cohort_trend",
                            "cohort trend of moderate-severe learning disability, a year: " + percent(*trend)});
    }
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
    for (const auto& [name, statement] : derivation::care_need_derivation_assumptions())
      run.assumptions.push_back({name, statement});
    for (const auto& [name, parameter] : parameters.parameters) {
      for (const ParameterBand& b : parameter.bands) {
        if (!b.assumption) continue;
        std::string label = name + " (ages " + std::to_string(b.first_age) + "-" + std::to_string(b.last_age);
        if (b.sex >= 0) label += ", " + std::string(model::sex_name(b.sex));
        run.assumptions.push_back({label + ")", b.derivation});
      }
    }
    run.care_need_parameters = std::move(parameters);
  }

  // Day services: the parameters as they apply to this area, its observed users (the anchor may come from them),
  // then the rates derived from both, with costs by financial year.
  std::optional<ServiceParameters> service_parameters;
  if (!scenario.day_services.empty())
    service_parameters = for_area(load_service_parameters(scenario.day_services), scenario.area_code);
  std::vector<InputFileRecord> usage_files;  // recorded after the day-services file, whose record comes first
  std::vector<InputFingerprint> usage_fingerprints;
  if (!scenario.usage.empty() || !scenario.engagement.empty()) {
    if (!service_parameters)
      throw InputError({scenario.file, 0, 0, "inputs.usage"}, "usage and engagement data need inputs.day_services");
    std::vector<std::string> centre_names;
    for (const CentreRow& c : service_parameters->internal_centres) centre_names.push_back(c.name);
    for (std::size_t k = 0; k < scenario.usage.size(); ++k) {
      const std::filesystem::path& file = scenario.usage[k];
      const DataSource& source = sources.describe(file);
      const auto observations = load_usage_observations(file, scenario.area_code, centre_names,
                                                        {scenario.base_year, scenario.horizon}, scenario.one_of_areas);
      for (const UsageObservation& o : observations) {
        for (const UsageObservation& earlier : run.usage) {
          if (usage_key(earlier) == usage_key(o))
            throw InputError(o.count_at, "the same count is given again (first at " + earlier.where + ")");
        }
      }
      run.usage.insert(run.usage.end(), observations.begin(), observations.end());
      usage_files.push_back(record("usage_" + std::to_string(k + 1), file, &source));
      usage_fingerprints.push_back(usage_fingerprint(usage_files.back().role, file, observations));
    }
    // One of several areas: a file may hold other areas only, but the area needs a history of its own.
    if (scenario.one_of_areas && !scenario.usage.empty() && run.usage.empty())
      throw InputError(scenario.usage_at,
                       "no day-care users of " + scenario.area_code + " " + run.area_name +
                           " in any of the usage files: every area of a run with services is "
                           "calibrated to its own history (inputs/tools/pss_ex1_day_care_to_usage.py "
                           "converts any council's)");
    for (std::size_t k = 0; k < scenario.engagement.size(); ++k) {
      const std::filesystem::path& file = scenario.engagement[k];
      const DataSource& source = sources.describe(file);
      EngagementPrior tallies;
      load_engagement_tallies(file, tallies);
      for (std::size_t s = 0; s < tallies.respondents.size(); ++s)
        run.engagement.respondents[s] += tallies.respondents[s];
      run.engagement.respondents_other += tallies.respondents_other;
      run.engagement.sources.insert(run.engagement.sources.end(), tallies.sources.begin(), tallies.sources.end());
      usage_files.push_back(record("engagement_" + std::to_string(k + 1), file, &source));
      usage_fingerprints.push_back(engagement_fingerprint(usage_files.back().role, file, tallies));
    }
  }
  if (service_parameters) {
    ServiceParameters& parameters = *service_parameters;
    run.files.push_back(record("day_services", scenario.day_services, nullptr));
    run.calibration_inputs.push_back(toml_fingerprint("day_services", scenario.day_services));
    derivation::PublishedServices published = published_services(parameters);
    const ValueGroup& anchor = parameters.group("anchor");
    const bool own_anchor = anchor.area.empty() || anchor.area == scenario.area_code;
    if (!own_anchor) {
      const UsersAnchor from_usage = anchor_from_usage(scenario, run.usage, anchor);
      published.anchor_users = from_usage.users;
      run.assumptions.push_back({"anchor_from_usage", from_usage.statement});
    }
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

    for (int year = scenario.base_year + 1; year <= scenario.horizon; ++year)
      run.financial_years.push_back(derivation::financial_year_name(year));
    run.model_inputs.costs = derive_costs(scenario, parameters, sources, run);
    const model::CostRates& costs = *run.model_inputs.costs;
    run.costs = costs;

    for (const auto& [name, statement] : derivation::service_derivation_assumptions())
      run.assumptions.push_back({name, statement});
    for (const auto& [name, group] : parameters.groups) {
      if (name == "anchor" && !own_anchor) continue;
      if (group.assumption) run.assumptions.push_back({"day_services." + name, group.derivation});
      if (!group.area.empty() && group.area != scenario.area_code)
        run.assumptions.push_back({"day_services." + name + "_of_another_council",
                                   "The " + name + " of " + scenario.day_services.filename().string() + " are " +
                                       group.area + "'s figures, used for " + scenario.area_code + " " + run.area_name +
                                       " because none of its own are given (a group with area = \"" +
                                       scenario.area_code + "\" would replace them)."});
    }
    if (parameters.internal_centres.empty()) {
      run.assumptions.push_back(
          {"council_centres_without_capacity_limit",
           "No council-run day centre of " + scenario.area_code + " " + run.area_name + " is listed in " +
               scenario.day_services.filename().string() +
               " (no published places), so its council centres have no capacity limit: everyone who chooses one "
               "gets a place. Add [[centre]] tables with area = \"" +
               scenario.area_code + "\" to set places."});
    } else if (parameters.centres_provenance.assumption) {
      run.assumptions.push_back({"day_services.capacity", parameters.centres_provenance.derivation});
    }
    run.service_parameters = std::move(parameters);
  }
  run.files.insert(run.files.end(), usage_files.begin(), usage_files.end());
  run.calibration_inputs.insert(run.calibration_inputs.end(), usage_fingerprints.begin(), usage_fingerprints.end());
  // The mid-year estimates: compared with the projection in the charts, and the history a calibration fits from.
  load_estimates(scenario, sources, run);

  if (scenario.base_year_users_observed) set_base_year_users(scenario, run);

  if (!scenario.calibrated_parameters.empty()) {
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
    InputFileRecord fitted = record("calibrated_parameters", calibrated_file, nullptr);
    fitted.publisher = "dayopps calibrate (" + calibrated.dayopps_version + ")";
    fitted.table =
        "free parameters fitted by Poisson maximum likelihood to the usage counts, " + calibrated.created_utc;
    fitted.licence = "derived from the inputs it names by sha256 (their licences apply)";
    run.files.push_back(fitted);
    std::ostringstream statement;
    statement << "Service rates are the derived ones adjusted by the parameters calibrated in "
              << calibrated_file.filename().string() << " (" << calibrated.created_utc << "):";
    for (int p = 0; p < model::kFreeParameterCount; ++p)
      statement << " " << model::kFreeParameters[static_cast<std::size_t>(p)].name << " = "
                << calibrated.parameters.estimate[static_cast<std::size_t>(p)] << ";";
    statement << (scenario.parameter_uncertainty
                      ? " each replication draws its own values from the calibrated distribution (parameter "
                        "uncertainty is in the intervals)."
                      : " the estimates are used in every replication (intervals show Monte Carlo noise only).");
    run.assumptions.push_back({"calibrated_parameters", statement.str()});
    run.calibrated = std::move(calibrated);
  }

  apply_levers(scenario, run);

  check_usage_within_population(run);
  return run;
}

}  // namespace dayopps::assembly
