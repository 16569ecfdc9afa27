#pragma once
// Iterative proportional fitting (IPF) of a two-way table to known margins, and its rounding to whole
// people that meets both margins exactly. Used where the joint distribution is unknown but its margins are
// known: the base year's day-service users by (support reason × age group) and by service.
#include <cstdint>
#include <span>
#include <vector>

#include <Eigen/Core>

namespace dayopps::model {

using Table = Eigen::ArrayXXd;
using IntegerTable = Eigen::Array<std::int64_t, Eigen::Dynamic, Eigen::Dynamic>;

struct IpfResult {
  Table fitted;
  int iterations = 0;
  double max_margin_error = 0.0;  // largest |row or column sum - target| at the end, in people
};

// Scales the rows and columns of `seed` in turn until every row sums to `row_targets` and every column to
// `column_targets` within `tolerance` people. Cells that are 0 in the seed stay 0 (structural zeros), so
// the fit keeps the seed's interactions (odds ratios) and changes only its margins. Throws
// std::invalid_argument if the seed is negative, the margins have different totals, a positive target has
// only zero cells, or the fit has not converged after `max_iterations` (margins the zeros make impossible).
IpfResult fit_two_way(const Table& seed, std::span<const double> row_targets, std::span<const double> column_targets,
                      double tolerance = 1e-9, int max_iterations = 10000);

// Rounds a fitted table to integers so that every row sum equals `row_totals` and every column sum equals
// `column_totals` exactly, each cell being the floor or the ceiling of its fitted value (controlled
// rounding). The cells to round up are found as a maximum flow from rows to columns, preferring the
// largest fractional parts, so the result is deterministic. The fitted table must meet the integer
// margins (e.g. by fit_two_way to them); throws std::invalid_argument otherwise.
IntegerTable round_to_margins(const Table& fitted, std::span<const std::int64_t> row_totals,
                              std::span<const std::int64_t> column_totals);

}  // namespace dayopps::model
