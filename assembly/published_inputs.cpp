#include "assembly/published_inputs.hpp"

#include <algorithm>

#include "inputs/loaders/data_sources.hpp"
#include "inputs/loaders/file_digest.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/usage_data.hpp"

namespace dayopps::assembly {

using namespace dayopps::inputs;  // the loaders this step calls

namespace {

// The projection of the scenario's area, checked to cover base_year..horizon, and cut to those years.
void read_projection(const Scenario& scenario, const ProjectionFile& file, RunInputs& run) {
  const PopulationTable& projection =
      find_area(file.areas, scenario.population_projection, scenario.area_code, scenario.area_code_at);
  run.files.push_back(file.record);
  run.calibration_inputs.push_back(population_fingerprint("population_projection", file.record.path, projection));
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
  run.projection = projection;
  run.projection.first_year = scenario.base_year;
  run.projection.people = projection.people.middleRows(scenario.base_year - projection.first_year,
                                                       scenario.horizon - scenario.base_year + 1);
  run.area_name = projection.area_name;
}

// The usage counts and engagement tallies; their records follow the day-services file's, so they are returned.
void read_usage(const Scenario& scenario, const DataSources& sources, const ServiceParameters* services, RunInputs& run,
                std::vector<InputFileRecord>& files, std::vector<InputFingerprint>& fingerprints) {
  if (scenario.usage.empty() && scenario.engagement.empty()) return;
  if (!services)
    throw InputError({scenario.file, 0, 0, "inputs.usage"}, "usage and engagement data need inputs.day_services");
  std::vector<std::string> centre_names;
  for (const CentreRow& c : services->internal_centres) centre_names.push_back(c.name);
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
    files.push_back(file_record("usage_" + std::to_string(k + 1), file, &source));
    fingerprints.push_back(usage_fingerprint(files.back().role, file, observations));
  }
  // One of several areas: a file may hold other areas only, but the area needs a history of its own.
  if (scenario.one_of_areas && !scenario.usage.empty() && run.usage.empty())
    throw InputError(scenario.usage_at, "no day-care users of " + scenario.area_code + " " + run.area_name +
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
    files.push_back(file_record("engagement_" + std::to_string(k + 1), file, &source));
    fingerprints.push_back(engagement_fingerprint(files.back().role, file, tallies));
  }
}

// The scenario's mid-year estimates of the area, one year a file.
void read_estimates(const Scenario& scenario, const DataSources& sources, RunInputs& run) {
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
    run.files.push_back(file_record("population_estimate_" + std::to_string(estimate.first_year), file, &source));
    run.calibration_inputs.push_back(population_fingerprint(run.files.back().role, file, estimate));
    run.estimates.push_back(std::move(estimate));
  }
}

}  // namespace

InputFileRecord file_record(const std::string& role, const std::filesystem::path& path, const DataSource* source) {
  InputFileRecord r{role, path, sha256_hex(path), "", "", ""};
  if (source != nullptr) {
    r.publisher = source->publisher;
    r.table = source->table;
    r.licence = source->licence;
  }
  return r;
}

PublishedInputs read_published_inputs(const Scenario& scenario, const ProjectionFile* projection_file, RunInputs& run) {
  PublishedInputs published;
  run.files.push_back(file_record("scenario", scenario.file, nullptr));
  const DataSources sources = load_data_sources(scenario.data_sources);
  run.files.push_back(file_record("data_sources", scenario.data_sources, nullptr));

  std::optional<ProjectionFile> read_here;
  read_projection(scenario, projection_file ? *projection_file : read_here.emplace(load_projection_file(scenario)),
                  run);

  const DataSource& life_source = sources.describe(scenario.life_table);
  published.life_table = load_life_table(scenario.life_table, scenario.life_table_period);
  run.files.push_back(file_record("life_table", scenario.life_table, &life_source));
  run.calibration_inputs.push_back(life_table_fingerprint("life_table", scenario.life_table, published.life_table));

  if (!scenario.care_need.empty()) {
    published.care_need_all_areas = load_care_need_parameters(scenario.care_need);
    published.care_need = for_area(*published.care_need_all_areas, scenario.area_code);
    run.files.push_back(file_record("care_need", scenario.care_need, nullptr));
    run.calibration_inputs.push_back(toml_fingerprint("care_need", scenario.care_need));
  }

  if (!scenario.day_services.empty())
    published.services = for_area(load_service_parameters(scenario.day_services), scenario.area_code);
  std::vector<InputFileRecord> usage_files;  // recorded after the day-services file, whose record comes first
  std::vector<InputFingerprint> usage_fingerprints;
  read_usage(scenario, sources, published.services ? &*published.services : nullptr, run, usage_files,
             usage_fingerprints);
  if (published.services) {
    run.files.push_back(file_record("day_services", scenario.day_services, nullptr));
    run.calibration_inputs.push_back(toml_fingerprint("day_services", scenario.day_services));
    const DataSource& cost_source = sources.describe(scenario.unit_costs);
    const DataSource& deflator_source = sources.describe(scenario.gdp_deflator);
    published.unit_costs =
        load_unit_costs(scenario.unit_costs, scenario.area_code, published.services->unit_costs_fallback_area);
    published.deflators = load_gdp_deflators(scenario.gdp_deflator);
    run.files.push_back(file_record("unit_costs", scenario.unit_costs, &cost_source));
    run.files.push_back(file_record("gdp_deflator", scenario.gdp_deflator, &deflator_source));
  }
  if (!scenario.forecast_settings.empty()) {
    published.forecast = load_forecast_settings(scenario.forecast_settings);
    published.panel = load_day_care_panel(published.forecast->panel);
    check_settings_against_panel(*published.forecast, *published.panel);
    run.files.push_back(file_record("forecast", scenario.forecast_settings, nullptr));
    run.files.push_back(
        file_record("day_care_panel", published.forecast->panel, &sources.describe(published.forecast->panel)));
  }
  run.files.insert(run.files.end(), usage_files.begin(), usage_files.end());
  run.calibration_inputs.insert(run.calibration_inputs.end(), usage_fingerprints.begin(), usage_fingerprints.end());
  // The mid-year estimates: compared with the projection in the charts, and the history a calibration fits from.
  read_estimates(scenario, sources, run);
  return published;
}

}  // namespace dayopps::assembly
