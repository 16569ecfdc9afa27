#pragma once
// The two published tables that price day services: unit costs per client-week (PSS EX1 / HSCIC "PSS
// Expenditure and Unit Costs", by council) and HM Treasury's GDP deflators by financial year. Read and
// validated here, with file, line and column in every error; turned into model costs in derivation/unit_costs.
#include <filesystem>
#include <string>
#include <vector>

#include "derivation/unit_costs.hpp"

namespace dayopps::inputs {

// The rows of one area (its ONS code) whose quantity is unit_cost_gbp; where the file has no row for the area,
// those of `fallback_area` (e.g. England, E92000001), when one is given. Refuses a file without any row for
// either, a malformed financial year, a negative or non-numeric value, and the same series given twice.
struct AreaUnitCosts {
  std::string area_code;  // whose costs these are: the area's, or the fallback's
  std::vector<derivation::PublishedUnitCost> costs;
};
AreaUnitCosts load_unit_costs(const std::filesystem::path& file, const std::string& area_code,
                              const std::string& fallback_area = {});

// The financial-year rows: outturn years with an index, then forecast years with a change only. Refuses a gap
// or repeat between years, a forecast before an outturn, a missing or non-positive index, an implausible change.
derivation::DeflatorSeries load_gdp_deflators(const std::filesystem::path& file);

// True for "2022-23" (four digits, a dash, the next year's last two digits).
bool is_financial_year(const std::string& text);

}  // namespace dayopps::inputs
