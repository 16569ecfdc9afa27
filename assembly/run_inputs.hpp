#pragma once
// The assembly of a run: everything it reads, loaded and validated by inputs/, turned into the model's rates by
// derivation/, with the scenario's levers applied; handed to the model as plain data.
#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "derivation/service_derivation.hpp"
#include "inputs/loaders/calibrated_parameters.hpp"
#include "inputs/loaders/care_need_parameters.hpp"
#include "inputs/loaders/input_fingerprint.hpp"
#include "inputs/loaders/observations.hpp"
#include "inputs/loaders/population_table.hpp"
#include "inputs/loaders/scenario.hpp"
#include "inputs/loaders/service_parameters.hpp"
#include "model/projection_inputs.hpp"
#include "model/service_cost.hpp"

namespace dayopps::assembly {

// The loaders' types a run is assembled from.
using inputs::Assumption;
using inputs::CalibratedParametersFile;
using inputs::CareNeedParameters;
using inputs::PopulationTable;
using inputs::Scenario;
using inputs::ServiceParameters;

struct InputFileRecord {
  std::string role;  // e.g. "population_projection"
  std::filesystem::path path;
  std::string sha256;
  std::string publisher, table, licence;
};

// The uptake trend a run applies after its base year (assembly/derived_rates.cpp), for the assumptions and results.
struct UptakeTrendUsed {
  std::string choice;  // stops, damped or continues
  double damping = 1.0;
  int panel_councils = 0;
  int panel_last_year = 0;
  bool council_in_panel = false;
  // By client group (forecast::kClientGroups order): the national drift of log uptake a year, its standard error,
  // and the council's own, shrunk toward it.
  std::array<double, 3> national{}, national_se{}, council{}, council_sd{};
};

struct RunInputs {
  std::string area_name;
  model::ProjectionInputs model_inputs;
  PopulationTable projection;                              // as published, base_year..horizon (for comparison outputs)
  std::vector<PopulationTable> estimates;                  // observed mid-year estimates, one year each
  std::vector<InputFileRecord> files;                      // provenance of every file read, scenario first
  std::optional<CareNeedParameters> care_need_parameters;  // as read, for the provenance tables
  std::optional<ServiceParameters> service_parameters;     // as read
  std::optional<derivation::ServiceCalibration> service_calibration;  // calibrated start rates, for the report
  std::vector<std::string> financial_years;                           // "2023-24", ... for the cost outputs
  std::string price_base;                                             // real terms are at this financial year's prices
  std::vector<std::string> unit_cost_notes;                           // the published unit costs used, for /provenance
  std::vector<Assumption> assumptions;                 // the scenario's, the derivation methods', the parameters'
  std::vector<Assumption> levers;                      // the scenario levers in use, each in words (name, description)
  std::vector<inputs::UsageObservation> usage;         // observed counts (inputs.usage)
  inputs::EngagementPrior engagement;                  // tallies (inputs.engagement); empty = flat prior
  std::optional<CalibratedParametersFile> calibrated;  // inputs.calibrated_parameters, checked against these inputs
  std::optional<UptakeTrendUsed> uptake_trend;         // inputs.forecast
  // What a calibration of this run depends on: the values read from each input that shapes it (the projection,
  // life table, mid-year estimates, care-need and day-services parameters, usage and engagement files).
  std::vector<inputs::InputFingerprint> calibration_inputs;
};

// Loads every input the scenario names, checks each against its provenance manifest, integerises the
// projection (largest remainder, each year's rounded total kept), derives death probabilities and, when the
// scenario names care-need parameters, the care-need rates (derivation/care_need_derivation).
// The scenario's population projection, every area of it, checked against its published totals: read once
// when a run covers several areas of one file.
struct ProjectionFile {
  std::vector<PopulationTable> areas;
  InputFileRecord record;
};
// Reads the projection file, checks the areas the scenario names are in it, then checks its published totals.
ProjectionFile load_projection_file(const Scenario& scenario);

// The codes a multi-area run simulates, in order: those listed, or every area of the file (which must then all be
// councils: see is_council_code).
std::vector<std::string> areas_to_run(const Scenario& scenario, const ProjectionFile& projection);

// `projection`: the scenario's projection file already read (load_projection_file), or null to read it.
RunInputs load_run_inputs(const Scenario& scenario, const ProjectionFile* projection = nullptr);

}  // namespace dayopps::assembly
