#include "outputs/replication_summary.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dayopps::outputs {

double percentile_of_sorted(std::span<const double> sorted, double probability) {
  if (sorted.empty()) throw std::invalid_argument("percentile of no values");
  const double h = static_cast<double>(sorted.size() - 1) * probability;
  const auto lower = static_cast<std::size_t>(std::floor(h));
  const std::size_t upper = std::min(lower + 1, sorted.size() - 1);
  return sorted[lower] + (h - static_cast<double>(lower)) * (sorted[upper] - sorted[lower]);
}

namespace {

template <typename T>
std::vector<double> summarise(std::span<const T> per_replication, std::size_t replications) {
  if (replications == 0 || per_replication.size() % replications != 0) {
    throw std::invalid_argument("summarise_replications: size is not a multiple of the replications");
  }
  const std::size_t cells = per_replication.size() / replications;
  std::vector<double> summary(kStatisticNames.size() * cells);
  std::vector<double> values(replications);
  for (std::size_t cell = 0; cell < cells; ++cell) {
    double sum = 0.0;
    for (std::size_t r = 0; r < replications; ++r) {
      values[r] = static_cast<double>(per_replication[r * cells + cell]);
      sum += values[r];
    }
    std::sort(values.begin(), values.end());
    summary[0 * cells + cell] = sum / static_cast<double>(replications);
    summary[1 * cells + cell] = percentile_of_sorted(values, 0.05);
    summary[2 * cells + cell] = percentile_of_sorted(values, 0.50);
    summary[3 * cells + cell] = percentile_of_sorted(values, 0.95);
  }
  return summary;
}

}  // namespace

std::vector<double> summarise_replications(std::span<const std::int32_t> per_replication, std::size_t replications) {
  return summarise(per_replication, replications);
}

std::vector<double> summarise_replications(std::span<const double> per_replication, std::size_t replications) {
  return summarise(per_replication, replications);
}

}  // namespace dayopps::outputs
