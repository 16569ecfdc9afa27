#pragma once
// Unit costs of day-opportunity services (see service_cost.hpp for how they are applied).
#include <array>
#include <vector>

#include "model/population.hpp"

namespace dayopps::model {

struct CostRates {
  std::array<double, kServiceCount> cost_per_day{};   // £ per day attended, at the price year's prices
  std::array<double, kServiceCount> days_per_week{};  // days attended per week
  // £ per day attended for transport to and from the service (a scenario lever; 0 in the baseline, whose
  // cost per day already includes whatever transport the published spending paid for).
  std::array<double, kServiceCount> transport_per_day{};
  double weeks_per_year = 365.25 / 7.0;
  // Price index by financial year, first entry = financial year base_year+1/base_year+2 (1 = price year).
  std::vector<double> price_index;
};

// Throws std::invalid_argument on negative costs, days outside 0..7, or a price index not covering
// the financial years of the run.
void validate(const CostRates& rates, int base_year, int horizon);

}  // namespace dayopps::model
