#pragma once
// Step 1 of the assembly (assembly/run_inputs.cpp): read the published inputs a scenario names, each checked
// against its provenance manifest, and record every file read and the values a calibration depends on.
// Nothing is derived here.
#include <optional>
#include <vector>

#include "assembly/run_inputs.hpp"
#include "derivation/unit_costs.hpp"
#include "inputs/loaders/data_sources.hpp"
#include "inputs/loaders/finance_tables.hpp"
#include "inputs/loaders/forecast_settings.hpp"
#include "inputs/loaders/life_table_file.hpp"

namespace dayopps::assembly {

struct PublishedInputs {
  inputs::LifeTable life_table;
  std::optional<CareNeedParameters> care_need_all_areas;  // as written, every council's bands
  std::optional<CareNeedParameters> care_need;            // as they apply to the scenario's area
  std::optional<ServiceParameters> services;              // as they apply to the scenario's area
  std::optional<inputs::AreaUnitCosts> unit_costs;        // with day services
  std::optional<derivation::DeflatorSeries> deflators;    // with day services
  std::optional<inputs::ForecastSettings> forecast;       // inputs.forecast: the trend's settings ...
  std::optional<forecast::Panel> panel;                   // ... and the national panel they name
};

// Fills, in `run`: the files read (scenario first), the calibration fingerprints, the projection of the area for
// base_year..horizon, its name, the usage counts, the engagement tallies and the mid-year estimates.
PublishedInputs read_published_inputs(const Scenario& scenario, const ProjectionFile* projection_file, RunInputs& run);

// The provenance record of one file: its role, path, SHA-256 and, when the manifest describes it, publisher,
// table and licence.
InputFileRecord file_record(const std::string& role, const std::filesystem::path& path,
                            const inputs::DataSource* source);

}  // namespace dayopps::assembly
