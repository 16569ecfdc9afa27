#pragma once
// Usage data (day-service counts by year, service, support reason, age band, centre) and engagement tallies
// (stated preferences), read from the CSV formats in inputs/data/README-usage.md and validated.
#include <filesystem>
#include <string>
#include <vector>

#include "inputs/loaders/observations.hpp"

namespace dayopps::inputs {

// Rows of other areas are skipped (one file may hold many councils); a file with no row for `area_code` is
// an error unless `other_areas_only` allows it (in a multi-area run, where the run checks each area has some).
// `centre_names` are the council centres of the day-services parameters (for centre_users rows). Throws InputError
// naming file, line, column and field: unknown names, flows by age band, duplicates, ... `simulated`: the run's base
// year and horizon. Flows (starters, leavers) must fall in base_year+1..horizon and stocks by the horizon, so that
// `run` and `calibrate` refuse the same files (stocks before the base year stand for the base year: see docs/model.md,
// "Base year").
struct SimulatedYears {
  int base_year = 1990;
  int horizon = 2100;
};
std::vector<inputs::UsageObservation> load_usage_observations(const std::filesystem::path& file,
                                                              const std::string& area_code,
                                                              const std::vector<std::string>& centre_names,
                                                              SimulatedYears simulated = {},
                                                              bool other_areas_only = false);

// Adds the file's tallies to `prior` (respondents by the service they preferred).
void load_engagement_tallies(const std::filesystem::path& file, inputs::EngagementPrior& prior);

}  // namespace dayopps::inputs
