#pragma once
// Strategy levers on day-opportunity services (scenario files, inputs/scenarios/README.md). All are 0 in
// the baseline; their draws come from their own random stream (RandomEvent::lever), so switching a lever on
// leaves every other draw of every person unchanged (common random numbers between scenarios).
#include <array>
#include <cstdint>

#include "model/phased_rate.hpp"
#include "model/population.hpp"

namespace dayopps::model {

// What happens to the users of an internal centre when it closes.
enum class ClosureOutcome : std::uint8_t {
  reprovision = 0,  // offered a place at another council centre; without one they wait (or, with the
                    // next_best capacity policy, take the next preferred service with room)
  alternative = 1,  // offered an alternative service, drawn from alternative_shares
};

struct ServiceLevers {
  // Share of new users choosing a building-based centre (internal or external) who are willing to take an
  // alternative instead (drawn from alternative_shares). Nobody is moved against their choice.
  PhasedRate new_user_shift;
  // Annual probability that a user of a building-based centre chooses to move to an alternative (the
  // Scrutiny 2020 safeguard: people in a centre stay unless they choose to move).
  PhasedRate voluntary_move;
  // Where shifted new users and voluntary movers go, by service (community, direct payment, supported
  // employment; the building-based entries must be 0). Sums to 1 whenever a lever that uses it is on.
  std::array<double, kServiceCount> alternative_shares{};
  ClosureOutcome closure_outcome = ClosureOutcome::reprovision;
  // Prevention and enablement: relative reduction of the annual start probability, and an extra annual
  // probability that a user leaves services to independence (continuation × (1 - exit)).
  PhasedRate start_reduction;
  PhasedRate exit_to_independence;
};

// Throws std::invalid_argument naming the first lever out of range.
void validate(const ServiceLevers& levers);

}  // namespace dayopps::model
