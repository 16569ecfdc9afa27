#pragma once
// A scenario file (TOML): what to project, how many replications, and which input files to use.
// The schema is documented in inputs/scenarios/README.md; every key is checked, unknown keys are errors.
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "inputs/loaders/input_error.hpp"

#include "inputs/loaders/scenario_levers.hpp"

namespace dayopps::inputs {

// A named statement the model relies on without a published figure behind it. Carried into the results
// file and the report, so that gaps in the evidence stay visible.
struct Assumption {
  std::string name;
  std::string statement;
};

// [calibration]: how `dayopps calibrate` fits the free parameters to the usage and engagement data.
struct CalibrationSettings {
  bool present = false;
  std::vector<std::string> free;  // names of model::kFreeParameters
  int replications = 10;          // per evaluation, common random numbers
  std::uint64_t master_seed = 1;
  std::filesystem::path output_dir;
  bool users_as_demand = false;    // users_compared_with = "demand"
  std::optional<int> fit_to_year;  // later observations are held out for the backcast
  InputLocation fit_to_year_at;
  // First year simulated by the fit (before the base year: the population comes from the mid-year estimates,
  // derivation/history_population). Absent: the fit starts at the base year.
  std::optional<int> history_from;
  InputLocation history_from_at;
  // The backcast check: a second fit, on the observations up to this year, predicts the later ones; the
  // estimate itself uses every observation. Absent: no backcast.
  std::optional<int> validate_to_year;
  InputLocation validate_to_year_at;
  int max_evaluations = 60;
  long line = 0;
};

struct Scenario {
  std::filesystem::path file;      // where it was read from
  std::string text;                // the file exactly as read
  std::filesystem::path inherits;  // the scenario it builds on (empty: none), resolved
  std::string merged_toml;         // the file merged over what it inherits, input paths made absolute

  std::string name;
  std::string description;
  std::string area_code;  // the one area simulated; empty when `areas` are
  // [scenario] areas (or --areas): several areas of the projection file in one run, each simulated on its own
  // with its own random numbers; all_areas = every area the file holds. Empty and false: area_code alone.
  std::vector<std::string> areas;
  bool all_areas = false;
  int base_year = 0;
  int horizon = 2040;
  // Where each was set (its key in the file, or the command-line option), for errors found once the data are read.
  InputLocation area_code_at;  // [scenario] area_code, areas, or --areas
  InputLocation base_year_at;
  InputLocation horizon_at;
  InputLocation name_at;  // [scenario] name

  int replications = 20;
  std::uint64_t master_seed = 0;
  int threads = 0;  // 0 = every hardware thread
  std::filesystem::path output_dir;

  // Input files, resolved relative to the scenario file's folder.
  std::filesystem::path data_sources;
  std::filesystem::path population_projection;
  std::vector<std::filesystem::path> population_estimates;
  std::filesystem::path life_table;
  std::string life_table_period;
  std::filesystem::path care_need;           // care-need parameters; empty = simulate the population only
  std::filesystem::path day_services;        // day-services parameters (needs care_need); empty = no services
  std::filesystem::path unit_costs;          // published unit costs per client-week (CSV; with day_services)
  std::filesystem::path gdp_deflator;        // HM Treasury GDP deflators by financial year (CSV; with day_services)
  std::vector<std::filesystem::path> usage;  // observed usage counts (CSV); the base year's pin the base
  std::vector<std::filesystem::path> engagement;  // engagement tallies (CSV), a prior on the choice
  // Written by `dayopps calibrate`; empty = derived rates. "{area_code}" in the path stands for the area's code,
  // so that each area of a multi-area run reads its own (area_calibrated_parameters).
  std::filesystem::path calibrated_parameters;
  // inputs.forecast: the forecast settings and national panel of the uptake trend (empty: no trend after the base
  // year); [forecast] may override their trend choice and damping.
  std::filesystem::path forecast_settings;
  std::optional<std::string> trend_choice;
  std::optional<double> damping;
  InputLocation usage_at, calibrated_parameters_at;  // where inputs.usage and inputs.calibrated_parameters are set
  bool parameter_uncertainty = false;                // [run]: draw each replication's parameters
  // [run] base_year_users: "observed" meets the usage counts of the base year (or the latest before it)
  // exactly in whole people; "model" (the default) draws them from the model's stationary distribution.
  bool base_year_users_observed = false;

  CalibrationSettings calibration;

  std::vector<Assumption> assumptions;  // inherited ones first

  ScenarioLevers levers;  // [levers]; all off when absent
  // [area.<code>.levers]: in a multi-area run, an area's own levers, in place of [levers] for it.
  std::map<std::string, ScenarioLevers> area_levers;
  FinanceSettings finance;  // [finance]

  // Set by scenario_for_area: this area is one of a multi-area run, so a usage file may hold other areas only.
  bool one_of_areas = false;

  bool multi_area() const { return all_areas || !areas.empty(); }
};

inline constexpr std::string_view kAreaCodePlaceholder = "{area_code}";

// inputs.calibrated_parameters with "{area_code}" replaced by the scenario's area code.
std::filesystem::path area_calibrated_parameters(const Scenario& scenario);

// How deep `inherits` may chain (a scenario on a scenario on a baseline is 2).
inline constexpr int kMaxInheritanceDepth = 8;

// Limits stated in --help; requests beyond them are refused rather than attempted.
inline constexpr int kMaxReplications = 10000;
inline constexpr int kMaxThreads = 1024;

struct ScenarioOverrides {
  std::optional<int> replications;
  std::optional<std::uint64_t> master_seed;
  std::optional<int> threads;
  std::optional<int> horizon;
  std::optional<std::filesystem::path> output_dir;
  std::optional<std::filesystem::path> calibrated_parameters;
  bool parameter_uncertainty = false;
  std::optional<std::string> areas;  // --areas: "all" or codes separated by commas
};

// Reads and validates a scenario file. Relative output_dir is relative to the current directory.
Scenario load_scenario(const std::filesystem::path& file);

// The copy of a multi-area scenario that simulates `area_code` alone.
Scenario scenario_for_area(const Scenario& scenario, const std::string& area_code);

// Applies command-line overrides, validating them as if they were in the file.
void apply_overrides(Scenario& scenario, const ScenarioOverrides& overrides);

// The scenario as it was run (file text with overrides applied), as TOML, for provenance.
std::string resolved_scenario_toml(const Scenario& scenario);

}  // namespace dayopps::inputs
