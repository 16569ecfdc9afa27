#include "inputs/loaders/run_inputs.hpp"

#include <algorithm>

#include "calibration/care_need_derivation.hpp"
#include "calibration/integerise.hpp"
#include "inputs/loaders/data_sources.hpp"
#include "inputs/loaders/file_digest.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/life_table_file.hpp"
#include "model/life_table.hpp"

namespace dayopps::inputs {

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

calibration::BandsBySex bands_by_sex(const Parameter& parameter) {
  calibration::BandsBySex bands;
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

calibration::PublishedCareNeed published_care_need(const CareNeedParameters& p) {
  calibration::PublishedCareNeed published;
  published.learning_disability_moderate_severe_overall = all_age_value(p, "learning_disability_moderate_severe_prevalence");
  published.learning_disability_mild_overall = all_age_value(p, "learning_disability_mild_prevalence");
  published.learning_disability_moderate_severe_excess_mortality =
      bands_by_sex(p.get("learning_disability_moderate_severe_excess_mortality"));
  published.learning_disability_mild_excess_mortality = bands_by_sex(p.get("learning_disability_mild_excess_mortality"));
  published.autism_with_learning_disability = bands_by_sex(p.get("autism_prevalence_with_learning_disability"));
  published.autism_without_learning_disability = bands_by_sex(p.get("autism_prevalence_without_learning_disability"));
  published.dementia_prevalence = bands_by_sex(p.get("dementia_prevalence"));
  published.dementia_excess_mortality = bands_by_sex(p.get("dementia_excess_mortality"));
  published.physical_disability_moderate_prevalence = bands_by_sex(p.get("physical_disability_moderate_prevalence"));
  published.physical_disability_serious_prevalence = bands_by_sex(p.get("physical_disability_serious_prevalence"));
  published.physical_disability_serious_excess_mortality = bands_by_sex(p.get("physical_disability_serious_excess_mortality"));
  return published;
}

}  // namespace

RunInputs load_run_inputs(const Scenario& scenario) {
  RunInputs run;
  run.files.push_back(record("scenario", scenario.file, nullptr));
  const DataSources sources = load_data_sources(scenario.data_sources);
  run.files.push_back(record("data_sources", scenario.data_sources, nullptr));

  // Projection: the base population and the alignment targets.
  const DataSource& projection_source = sources.describe(scenario.population_projection);
  PopulationTable projection =
      load_population_table(scenario.population_projection, PopulationTableLayout::projection, scenario.area_code);
  check_published_totals(projection, scenario.population_projection, projection_source, sources.manifest);
  run.files.push_back(record("population_projection", scenario.population_projection, &projection_source));
  if (scenario.base_year < projection.first_year || scenario.base_year > projection.last_year()) {
    throw InputError({scenario.file, 0, 0, "scenario.base_year"},
                     std::to_string(scenario.base_year) + " is not covered by the population projection (" +
                         std::to_string(projection.first_year) + "-" + std::to_string(projection.last_year()) + ")");
  }
  if (scenario.horizon > projection.last_year()) {
    throw InputError({scenario.file, 0, 0, "scenario.horizon"},
                     std::to_string(scenario.horizon) + " is beyond the population projection's last year " +
                         std::to_string(projection.last_year()));
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
  run.model_inputs.people.counts = calibration::integerise_by_year(run.projection.people);

  // Mortality.
  const DataSource& life_source = sources.describe(scenario.life_table);
  const LifeTable life_table = load_life_table(scenario.life_table, scenario.life_table_period);
  run.files.push_back(record("life_table", scenario.life_table, &life_source));
  run.model_inputs.annual_death_probability =
      model::annual_death_probability(life_table.female.columns(), life_table.male.columns());

  run.assumptions = scenario.assumptions;

  // Care need: published figures -> per-cell rates.
  if (!scenario.care_need.empty()) {
    CareNeedParameters parameters = load_care_need_parameters(scenario.care_need);
    run.files.push_back(record("care_need", scenario.care_need, nullptr));
    const auto base_row = run.model_inputs.people.counts.row(0);
    try {
      run.model_inputs.care_need = calibration::derive_care_need_rates(
          published_care_need(parameters), run.model_inputs.annual_death_probability,
          std::span<const std::int32_t, model::kCellCount>(base_row.data(), model::kCellCount));
    } catch (const std::invalid_argument& e) {
      throw InputError({scenario.care_need, 0, 0, {}}, std::string("the parameters give invalid rates: ") + e.what());
    }
    for (const auto& [name, statement] : calibration::care_need_derivation_assumptions()) run.assumptions.push_back({name, statement});
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

  // Observed estimates, kept for comparison charts.
  for (const std::filesystem::path& file : scenario.population_estimates) {
    const DataSource& source = sources.describe(file);
    PopulationTable estimate = load_population_table(file, PopulationTableLayout::estimate, scenario.area_code);
    if (estimate.people.rows() != 1) {
      throw InputError({file, 0, 0, "year"}, "a mid-year estimate file must hold exactly one year");
    }
    check_published_totals(estimate, file, source, sources.manifest);
    run.files.push_back(record("population_estimate_" + std::to_string(estimate.first_year), file, &source));
    run.estimates.push_back(std::move(estimate));
  }
  return run;
}

}  // namespace dayopps::inputs
