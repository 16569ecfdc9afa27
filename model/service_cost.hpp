#pragma once
// Cost of day-opportunity services by financial year (April-March), person-week by person-week.
//
// The state at mid-year Y (30 June) holds from July Y to June Y+1, so financial year Y/Y+1 (April Y to
// March Y+1) takes three months of the state at mid-year Y-1 and nine months of the state at mid-year Y:
//   cost(Y/Y+1) = sum over people in service s of (0.25 [in s at Y-1] + 0.75 [in s at Y])
//                 × weeks_per_year × days_per_week(s) × (cost_per_day(s) + transport_per_day(s))
//                 × price_index(Y/Y+1).
#include <array>
#include <vector>

#include "model/cost_rates.hpp"
#include "model/replication.hpp"

namespace dayopps::model {

// Cost in £ by financial year (rows: Y/Y+1 for Y = base_year+1..horizon) and service (columns), from the
// per-year users table of one replication (ReplicationOutput::service_users).
Eigen::ArrayXXd service_cost_by_financial_year(const CountsTable& service_users, const CostRates& rates);

}  // namespace dayopps::model
