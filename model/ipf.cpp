#include "model/ipf.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <stdexcept>
#include <string>

namespace dayopps::model {

namespace {

double margin_error(const Table& t, std::span<const double> rows, std::span<const double> columns) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i < t.rows(); ++i)
    worst = std::max(worst, std::abs(t.row(i).sum() - rows[static_cast<std::size_t>(i)]));
  for (Eigen::Index j = 0; j < t.cols(); ++j)
    worst = std::max(worst, std::abs(t.col(j).sum() - columns[static_cast<std::size_t>(j)]));
  return worst;
}

}  // namespace

IpfResult fit_two_way(const Table& seed, std::span<const double> row_targets, std::span<const double> column_targets,
                      double tolerance, int max_iterations) {
  if (static_cast<std::size_t>(seed.rows()) != row_targets.size() ||
      static_cast<std::size_t>(seed.cols()) != column_targets.size()) {
    throw std::invalid_argument("IPF: the margins do not match the table's shape");
  }
  if (!seed.allFinite() || (seed < 0.0).any()) throw std::invalid_argument("IPF: the seed must be finite and >= 0");
  for (const double t : row_targets)
    if (!(t >= 0.0) || !std::isfinite(t)) throw std::invalid_argument("IPF: a row target is negative or not finite");
  for (const double t : column_targets)
    if (!(t >= 0.0) || !std::isfinite(t)) throw std::invalid_argument("IPF: a column target is negative or not finite");
  const double row_total = std::accumulate(row_targets.begin(), row_targets.end(), 0.0);
  const double column_total = std::accumulate(column_targets.begin(), column_targets.end(), 0.0);
  if (std::abs(row_total - column_total) > tolerance * std::max(1.0, row_total / 1e6)) {
    throw std::invalid_argument("IPF: the row targets sum to " + std::to_string(row_total) +
                                " but the column targets to " + std::to_string(column_total));
  }
  for (Eigen::Index i = 0; i < seed.rows(); ++i) {
    if (row_targets[static_cast<std::size_t>(i)] > 0.0 && seed.row(i).sum() == 0.0)
      throw std::invalid_argument("IPF: row " + std::to_string(i) + " has a positive target but no seed");
  }
  for (Eigen::Index j = 0; j < seed.cols(); ++j) {
    if (column_targets[static_cast<std::size_t>(j)] > 0.0 && seed.col(j).sum() == 0.0)
      throw std::invalid_argument("IPF: column " + std::to_string(j) + " has a positive target but no seed");
  }

  IpfResult result{seed, 0, 0.0};
  Table& t = result.fitted;
  for (int iteration = 1; iteration <= max_iterations; ++iteration) {
    for (Eigen::Index i = 0; i < t.rows(); ++i) {
      const double sum = t.row(i).sum();
      t.row(i) *= sum > 0.0 ? row_targets[static_cast<std::size_t>(i)] / sum : 0.0;
    }
    for (Eigen::Index j = 0; j < t.cols(); ++j) {
      const double sum = t.col(j).sum();
      t.col(j) *= sum > 0.0 ? column_targets[static_cast<std::size_t>(j)] / sum : 0.0;
    }
    result.iterations = iteration;
    result.max_margin_error = margin_error(t, row_targets, column_targets);
    if (result.max_margin_error <= tolerance) return result;
  }
  throw std::invalid_argument("IPF did not converge in " + std::to_string(max_iterations) +
                              " iterations (margin error " + std::to_string(result.max_margin_error) +
                              "): the seed's zero cells make these margins impossible");
}

