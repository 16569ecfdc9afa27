#include "model/base_year_users.hpp"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "model/integerise.hpp"

namespace dayopps::model {

namespace {

// The margin's targets: observed values kept, the rest the seed's values scaled to make the sum `total`.
std::vector<double> complete(const std::vector<double>& observed, const std::vector<double>& seed, double total,
                             const char* margin) {
  double observed_sum = 0.0;
  double unobserved_seed = 0.0;
  for (std::size_t k = 0; k < observed.size(); ++k) {
    if (std::isnan(observed[k])) {
      unobserved_seed += seed[k];
    } else {
      observed_sum += observed[k];
    }
  }
  const double rest = total - observed_sum;
  if (rest < -0.5) {
    std::ostringstream message;
    message << "observed base-year users by " << margin << " (" << observed_sum << ") exceed the total of " << total
            << " set by the other margin";
    throw std::invalid_argument(message.str());
  }
  std::vector<double> targets(observed.size());
  for (std::size_t k = 0; k < observed.size(); ++k) {
    if (!std::isnan(observed[k])) {
      targets[k] = observed[k];
    } else {
      targets[k] = unobserved_seed > 0.0 ? seed[k] * std::max(0.0, rest) / unobserved_seed : 0.0;
    }
  }
  return targets;
}

bool all_observed(const std::vector<double>& v) {
  for (const double x : v)
    if (std::isnan(x)) return false;
  return true;
}

double sum(const std::vector<double>& v) {
  double s = 0.0;
  for (const double x : v) s += x;
  return s;
}

// Integer margin with total `total`: largest remainder, then any rounding difference taken by the largest cell.
std::vector<std::int64_t> whole_people(const std::vector<double>& targets, std::int64_t total) {
  std::vector<std::int64_t> counts = integerise_preserving_total(targets);
  std::int64_t counted = 0;
  std::size_t largest = 0;
  for (std::size_t k = 0; k < counts.size(); ++k) {
    counted += counts[k];
    if (counts[k] > counts[largest]) largest = k;
  }
  counts[largest] += total - counted;
  if (counts[largest] < 0) throw std::invalid_argument("base-year margins cannot be rounded to whole people");
  return counts;
}

}  // namespace

IntegerTable base_year_user_table(const Table& expected, const BaseYearUserMargins& margins) {
  if (expected.rows() != kBaseYearRowCount || expected.cols() != kBaseYearColumnCount)
    throw std::invalid_argument("base-year seed table has the wrong shape");
  std::vector<double> observed_rows(kBaseYearRowCount);
  std::vector<double> seed_rows(kBaseYearRowCount);
  for (int r = 1; r < kSupportReasonCount; ++r) {
    for (int g = 0; g < kAgeGroupCount; ++g) {
      const int row = base_year_row(static_cast<SupportReason>(r), g);
      observed_rows[static_cast<std::size_t>(row)] =
          margins.by_reason_age[static_cast<std::size_t>(r)][static_cast<std::size_t>(g)];
      seed_rows[static_cast<std::size_t>(row)] = expected.row(row).sum();
    }
  }
  std::vector<double> observed_columns(kBaseYearColumnCount);
  std::vector<double> seed_columns(kBaseYearColumnCount);
  for (int s = 1; s < kServiceCount; ++s) {
    observed_columns[static_cast<std::size_t>(s - 1)] = margins.by_service[static_cast<std::size_t>(s)];
    seed_columns[static_cast<std::size_t>(s - 1)] = expected.col(s - 1).sum();
  }

  double total = 0.0;
  if (all_observed(observed_columns)) {
    total = sum(observed_columns);
    if (all_observed(observed_rows) && std::abs(sum(observed_rows) - total) > 1.0) {
      std::ostringstream message;
      message << "observed base-year users by support reason and age group (" << sum(observed_rows)
              << ") and by service (" << total << ") differ";
      throw std::invalid_argument(message.str());
    }
  } else if (all_observed(observed_rows)) {
    total = sum(observed_rows);
  } else {
    for (std::size_t k = 0; k < observed_columns.size(); ++k)
      total += std::isnan(observed_columns[k]) ? seed_columns[k] : observed_columns[k];
  }
  const std::int64_t whole_total = std::llround(total);
  const auto row_counts =
      whole_people(complete(observed_rows, seed_rows, total, "support reason and age group"), whole_total);
  const auto column_counts = whole_people(complete(observed_columns, seed_columns, total, "service"), whole_total);

  std::vector<double> row_targets(row_counts.begin(), row_counts.end());
  std::vector<double> column_targets(column_counts.begin(), column_counts.end());
  const IpfResult fit = fit_two_way(expected, row_targets, column_targets);
  return round_to_margins(fit.fitted, row_counts, column_counts);
}

}  // namespace dayopps::model
