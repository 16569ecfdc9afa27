#pragma once
// Turns a projection into the tables of the results file (layout: docs/results-format.md).
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/runner.hpp"
#include "outputs/results_document.hpp"

namespace dayopps::outputs {

struct InputProvenance {
  std::string role;
  std::string path;
  std::string sha256;
  std::string publisher, table, licence;
};

struct ObservedPopulation {
  int year = 0;
  std::vector<double> people_by_cell;  // model::kCellCount values
};

// One band of one care-need parameter, as read (for the provenance tables).
struct ParameterRecord {
  std::string name, ages, sex, unit, source, derivation;
  double value = 0.0;
  bool assumption = false;
};

struct RunRecord {
  std::string scenario_name, scenario_description, scenario_toml;
  std::string area_code, area_name;
  std::uint64_t master_seed = 0;
  int threads = 1;    // per process
  int processes = 1;  // MPI ranks (1 without MPI)
  std::string started_utc, finished_utc;
  std::string projection_variant;
  std::vector<InputProvenance> inputs;
  std::vector<std::pair<std::string, std::string>> assumptions;  // name, statement
  std::vector<std::pair<std::string, std::string>> levers;       // scenario levers in use: name, description
  std::vector<ParameterRecord> parameters;                       // care-need parameters, when simulated
  // Day services, when simulated:
  int adulthood_age = 18;                             // first adult age of the services (users per adult)
  std::vector<std::string> centre_names;              // internal centres, in model order
  std::vector<std::int32_t> centre_places;            // (year × centre): places open at each mid-year
  std::vector<std::string> financial_years;           // cost rows, e.g. "2023-24"
  std::string price_year;                             // price base of the costs (real terms), e.g. "2022-23"
  std::vector<double> cash_index;                     // by financial year: cash = real x index
  std::vector<double> cost_per_user_week;             // (service 1..5 × support_reason 1..4 × age_group), £ real
  std::vector<double> centre_running_cost;            // by financial year: running cost of the open centres, £ real
  std::vector<std::string> unit_cost_notes;           // the published unit costs used
  std::vector<double> calibration_people;             // (support_reason 1..4 × age_group): base-year people
  std::vector<double> calibration_target_users;       // same shape: users the anchor assigns
  std::vector<double> calibration_start_probability;  // same shape: calibrated annual start probability
  // How the free parameters were set: "derived" (published figures only), "calibrated" (the estimates of
  // `calibrated_parameters_file`) or "drawn" (each replication from the calibrated distribution).
  std::string parameter_source = "derived";
  std::string calibrated_parameters_file;
  // What the calibration compared with (from the calibrated-parameters file), for the report's history:
  // observed counts, fitted values and the backcast check's values, one per observation.
  struct CalibrationHistory {
    std::vector<std::string> series;
    std::vector<std::int32_t> year;
    std::vector<double> observed, fitted, backcast;  // backcast NaN: no backcast check
    std::vector<std::int32_t> predicted;             // 1: the backcast value is a prediction
    std::vector<std::string> error_series;           // backcast error per series, then "all"
    std::vector<std::int32_t> error_years;
    std::vector<double> mape_percent;
    std::int64_t history_from = 0, validate_to_year = 0;  // 0: none
    std::string dispersion;
  };
  std::optional<CalibrationHistory> calibration_history;
  std::vector<double> target_people;  // published projection, (horizon - base + 1) × kCellCount
  std::vector<ObservedPopulation> observed;
};

// Age bands of the population outputs: children, then the adult bands the care-need tables use.
struct AgeBand {
  const char* label;
  int first_age;
  int last_age;
};
inline constexpr AgeBand kAgeBands[] = {{"0-17", 0, 17},   {"18-24", 18, 24}, {"25-34", 25, 34},
                                        {"35-44", 35, 44}, {"45-54", 45, 54}, {"55-64", 55, 64},
                                        {"65-74", 65, 74}, {"75-84", 75, 84}, {"85+", 85, 90}};

ResultsDocument build_results_document(const model::ProjectionResult& projection, const RunRecord& run);

// A services table (year, service*reason*cell) of every replication -> (replication, year, service, reason, sex,
// age_band), dropping service "none" and reason "none" (nobody uses a service without a reason).
std::vector<std::int32_t> services_by_band(const model::ProjectionResult& projection,
                                           model::CountsTable model::ReplicationOutput::*table);

}  // namespace dayopps::outputs
