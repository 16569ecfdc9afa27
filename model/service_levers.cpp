#include "model/service_levers.hpp"

#include <cmath>
#include <stdexcept>

namespace dayopps::model {

void validate(const ServiceLevers& levers) {
  validate(levers.new_user_shift, "new_user_shift");
  validate(levers.voluntary_move, "voluntary_move");
  validate(levers.start_reduction, "start_reduction");
  validate(levers.exit_to_independence, "exit_to_independence");
  double sum = 0.0;
  for (int s = 0; s < kServiceCount; ++s) {
    const double share = levers.alternative_shares[static_cast<std::size_t>(s)];
    if (!(share >= 0.0 && share <= 1.0)) throw std::invalid_argument("alternative shares must lie in [0, 1]");
    sum += share;
  }
  const auto building = [](Service s) {
    return s == Service::none || s == Service::internal_day_centre || s == Service::external_day_centre;
  };
  for (int s = 0; s < kServiceCount; ++s) {
    if (building(static_cast<Service>(s)) && levers.alternative_shares[static_cast<std::size_t>(s)] != 0.0)
      throw std::invalid_argument("alternative shares must be 0 for building-based centres");
  }
  const bool used = levers.new_user_shift.active() || levers.voluntary_move.active() ||
                    levers.closure_outcome == ClosureOutcome::alternative;
  if (used && std::abs(sum - 1.0) > 1e-9)
    throw std::invalid_argument("alternative shares must add up to 1 when a shift, move or closure lever uses them");
}

}  // namespace dayopps::model
