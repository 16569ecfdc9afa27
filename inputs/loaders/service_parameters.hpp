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
  // Where `values` is written, and each value in it: checks made after reading (the shares' sum, a derivation
  // that fails on a value) name the value's own place.
  InputLocation values_at;
  std::map<std::string, InputLocation> value_at;
  // The council these figures describe (its ONS code), or empty: they hold for any council. Another council
  // borrows them with an assumption saying so (assembly), except the anchor, a count of one council's users.
  std::string area;
};

struct CentreRow {
  std::string name;
  int places = 0;
  int open_from_year = 0;
  int closed_from_year = 9999;
  long line = 0;
  std::string area;  // the council the centre belongs to (ONS code); empty: every council's
};

struct ServiceParameters {
  std::filesystem::path file;
  std::map<std::string, ValueGroup>
      groups;                     // anchor, user_mix, continuation, choice_shares, carers, assumed_unit_costs, ...
  std::string capacity_policy;    // "wait" or "next_best"
  ValueGroup centres_provenance;  // unit/source/assumption of the centre places
  std::vector<CentreRow> internal_centres;  // every council's; for_area keeps one council's
  // [area.<code>.<group>]: a council's own figures for a group, by code and group name; for_area puts them in
  // place of `groups`' for that council.
  std::map<std::string, std::map<std::string, ValueGroup>> area_groups;
  ValueGroup unit_costs;                     // provenance of the published unit costs (no values: they are in a CSV)
  std::vector<std::string> unit_cost_years;  // financial years of the published unit costs to average
  std::string unit_costs_fallback_area;      // whose costs price a council the unit-cost file lacks; empty: none
  InputLocation unit_costs_at;

  const ValueGroup& group(const std::string& name) const { return groups.at(name); }
};

// Reads and validates every group (known names, the expected value keys, ranges), the centres (unique names,
// places >= 0, closing after opening) and the policy. Throws InputError naming file, line and key.
ServiceParameters load_service_parameters(const std::filesystem::path& file);

// The parameters as they apply to one council: its own groups ([area.<code>.<group>]) in place of the file's,
// its own centres and those of no council (none: its council centres have no capacity limit). Groups keep their
// `area`, so the caller can tell borrowed figures.
ServiceParameters for_area(const ServiceParameters& parameters, const std::string& area_code);

}  // namespace dayopps::inputs
