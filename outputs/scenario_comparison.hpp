#pragma once
// A scenario against the baseline, replication by replication. Both runs use the same random draws for
// the same person and event (common random numbers), so the paired difference carries only the effect of
// the levers plus the noise they themselves add, and its interval is narrow (docs/model.md).
#include <string>
#include <vector>

#include "model/runner.hpp"

namespace dayopps::outputs {

struct ComparisonSettings {
  double discount_rate = 0.035;   // a year (HM Treasury Green Book)
  int cumulative_to_year = 2030;  // savings to the financial year ending in March of this year
};

struct ScenarioComparison {
  std::vector<std::string> financial_years;  // "2023-24", ...
  // £ by (replication, financial year): baseline cost minus scenario cost (positive = a saving).
  Eigen::ArrayXXd savings;
  Eigen::ArrayXXd cumulative_savings;  // running sum from the first financial year
  std::string cutoff_financial_year;   // last financial year in savings_to_cutoff (e.g. "2029-30"); empty: none
  Eigen::ArrayXd savings_to_cutoff;    // by replication
  Eigen::ArrayXd savings_to_horizon;   // by replication
  // Σ_k savings_k / (1 + r)^k, k = 0 for the first financial year (the year the appraisal discounts to).
  Eigen::ArrayXd net_present_value;
  // People affected over the whole run, by replication and (measure, reason, cell) (model::affected_index):
  // the scenario's counts and their difference from the baseline's.
  model::CountsTable affected;
  model::CountsTable affected_difference;
};

// Throws std::invalid_argument if the runs differ in years or replications, or have no costs.
ScenarioComparison compare_with_baseline(const model::ProjectionResult& baseline,
                                         const model::ProjectionResult& scenario,
                                         const std::vector<std::string>& financial_years,
                                         const ComparisonSettings& settings);

}  // namespace dayopps::outputs
