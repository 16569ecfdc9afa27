#include "model/service_cost.hpp"

#include <algorithm>
#include <stdexcept>

namespace dayopps::model {

void validate(const CostRates& rates, int base_year, int horizon) {
  for (int s = 0; s < kServiceCount; ++s) {
    const double cost = rates.cost_per_day[static_cast<std::size_t>(s)];
    const double days = rates.days_per_week[static_cast<std::size_t>(s)];
    if (!(cost >= 0.0)) throw std::invalid_argument("cost per day must be >= 0");
    if (!(rates.transport_per_day[static_cast<std::size_t>(s)] >= 0.0))
      throw std::invalid_argument("transport cost per day must be >= 0");
    if (!(days >= 0.0 && days <= 7.0)) throw std::invalid_argument("days per week must lie in [0, 7]");
  }
  if (static_cast<int>(rates.price_index.size()) < horizon - base_year) {
    throw std::invalid_argument("the price index does not cover every financial year of the run");
  }
  for (const double p : rates.price_index) {
    if (!(p > 0.0)) throw std::invalid_argument("price index values must be > 0");
  }
}

Eigen::ArrayXXd service_cost_by_financial_year(const CountsTable& service_users, const CostRates& rates) {
  const Eigen::Index years = service_users.rows();
  Eigen::ArrayXXd cost = Eigen::ArrayXXd::Zero(std::max<Eigen::Index>(0, years - 1), kServiceCount);
  // Users by service and year (summed over support reasons and cells).
  Eigen::ArrayXXd users = Eigen::ArrayXXd::Zero(years, kServiceCount);
  for (Eigen::Index y = 0; y < years; ++y) {
    for (int s = 1; s < kServiceCount; ++s) {
      const auto first = static_cast<Eigen::Index>(service_reason_cell(s, 0, 0));
      users(y, s) = service_users.row(y).segment(first, kSupportReasonCount * kCellCount).cast<double>().sum();
    }
  }
  for (Eigen::Index fy = 0; fy + 1 < years; ++fy) {
    for (int s = 1; s < kServiceCount; ++s) {
      const double person_years = 0.25 * users(fy, s) + 0.75 * users(fy + 1, s);
      const double per_person_year =
          rates.weeks_per_year * rates.days_per_week[static_cast<std::size_t>(s)] *
          (rates.cost_per_day[static_cast<std::size_t>(s)] + rates.transport_per_day[static_cast<std::size_t>(s)]);
      cost(fy, s) = person_years * per_person_year * rates.price_index[static_cast<std::size_t>(fy)];
    }
  }
  return cost;
}

}  // namespace dayopps::model
