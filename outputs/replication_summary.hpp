#pragma once
// Summaries across replications: mean and the 5th, 50th and 95th percentiles.
#include <array>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace dayopps::outputs {

inline constexpr std::array<std::string_view, 4> kStatisticNames = {"mean", "p05", "p50", "p95"};

// Percentile with linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default):
// h = (n - 1) p, result = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). `sorted` must be sorted.
double percentile_of_sorted(std::span<const double> sorted, double probability);

// `per_replication` is row-major with replications as the slowest dimension (R × cells). Returns the
// statistics as row-major (4 × cells), in kStatisticNames order.
std::vector<double> summarise_replications(std::span<const std::int32_t> per_replication, std::size_t replications);
std::vector<double> summarise_replications(std::span<const double> per_replication, std::size_t replications);

}  // namespace dayopps::outputs
