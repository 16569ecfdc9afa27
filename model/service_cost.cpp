#include "model/service_cost.hpp"

#include <algorithm>
#include <stdexcept>

namespace dayopps::model {

void validate(const CostRates& rates, int base_year, int horizon) {
  for (int s = 0; s < kServiceCount; ++s) {
    const auto k = static_cast<std::size_t>(s);
    for (const auto& by_age : rates.cost_per_week[k]) {
      for (const double cost : by_age) {
        if (!(cost >= 0.0 && cost < 1e6)) throw std::invalid_argument("cost per user-week must lie in [0, 1e6)");
      }
    }
    if (!(rates.transport_per_day[k] >= 0.0)) throw std::invalid_argument("transport cost per day must be >= 0");
    if (!(rates.days_per_week[k] >= 0.0 && rates.days_per_week[k] <= 7.0))
      throw std::invalid_argument("days per week must lie in [0, 7]");
  }
  for (const double c : rates.centre_running_cost) {
    if (!(c >= 0.0 && c < 1e9)) throw std::invalid_argument("a centre's running cost must lie in [0, 1e9) a year");
  }
  if (static_cast<int>(rates.cash_index.size()) < horizon - base_year) {
    throw std::invalid_argument("the cash index does not cover every financial year of the run");
  }
  for (const double p : rates.cash_index) {
    if (!(p > 0.0 && p < 1e3)) throw std::invalid_argument("cash index values must lie in (0, 1000)");
  }
}

std::vector<double> centre_running_cost_by_financial_year(const CostRates& rates,
                                                          const std::vector<InternalCentre>& centres, int base_year,
                                                          int years) {
  std::vector<double> cost(static_cast<std::size_t>(std::max(0, years)), 0.0);
  for (std::size_t k = 0; k < centres.size() && k < rates.centre_running_cost.size(); ++k) {
    const double per_year = rates.centre_running_cost[k];
    if (per_year == 0.0) continue;
    for (int fy = 0; fy < years; ++fy) {
      const int y = base_year + 1 + fy;  // financial year y/y+1: a quarter of mid-year y-1's state, 3/4 of y's
      const double open = 0.25 * (centres[k].open_in(y - 1) ? 1.0 : 0.0) + 0.75 * (centres[k].open_in(y) ? 1.0 : 0.0);
      cost[static_cast<std::size_t>(fy)] += per_year * open;
    }
  }
  return cost;
}

Eigen::ArrayXXd service_cost_by_financial_year(const CountsTable& service_users, const CostRates& rates,
                                               const std::vector<InternalCentre>& centres, int base_year) {
  const Eigen::Index years = service_users.rows();
  Eigen::ArrayXXd cost = Eigen::ArrayXXd::Zero(std::max<Eigen::Index>(0, years - 1), kServiceCount);
  // Cost of a year's users at one mid-year, £ a year, by service.
  Eigen::ArrayXXd annual = Eigen::ArrayXXd::Zero(years, kServiceCount);
  for (Eigen::Index y = 0; y < years; ++y) {
    for (int s = 1; s < kServiceCount; ++s) {
      const auto sk = static_cast<std::size_t>(s);
      const double transport = rates.days_per_week[sk] * rates.transport_per_day[sk];
      double total = 0.0;
      for (int r = 0; r < kSupportReasonCount; ++r) {  // reason none too: a user may lose theirs
        const auto& by_age = rates.cost_per_week[sk][static_cast<std::size_t>(r)];
        double weeks_cost = 0.0;
        for (int c = 0; c < kCellCount; ++c) {
          const std::int32_t users = service_users(y, service_reason_cell(s, r, c));
          if (users == 0) continue;
          weeks_cost +=
              static_cast<double>(users) * (by_age[static_cast<std::size_t>(age_group(age_of_cell(c)))] + transport);
        }
        total += weeks_cost;
      }
      annual(y, s) = total * rates.weeks_per_year;
    }
  }
  for (Eigen::Index fy = 0; fy + 1 < years; ++fy) {
    for (int s = 1; s < kServiceCount; ++s) cost(fy, s) = 0.25 * annual(fy, s) + 0.75 * annual(fy + 1, s);
  }
  const std::vector<double> running =
      centre_running_cost_by_financial_year(rates, centres, base_year, static_cast<int>(cost.rows()));
  for (Eigen::Index fy = 0; fy < cost.rows(); ++fy)
    cost(fy, static_cast<int>(Service::internal_day_centre)) += running[static_cast<std::size_t>(fy)];
  return cost;
}

}  // namespace dayopps::model
