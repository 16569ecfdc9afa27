#include "model/integerise.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace dayopps::model {

std::vector<std::int64_t> integerise_preserving_total(std::span<const double> values) {
  std::vector<std::int64_t> whole(values.size());
  std::vector<double> remainder(values.size());
  double total = 0.0;
  std::int64_t floor_total = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double x = values[i];
    if (!std::isfinite(x) || x < 0.0) throw std::invalid_argument("integerise: values must be finite and non-negative");
    const double f = std::floor(x);
    whole[i] = static_cast<std::int64_t>(f);
    remainder[i] = x - f;
    total += x;
    floor_total += whole[i];
  }
  const auto target_total = static_cast<std::int64_t>(std::llround(total));
  const auto extra = static_cast<std::size_t>(std::max<std::int64_t>(0, target_total - floor_total));

  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return remainder[a] > remainder[b]; });
  // Only cells with a fractional part may round up, so whole-number inputs are returned unchanged.
  for (std::size_t k = 0; k < extra && k < order.size() && remainder[order[k]] > 0.0; ++k) ++whole[order[k]];
  return whole;
}

CountsByYearCell integerise_by_year(const Eigen::Array<double, Eigen::Dynamic, kCellCount, Eigen::RowMajor>& people) {
  CountsByYearCell counts(people.rows(), kCellCount);
  for (Eigen::Index row = 0; row < people.rows(); ++row) {
    const std::vector<std::int64_t> whole =
        integerise_preserving_total(std::span<const double>(people.row(row).data(), kCellCount));
    for (int cell = 0; cell < kCellCount; ++cell) {
      const std::int64_t n = whole[static_cast<std::size_t>(cell)];
      if (n > std::numeric_limits<std::int32_t>::max()) throw std::invalid_argument("integerise: cell count too large");
      counts(row, cell) = static_cast<std::int32_t>(n);
    }
  }
  return counts;
}

}  // namespace dayopps::model
