#pragma once
// How the assembly words a share and a phased lever in the assumptions and levers it states.
#include <sstream>
#include <string>

#include "model/phased_rate.hpp"

namespace dayopps::assembly {

inline std::string percent(double share) {
  std::ostringstream text;
  text << share * 100.0 << "%";
  return text.str();
}

inline std::string phased(const model::PhasedRate& rate) {
  std::ostringstream text;
  text << percent(rate.full_value) << " from " << rate.full_year;
  if (rate.start_year < rate.full_year) text << " (phased in from " << rate.start_year << ")";
  return text.str();
}

}  // namespace dayopps::assembly