IntegerTable round_to_margins(const Table& fitted, std::span<const std::int64_t> row_totals,
                              std::span<const std::int64_t> column_totals) {
  const auto rows = static_cast<int>(fitted.rows());
  const auto columns = static_cast<int>(fitted.cols());
  if (static_cast<std::size_t>(rows) != row_totals.size() ||
      static_cast<std::size_t>(columns) != column_totals.size()) {
    throw std::invalid_argument("rounding: the margins do not match the table's shape");
  }
  if (!fitted.allFinite() || (fitted < 0.0).any()) throw std::invalid_argument("rounding: the table must be >= 0");

  // Every cell starts at its floor; rows and columns then lack a whole number of units, which are given,
  // one per cell at most, to cells with a fractional part: a bipartite flow source -> row -> column -> sink.
  IntegerTable result = fitted.floor().cast<std::int64_t>();
  std::vector<std::int64_t> row_need(static_cast<std::size_t>(rows)), column_need(static_cast<std::size_t>(columns));
  for (int i = 0; i < rows; ++i)
    row_need[static_cast<std::size_t>(i)] = row_totals[static_cast<std::size_t>(i)] - result.row(i).sum();
  for (int j = 0; j < columns; ++j)
    column_need[static_cast<std::size_t>(j)] = column_totals[static_cast<std::size_t>(j)] - result.col(j).sum();
  const auto negative = [](std::int64_t n) { return n < 0; };
  if (std::any_of(row_need.begin(), row_need.end(), negative) ||
      std::any_of(column_need.begin(), column_need.end(), negative) ||
      std::accumulate(row_need.begin(), row_need.end(), std::int64_t{0}) !=
          std::accumulate(column_need.begin(), column_need.end(), std::int64_t{0})) {
    throw std::invalid_argument("rounding: the table does not meet the margins (fit it to them first)");
  }

  // Candidate cells per row, largest fractional part first.
  constexpr double kFractionFloor = 1e-12;
  std::vector<std::vector<int>> candidates(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < columns; ++j)
      if (fitted(i, j) - std::floor(fitted(i, j)) > kFractionFloor)
        candidates[static_cast<std::size_t>(i)].push_back(j);
    std::stable_sort(candidates[static_cast<std::size_t>(i)].begin(), candidates[static_cast<std::size_t>(i)].end(),
                     [&](int a, int b) {
                       return fitted(i, a) - std::floor(fitted(i, a)) > fitted(i, b) - std::floor(fitted(i, b));
                     });
  }
  Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic> raised =
      Eigen::Array<bool, Eigen::Dynamic, Eigen::Dynamic>::Constant(rows, columns, false);

  // Augmenting paths (breadth first) alternate row -> column on an unraised cell and column -> row on a
  // raised one, from a row that still lacks units to a column that still lacks units.
  while (true) {
    std::vector<int> column_parent(static_cast<std::size_t>(columns), -1);
    std::vector<int> row_parent(static_cast<std::size_t>(rows), -2);  // -1: a start row
    std::queue<int> frontier;
    for (int i = 0; i < rows; ++i) {
      if (row_need[static_cast<std::size_t>(i)] > 0) {
        row_parent[static_cast<std::size_t>(i)] = -1;
        frontier.push(i);
      }
    }
    int end_column = -1;
    while (!frontier.empty() && end_column < 0) {
      const int i = frontier.front();
      frontier.pop();
      for (const int j : candidates[static_cast<std::size_t>(i)]) {
        if (raised(i, j) || column_parent[static_cast<std::size_t>(j)] >= 0) continue;
        column_parent[static_cast<std::size_t>(j)] = i;
        if (column_need[static_cast<std::size_t>(j)] > 0) {
          end_column = j;
          break;
        }
        for (int k = 0; k < rows; ++k) {
          if (raised(k, j) && row_parent[static_cast<std::size_t>(k)] == -2) {
            row_parent[static_cast<std::size_t>(k)] = j;
            frontier.push(k);
          }
        }
      }
    }
    if (end_column < 0) break;
    // Flip the path: raise row->column cells, lower column->row cells.
    int j = end_column;
    --column_need[static_cast<std::size_t>(j)];
    while (true) {
      const int i = column_parent[static_cast<std::size_t>(j)];
      raised(i, j) = true;
      const int previous = row_parent[static_cast<std::size_t>(i)];
      if (previous == -1) {
        --row_need[static_cast<std::size_t>(i)];
        break;
      }
      raised(i, previous) = false;
      j = previous;
    }
  }
  if (std::any_of(row_need.begin(), row_need.end(), [](std::int64_t n) { return n != 0; })) {
    throw std::invalid_argument("rounding: no rounding of this table meets both margins");
  }
  return result + raised.cast<std::int64_t>();
}

}  // namespace dayopps::model
