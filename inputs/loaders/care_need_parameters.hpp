#pragma once
// The care-need parameter file (TOML): every number with its unit, source, and whether it is a published
// figure or an assumption (with its derivation). Format: inputs/parameters/README.md.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "inputs/loaders/input_error.hpp"

namespace dayopps::inputs {

struct ParameterBand {
  int first_age = 0;
  int last_age = 0;
  int sex = -1;      // -1 = both sexes, otherwise model sex index
  std::string area;  // ONS code of the one area the band is for; empty: every area without bands of its own
  double value = 0.0;
  bool assumption = false;
  std::string source;
  std::string derivation;  // required when assumption is true
  long line = 0;
  InputLocation ages_at, value_at;  // where `ages` and `value` are written, for checks made after reading
};

struct Parameter {
  std::string name;
  std::string unit;
  std::string meaning;
  std::vector<ParameterBand> bands;

  // The value for (sex, age); bands tile ages 0-90 for each sex, so there is always exactly one.
  double value(int sex, int age) const;
  bool any_assumption() const;
};

struct CareNeedParameters {
  std::filesystem::path file;
  std::map<std::string, Parameter> parameters;

  const Parameter& get(const std::string& name) const { return parameters.at(name); }
};

// Reads and validates: known parameter names only, every one present, the expected unit, values in range
// (a proportion written as 45 instead of 0.45 is caught), bands that tile ages 0-90 for each sex with no gap
// or overlap (separately for the bands without an area and for each area's own), a source for every band and a
// derivation for every assumption. Throws InputError.
CareNeedParameters load_care_need_parameters(const std::filesystem::path& file);

// The parameters as they apply to one area: a parameter with bands for `area_code` keeps only those, any other
// keeps its bands without an area.
CareNeedParameters for_area(const CareNeedParameters& parameters, const std::string& area_code);

}  // namespace dayopps::inputs
