#pragma once
// Step 4 of the assembly (assembly/run_inputs.cpp): every assumption the run rests on, stated in words in the order
// a reader meets them: the scenario's own, the care-need gaps, methods and assumed bands, the service anchor, the
// unit costs and cash view, the services' methods and assumed groups, the base year's users, the calibration.
// They travel into /provenance of every results file and the report.
#include "assembly/published_inputs.hpp"

namespace dayopps::assembly {

void state_assumptions(const Scenario& scenario, const PublishedInputs& published, RunInputs& run);

}  // namespace dayopps::assembly
