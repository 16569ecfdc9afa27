#pragma once
// The day-services parameter file (TOML): groups of named values, each group with its unit, source and
// whether it is a published figure or an assumption (with the derivation), plus the table of centres.
// Format: inputs/parameters/README.md.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "inputs/loaders/input_error.hpp"

namespace dayopps::inputs {

struct ValueGroup {
  std::string name;
  std::string unit;
  bool assumption = false;
  std::string source;
  std::string derivation;
  std::map<std::string, double> values;
  long line = 0;
};

struct CentreRow {
  std::string name;
  int places = 0;
  int open_from_year = 0;
  int closed_from_year = 9999;
  long line = 0;
};

struct ServiceParameters {
  std::filesystem::path file;
  std::map<std::string, ValueGroup>
      groups;                     // anchor, user_mix, continuation, choice_shares, carers, assumed_unit_costs, ...
  std::string capacity_policy;    // "wait" or "next_best"
  ValueGroup centres_provenance;  // unit/source/assumption of the centre places
  std::vector<CentreRow> internal_centres;
  ValueGroup unit_costs;                     // provenance of the published unit costs (no values: they are in a CSV)
  std::vector<std::string> unit_cost_years;  // financial years of the published unit costs to average
  InputLocation unit_costs_at;

  const ValueGroup& group(const std::string& name) const { return groups.at(name); }
};

// Reads and validates every group (known names, the expected value keys, ranges), the centres (unique names,
// places >= 0, closing after opening) and the policy. Throws InputError naming file, line and key.
ServiceParameters load_service_parameters(const std::filesystem::path& file);

}  // namespace dayopps::inputs
