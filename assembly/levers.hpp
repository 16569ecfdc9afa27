#pragma once
// Step 3 of the assembly (assembly/run_inputs.cpp): the scenario's levers. Most act on the derived rates, after the
// calibration, so that every scenario of a study shares the baseline's calibrated rates and differs only by its
// levers; the learning-disability cohort trend acts on a published figure (the entry trend), so it is applied to
// the published inputs before they are derived. Each lever in use is listed, in words, in run.levers.
#include "assembly/published_inputs.hpp"

namespace dayopps::assembly {

// Before derivation: levers.learning_disability_cohort_trend replaces the care-need file's entry trend at every age.
void apply_levers_to_published(const Scenario& scenario, PublishedInputs& published, RunInputs& run);

// After derivation: service, care-need, consolidation and cost levers on the model's rates.
void apply_levers(const Scenario& scenario, RunInputs& run);

}  // namespace dayopps::assembly
