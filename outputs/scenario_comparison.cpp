#include "outputs/scenario_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dayopps::outputs {

namespace {

model::CountsTable affected_over_run(const model::ProjectionResult& projection) {
  model::CountsTable total =
      model::CountsTable::Zero(static_cast<Eigen::Index>(projection.replications.size()), model::kAffectedCount);
  for (std::size_t r = 0; r < projection.replications.size(); ++r) {
    const model::CountsTable& flows = projection.replications[r].people_affected;
    if (flows.rows() > 0) total.row(static_cast<Eigen::Index>(r)) = flows.colwise().sum();
  }
  return total;
}

}  // namespace

ScenarioComparison compare_with_baseline(const model::ProjectionResult& baseline,
                                         const model::ProjectionResult& scenario,
                                         const std::vector<std::string>& financial_years,
                                         const ComparisonSettings& settings) {
  if (baseline.base_year != scenario.base_year || baseline.horizon != scenario.horizon)
    throw std::invalid_argument("a scenario and its baseline must cover the same years");
  if (baseline.replications.size() != scenario.replications.size())
    throw std::invalid_argument("a scenario and its baseline must have the same number of replications");
  const auto replications = static_cast<Eigen::Index>(baseline.replications.size());
  const auto years = static_cast<Eigen::Index>(financial_years.size());
  for (std::size_t r = 0; r < baseline.replications.size(); ++r) {
    if (baseline.replications[r].service_cost.rows() != years || scenario.replications[r].service_cost.rows() != years)
      throw std::invalid_argument("savings need the cost of every financial year in both runs");
  }

  ScenarioComparison out;
  out.financial_years = financial_years;
  out.savings = Eigen::ArrayXXd::Zero(replications, years);
  for (Eigen::Index r = 0; r < replications; ++r) {
    const auto& base_cost = baseline.replications[static_cast<std::size_t>(r)].service_cost;
    const auto& scenario_cost = scenario.replications[static_cast<std::size_t>(r)].service_cost;
    out.savings.row(r) = (base_cost.rowwise().sum() - scenario_cost.rowwise().sum()).transpose();
  }
  out.cumulative_savings = out.savings;
  for (Eigen::Index k = 1; k < years; ++k) out.cumulative_savings.col(k) += out.cumulative_savings.col(k - 1);
  out.savings_to_horizon =
      years > 0 ? Eigen::ArrayXd(out.cumulative_savings.col(years - 1)) : Eigen::ArrayXd::Zero(replications);

  // Financial year k runs from April (base_year + 1 + k) to March (base_year + 2 + k).
  const Eigen::Index cutoff_count =
      std::clamp<Eigen::Index>(settings.cumulative_to_year - (baseline.base_year + 1), 0, years);
  out.savings_to_cutoff = cutoff_count > 0 ? Eigen::ArrayXd(out.cumulative_savings.col(cutoff_count - 1))
                                           : Eigen::ArrayXd::Zero(replications);
  if (cutoff_count > 0) out.cutoff_financial_year = financial_years[static_cast<std::size_t>(cutoff_count - 1)];

  Eigen::ArrayXd discount(years);
  for (Eigen::Index k = 0; k < years; ++k)
    discount(k) = std::pow(1.0 + settings.discount_rate, -static_cast<double>(k));
  out.net_present_value = (out.savings.rowwise() * discount.transpose()).rowwise().sum();

  out.affected = affected_over_run(scenario);
  out.affected_difference = out.affected - affected_over_run(baseline);
  return out;
}

}  // namespace dayopps::outputs
