#pragma once
// A derivation failure traced to the published parameter that caused it: a care-need parameter (e.g.
// "dementia_prevalence") or a group of the day-services parameters ("user_mix", "continuation", ...), and within
// it the value's key where one value is to blame ("direct_payment", "users"). The assembly names the place where
// that parameter or value is written, as every other refusal does.
#include <stdexcept>
#include <string>

namespace dayopps::derivation {

struct ParameterError : std::invalid_argument {
  ParameterError(std::string parameter_name, std::string value_key, const std::string& problem)
      : std::invalid_argument(problem), parameter(std::move(parameter_name)), key(std::move(value_key)) {}
  std::string parameter;
  std::string key;  // empty: the parameter as a whole
};

}  // namespace dayopps::derivation
