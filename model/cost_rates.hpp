#pragma once
// Unit costs of day-opportunity services (see service_cost.hpp for how they are applied). Every amount is in
// real terms at one price base (derivation/unit_costs turns published cash figures into it); the cash view
// multiplies by cash_index.
#include <array>
#include <vector>

#include "model/population.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

// £ per user-week at the price base, [service][support reason][age group (18-64, 65+)].
using CostPerWeek = std::array<std::array<std::array<double, kAgeGroupCount>, kSupportReasonCount>, kServiceCount>;

struct CostRates {
  CostPerWeek cost_per_week{};
  std::array<double, kServiceCount> days_per_week{};  // days attended per week (for transport only)
  // £ per day attended for transport to and from the service (a scenario lever; 0 in the baseline, whose
  // unit costs already include whatever transport the council paid for).
  std::array<double, kServiceCount> transport_per_day{};
  double weeks_per_year = 365.25 / 7.0;
  // Running cost of each council centre (index as ServiceRates::internal_centres), £ a year at the price base,
  // counted while the centre is open. It is part of the council-centre unit cost, not added to it: the
  // derivation takes it out of cost_per_week[internal_day_centre] (docs/model.md, "Unit costs").
  std::vector<double> centre_running_cost;
  // Cash index by financial year (first entry = financial year base_year+1/base_year+2; 1 = the price base).
  std::vector<double> cash_index;
};

// Throws std::invalid_argument on negative costs, days outside 0..7, or a cash index not covering the
// financial years of the run.
void validate(const CostRates& rates, int base_year, int horizon);

}  // namespace dayopps::model
