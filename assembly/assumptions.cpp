#include "assembly/assumptions.hpp"

#include <cmath>
#include <sstream>

#include "assembly/derived_rates.hpp"
#include "assembly/wording.hpp"
#include "derivation/care_need_derivation.hpp"

namespace dayopps::assembly {

using namespace dayopps::inputs;

namespace {

using Assumptions = std::vector<Assumption>;

void care_need_assumptions(const Scenario& scenario, const PublishedInputs& published, const RunInputs& run,
                           Assumptions& out) {
  // A figure some councils have of their own (e.g. a GP register) and this one lacks: the gap is stated.
  for (const auto& [name, p] : published.care_need_all_areas->parameters) {
    std::string others;
    bool own = false;
    for (const ParameterBand& b : p.bands) {
      own = own || b.area == scenario.area_code;
      if (!b.area.empty() && b.area != scenario.area_code && others.find(b.area) == std::string::npos)
        others += (others.empty() ? "" : ", ") + b.area;
    }
    if (!own && !others.empty())
      out.push_back({"care_need." + name + "_general",
                     "No figure of " + scenario.area_code + " " + run.area_name + "'s own for " + name + " is in " +
                         scenario.care_need.filename().string() + " (" + others +
                         " have theirs): the general figure is used, with its source and derivation as given there."});
  }
  for (const auto& [name, statement] : derivation::care_need_derivation_assumptions()) out.push_back({name, statement});
  for (const auto& [name, parameter] : published.care_need->parameters) {
    for (const ParameterBand& b : parameter.bands) {
      if (!b.assumption) continue;
      std::string label = name + " (ages " + std::to_string(b.first_age) + "-" + std::to_string(b.last_age);
      if (b.sex >= 0) label += ", " + std::string(model::sex_name(b.sex));
      out.push_back({label + ")", b.derivation});
    }
  }
}

void cost_assumptions(const Scenario& scenario, const PublishedInputs& published, const RunInputs& run,
                      Assumptions& out) {
  const ServiceParameters& parameters = *published.services;
  const std::string& costs_of = published.unit_costs->area_code;
  if (costs_of != scenario.area_code)
    out.push_back({"unit_costs_of_" + costs_of,
                   "No unit costs of " + scenario.area_code + " " + run.area_name + " are in " +
                       scenario.unit_costs.filename().string() + ", so its services are priced at those of " +
                       costs_of + " (the [unit_costs] fallback_area of " + scenario.day_services.filename().string() +
                       ": the average of the same returns over the councils it covers)."});
  const FinanceSettings& finance = scenario.finance;
  const derivation::DeflatorSeries& deflators = *published.deflators;
  const CashViewRule rule = cash_view_rule(finance, deflators);
  std::ostringstream inflation;
  inflation << "Money is in real terms at " << run.price_base
            << " prices (HM Treasury GDP deflator) unless marked cash. The cash view applies the deflator's "
               "outturn and forecast years, then "
            << percent(rule.rate_after_forecast) << " a year after " << deflators.years.back().financial_year << " ("
            << rule.from << ")";
  for (const auto& [year, change] : finance.inflation) inflation << "; " << year << " set to " << percent(change);
  inflation << ".";
  out.push_back({"cash_view_inflation", inflation.str()});
  out.push_back(
      {"unit_costs_by_client_group",
       "Each user is costed at the published unit cost of their client group: learning disability 18-64 for "
       "learning disability and autism (PSS EX1 has no autism group), physical disability 18-64, and older people "
       "(65+) for everyone 65 and over and for dementia at any age; the average of " +
           std::to_string(parameters.unit_cost_years.size()) + " years (" + parameters.unit_cost_years.front() +
           " to " + parameters.unit_cost_years.back() +
           "), moved to the price base. These unit costs are a decade old: day care may cost differently today."});
  std::ostringstream running;
  running << "Council centres' running costs: GBP " << std::llround(finance.centre_running_cost) << " a year a centre";
  for (const auto& [name, cost] : finance.centre_running_cost_by_centre)
    running << ", " << name << " GBP " << std::llround(cost);
  running << " (" << run.price_base
          << " prices), taken out of the council-centre unit cost and released when a centre closes.";
  out.push_back({"centre_running_cost_released_on_closure", running.str()});
}

void service_assumptions(const Scenario& scenario, const PublishedInputs& published, const RunInputs& run,
                         Assumptions& out) {
  const ServiceParameters& parameters = *published.services;
  const bool own = own_anchor(scenario, parameters);
  if (!own)
    out.push_back({"anchor_from_usage", anchor_from_usage(scenario, run.usage, parameters.group("anchor")).statement});
  cost_assumptions(scenario, published, run, out);
  for (const auto& [name, statement] : derivation::service_derivation_assumptions()) out.push_back({name, statement});
  for (const auto& [name, group] : parameters.groups) {
    if (name == "anchor" && !own) continue;
    if (group.assumption) out.push_back({"day_services." + name, group.derivation});
    if (!group.area.empty() && group.area != scenario.area_code)
      out.push_back({"day_services." + name + "_of_another_council",
                     "The " + name + " of " + scenario.day_services.filename().string() + " are " + group.area +
                         "'s figures, used for " + scenario.area_code + " " + run.area_name +
                         " because none of its own are given (a group with area = \"" + scenario.area_code +
                         "\" would replace them)."});
  }
  if (parameters.internal_centres.empty()) {
    out.push_back({"council_centres_without_capacity_limit",
                   "No council-run day centre of " + scenario.area_code + " " + run.area_name + " is listed in " +
                       scenario.day_services.filename().string() +
                       " (no published places), so its council centres have no capacity limit: everyone who "
                       "chooses one gets a place. Add [[centre]] tables with area = \"" +
                       scenario.area_code + "\" to set places."});
  } else if (parameters.centres_provenance.assumption) {
    out.push_back({"day_services.capacity", parameters.centres_provenance.derivation});
  }
}

Assumption calibration_assumption(const Scenario& scenario, const CalibratedParametersFile& calibrated) {
  std::ostringstream statement;
  statement << "Service rates are the derived ones adjusted by the parameters calibrated in "
            << area_calibrated_parameters(scenario).filename().string() << " (" << calibrated.created_utc << "):";
  for (int p = 0; p < model::kFreeParameterCount; ++p)
    statement << " " << model::kFreeParameters[static_cast<std::size_t>(p)].name << " = "
              << calibrated.parameters.estimate[static_cast<std::size_t>(p)] << ";";
  statement << (scenario.parameter_uncertainty
                    ? " each replication draws its own values from the calibrated distribution (parameter "
                      "uncertainty is in the intervals)."
                    : " the estimates are used in every replication (intervals show Monte Carlo noise only).");
  return {"calibrated_parameters", statement.str()};
}

Assumption uptake_trend_assumption(const Scenario& scenario, const RunInputs& run) {
  const UptakeTrendUsed& t = *run.uptake_trend;
  const auto a_year = [](double drift) {
    std::ostringstream text;
    text.precision(3);
    text << 100.0 * std::expm1(drift) << "%";
    return text.str();
  };
  std::ostringstream text;
  text << "Starts of day services move after the base year " << scenario.base_year
       << " with the uptake of day care per head, pooled over " << t.panel_councils
       << " English councils' PSS EX1 counts 2009-" << t.panel_last_year
       << " (dayopps backtest; docs/model.md, \"Forecast\"): learning disability 18-64 " << a_year(t.national[0])
       << " a year, physical disability 18-64 " << a_year(t.national[1]) << ", older people 65+ "
       << a_year(t.national[2]) << " nationally; for " << scenario.area_code << " " << run.area_name << ", "
       << (t.council_in_panel ? "shrunk toward them from its own series, " : "not in the panel, the national ")
       << a_year(t.council[0]) << ", " << a_year(t.council[1]) << " and " << a_year(t.council[2])
       << ". After the base year the trend " << t.choice;
  if (t.choice == "damped") text << " (by " << t.damping << " a year)";
  text << " (assumption trend_after_last_count: the held-out winner on 1 to 3 years ahead, untested over decades); "
          "dementia at any age follows the older people's trend. The base year's users stand for the latest count.";
  return {"uptake_trend_after_base_year", text.str()};
}

}  // namespace

void state_assumptions(const Scenario& scenario, const PublishedInputs& published, RunInputs& run) {
  Assumptions out = scenario.assumptions;
  if (published.care_need) care_need_assumptions(scenario, published, run, out);
  if (published.services) service_assumptions(scenario, published, run, out);
  if (scenario.base_year_users_observed)
    out.push_back({"base_year_users", base_year_users(scenario, run.usage).statement});
  if (run.calibrated) out.push_back(calibration_assumption(scenario, *run.calibrated));
  if (run.uptake_trend) out.push_back(uptake_trend_assumption(scenario, run));
  run.assumptions = std::move(out);
}

}  // namespace dayopps::assembly
