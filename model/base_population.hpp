#pragma once
#include <cstdint>
#include <span>

#include "model/population.hpp"
#include "model/projection_inputs.hpp"

namespace dayopps::model {

// One record for every person counted in each age × sex cell, ids 0..N-1 in cell order.
// Throws std::invalid_argument if a count is negative or the span is not one per cell.
Population build_population(std::span<const std::int32_t> people_per_cell);

// The starting population of a run: the base-year row of `inputs.people`.
Population build_base_population(const ProjectionInputs& inputs);

}  // namespace dayopps::model
