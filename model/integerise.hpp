#pragma once
// Turning published (fractional) counts into whole people, so a synthetic population can match them.
#include <cstdint>
#include <span>
#include <vector>

#include "model/cell_counts.hpp"

namespace dayopps::model {

// Largest-remainder rounding: every cell gets floor(x), then the cells with the largest fractional parts
// get one more until the total equals round(sum x). Ties go to the lower index, so the result is
// deterministic. Each result is within 1 of its input (exact for whole numbers) and the total is the
// rounded total. Throws std::invalid_argument on negative or non-finite input.
std::vector<std::int64_t> integerise_preserving_total(std::span<const double> values);

// Integerises each year (row) of a year × cell table of fractional people separately.
CountsByYearCell integerise_by_year(const Eigen::Array<double, Eigen::Dynamic, kCellCount, Eigen::RowMajor>& people);

}  // namespace dayopps::model
