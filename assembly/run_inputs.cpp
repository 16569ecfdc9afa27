// The assembly of a run, in four named steps called in this order (each step a file of its own):
//   1. read the published inputs (assembly/published_inputs.cpp);
//   2. derive the model's rates from them, once (assembly/derived_rates.cpp);
//   3. apply the scenario's levers (assembly/levers.cpp);
//   4. state the assumptions (assembly/assumptions.cpp).
// Then one check across them: no observed count exceeds the residents who could be it.
#include "assembly/run_inputs.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "assembly/assumptions.hpp"
#include "assembly/derived_rates.hpp"
#include "assembly/levers.hpp"
#include "assembly/published_inputs.hpp"
#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/data_sources.hpp"
#include "inputs/loaders/input_error.hpp"

namespace dayopps::assembly {

using namespace dayopps::inputs;  // the loaders this stage puts together

namespace {

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

}  // namespace

RunInputs load_run_inputs(const Scenario& scenario, const ProjectionFile* projection_file) {
  RunInputs run;
  PublishedInputs published = read_published_inputs(scenario, projection_file, run);
  apply_levers_to_published(scenario, published, run);
  derive_model_rates(scenario, published, run);
  apply_levers(scenario, run);
  state_assumptions(scenario, published, run);
  check_usage_within_population(run);
  return run;
}

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
  file.record = file_record("population_projection", scenario.population_projection, &source);
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

}  // namespace dayopps::assembly
