#include "cli/run_record.hpp"

#include <iomanip>
#include <sstream>

#include "cli/processes.hpp"
#include "cli/run_steps.hpp"
#include "model/service_cost.hpp"
#include "outputs/build_info.hpp"

namespace dayopps::cli {

outputs::RunRecord make_run_record(const inputs::Scenario& scenario, const assembly::RunInputs& run_inputs, int threads,
                                   const std::string& started_utc) {
  outputs::RunRecord record;
  record.processes = process_count();
  record.started_utc = started_utc;
  record.finished_utc = utc_now();
  record.scenario_name = scenario.name;
  record.scenario_description = scenario.description;
  record.scenario_toml = inputs::resolved_scenario_toml(scenario);
  record.area_code = scenario.area_code;
  record.area_name = run_inputs.area_name;
  record.master_seed = scenario.master_seed;
  record.threads = threads;
  record.projection_variant = run_inputs.projection.variant;
  for (const assembly::InputFileRecord& f : run_inputs.files) {
    record.inputs.push_back({f.role, f.path.string(), f.sha256, f.publisher, f.table, f.licence});
  }
  for (const inputs::Assumption& a : run_inputs.assumptions) record.assumptions.emplace_back(a.name, a.statement);
  for (const inputs::Assumption& l : run_inputs.levers) record.levers.emplace_back(l.name, l.statement);
  if (run_inputs.care_need_parameters) {
    for (const auto& [name, parameter] : run_inputs.care_need_parameters->parameters) {
      for (const inputs::ParameterBand& b : parameter.bands) {
        record.parameters.push_back({name, std::to_string(b.first_age) + "-" + std::to_string(b.last_age),
                                     b.sex < 0 ? "all" : std::string(model::sex_name(b.sex)), parameter.unit, b.source,
                                     b.derivation, b.value, b.assumption});
      }
    }
  }
  if (run_inputs.service_parameters) {
    const auto& centres = run_inputs.service_parameters->internal_centres;
    for (const auto& c : centres) record.centre_names.push_back(c.name);
    record.adulthood_age = run_inputs.model_inputs.services->adulthood_age;
    for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
      for (const model::InternalCentre& c : run_inputs.model_inputs.services->internal_centres)
        record.centre_places.push_back(c.places_in(year));
    }
    record.financial_years = run_inputs.financial_years;
    record.price_year = run_inputs.price_base;
    const model::CostRates& costs = *run_inputs.model_inputs.costs;
    record.cash_index.assign(costs.cash_index.begin(),
                             costs.cash_index.begin() + static_cast<std::ptrdiff_t>(record.financial_years.size()));
    record.centre_running_cost = model::centre_running_cost_by_financial_year(
        costs, run_inputs.model_inputs.services->internal_centres, scenario.base_year,
        static_cast<int>(record.financial_years.size()));
    for (int s = 1; s < model::kServiceCount; ++s) {
      for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
        for (const double cost : costs.cost_per_week[static_cast<std::size_t>(s)][static_cast<std::size_t>(reason)])
          record.cost_per_user_week.push_back(cost);
      }
    }
    record.unit_cost_notes = run_inputs.unit_cost_notes;
    const auto& calibration = *run_inputs.service_calibration;
    for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
      for (int group = 0; group < model::kAgeGroupCount; ++group) {
        const auto r = static_cast<std::size_t>(reason), g = static_cast<std::size_t>(group);
        record.calibration_people.push_back(calibration.people[r][g]);
        record.calibration_target_users.push_back(calibration.target_users[r][g]);
        const int age = group == 0 ? 30 : 70;  // any age of the group: the rate is flat within it
        record.calibration_start_probability.push_back(
            calibration.rates.start_probability[r](model::cell_index(0, age)));
      }
    }
  }
  if (run_inputs.calibrated) {
    record.parameter_source = scenario.parameter_uncertainty ? "drawn" : "calibrated";
    record.calibrated_parameters_file = inputs::area_calibrated_parameters(scenario).string();
    const inputs::CalibratedParametersFile& file = *run_inputs.calibrated;
    if (!file.history.empty()) {
      outputs::RunRecord::CalibrationHistory h;
      for (const inputs::CalibrationHistoryRow& row : file.history) {
        h.series.push_back(row.series);
        h.year.push_back(row.year);
        h.observed.push_back(row.observed);
        h.fitted.push_back(row.fitted);
        h.backcast.push_back(row.backcast);
        h.predicted.push_back(row.predicted ? 1 : 0);
      }
      for (const inputs::BackcastError& e : file.backcast_errors) {
        h.error_series.push_back(e.series);
        h.error_years.push_back(e.held_out_years);
        h.mape_percent.push_back(e.mape_percent);
      }
      h.history_from = file.history_from.value_or(0);
      h.validate_to_year = file.validate_to_year.value_or(0);
      std::ostringstream dispersion;
      dispersion << std::setprecision(4) << file.dispersion;
      h.dispersion = dispersion.str();
      record.calibration_history = std::move(h);
    }
  }
  const auto& people = run_inputs.projection.people;
  record.target_people.assign(people.data(), people.data() + people.size());
  for (const inputs::PopulationTable& estimate : run_inputs.estimates) {
    record.observed.push_back(
        {estimate.first_year,
         std::vector<double>(estimate.people.data(), estimate.people.data() + estimate.people.size())});
  }
  return record;
}

}  // namespace dayopps::cli
