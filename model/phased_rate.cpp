#include "model/phased_rate.hpp"

#include <stdexcept>
#include <string>

namespace dayopps::model {

void validate(const PhasedRate& rate, const char* name) {
  if (!(rate.full_value >= 0.0 && rate.full_value <= 1.0))
    throw std::invalid_argument(std::string(name) + ": the full value must lie in [0, 1]");
  if (rate.full_year < rate.start_year)
    throw std::invalid_argument(std::string(name) + ": full_year must not be before start_year");
}

}  // namespace dayopps::model
