#pragma once
// Cost of day-opportunity services by financial year (April-March), person-week by person-week, in real terms
// at the price base.
//
// The state at mid-year Y (30 June) holds from July Y to June Y+1, so financial year Y/Y+1 (April Y to
// March Y+1) takes three months of the state at mid-year Y-1 and nine months of the state at mid-year Y:
//   cost(Y/Y+1, s) = sum over support reasons r and cells c of
//                      (0.25 users(Y-1, s, r, c) + 0.75 users(Y, s, r, c))
//                      × weeks_per_year × (cost_per_week(s, r, age group of c) + days_per_week(s) × transport(s))
//                  + [s = council centre] sum over centres k of running_cost(k) × (0.25 open_k(Y-1) + 0.75 open_k(Y)).
#include <vector>

#include "model/cost_rates.hpp"
#include "model/replication.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

// Running cost of the council centres in each financial year Y/Y+1, Y = base_year+1 .. base_year+years.
std::vector<double> centre_running_cost_by_financial_year(const CostRates& rates,
                                                          const std::vector<InternalCentre>& centres, int base_year,
                                                          int years);

// Cost in £ by financial year (rows: Y/Y+1 for Y = base_year+1..horizon) and service (columns), from the
// per-year users table of one replication (ReplicationOutput::service_users), in real terms at the price base.
Eigen::ArrayXXd service_cost_by_financial_year(const CountsTable& service_users, const CostRates& rates,
                                               const std::vector<InternalCentre>& centres, int base_year);

}  // namespace dayopps::model
