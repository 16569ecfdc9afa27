#include "assembly/levers.hpp"

#include <algorithm>
#include <sstream>

#include "assembly/published_figures.hpp"
#include "assembly/wording.hpp"
#include "inputs/loaders/input_error.hpp"

namespace dayopps::assembly {

using namespace dayopps::inputs;

void apply_levers_to_published(const Scenario& scenario, PublishedInputs& published, RunInputs& run) {
  const std::optional<double> trend = scenario.levers.learning_disability_cohort_trend;
  if (!trend || !published.care_need) return;
  // The scenario's cohort trend replaces the file's at every age (the base-year profile follows it).
  Parameter& p = published.care_need->parameters.at("learning_disability_moderate_severe_entry_trend");
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

  model::CostRates& costs = *run.model_inputs.costs;
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
}

}  // namespace dayopps::assembly
