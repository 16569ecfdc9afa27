#include "inputs/loaders/run_inputs.hpp"

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

  run.demography.base_year = scenario.base_year;
  run.demography.horizon = scenario.horizon;
  run.demography.people.first_year = scenario.base_year;
  run.demography.people.counts = calibration::integerise_by_year(run.projection.people);

  // Mortality.
  const DataSource& life_source = sources.describe(scenario.life_table);
  const LifeTable life_table = load_life_table(scenario.life_table, scenario.life_table_period);
  run.files.push_back(record("life_table", scenario.life_table, &life_source));
  run.demography.annual_death_probability =
      model::annual_death_probability(life_table.female.columns(), life_table.male.columns());

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
