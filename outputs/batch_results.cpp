#include "outputs/batch_results.hpp"
#include "outputs/results_schema.hpp"

#include <stdexcept>

#include "outputs/build_info.hpp"
#include "outputs/replication_summary.hpp"
#include "outputs/result_dimensions.hpp"
#include "outputs/results_format.hpp"
#include "outputs/summarised_variables.hpp"

namespace dayopps::outputs {

namespace {

template <typename Array>
std::vector<double> row_major(const Array& array) {
  std::vector<double> out;
  out.reserve(static_cast<std::size_t>(array.size()));
  for (Eigen::Index r = 0; r < array.rows(); ++r)
    for (Eigen::Index c = 0; c < array.cols(); ++c) out.push_back(static_cast<double>(array(r, c)));
  return out;
}

// (replication, measure*reason*cell) -> (replication, measure, reason 1..4, sex, age_band).
std::vector<std::int32_t> affected_by_band(const model::CountsTable& table) {
  std::vector<const std::int32_t*> rows;
  for (Eigen::Index r = 0; r < table.rows(); ++r) rows.push_back(table.row(r).data());
  return outputs::affected_by_band(rows);
}

// Users by (replication, year, service), summed over reasons and cells.
std::vector<std::int32_t> users_by_service(const model::ProjectionResult& projection) {
  std::vector<std::int32_t> out;
  for (const model::ReplicationOutput& r : projection.replications) {
    for (Eigen::Index y = 0; y < r.service_users.rows(); ++y) {
      for (int s = 1; s < model::kServiceCount; ++s) {
        const auto first = static_cast<Eigen::Index>(model::service_reason_cell(s, 0, 0));
        out.push_back(r.service_users.row(y).segment(first, model::kSupportReasonCount * model::kCellCount).sum());
      }
    }
  }
  return out;
}

Group comparison_group(const std::vector<ScenarioRun>& runs, const std::vector<ScenarioComparison>& comparisons) {
  const model::ProjectionResult& baseline = *runs.front().projection;
  const std::size_t replications = baseline.replications.size();
  const std::vector<std::string>& financial_years = runs.front().record.financial_years;
  Group group;
  group.name = "comparison";
  group.attributes = {
      {"description", std::string("Every scenario against the baseline (" + runs.front().record.scenario_name +
                                  "), replication by replication: savings = baseline cost - scenario cost, so a "
                                  "positive value is a saving; the baseline's own row is 0")},
      {"baseline", runs.front().record.scenario_name},
      {"price_year", runs.front().record.price_year},
  };
  std::vector<std::string> names, descriptions, cutoffs;
  std::vector<double> discount_rates;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    names.push_back(runs[k].record.scenario_name);
    descriptions.push_back(runs[k].record.scenario_description);
    discount_rates.push_back(runs[k].settings.discount_rate);
    cutoffs.push_back(comparisons[k].cutoff_financial_year);
  }
  group.dimensions = {
      {"scenario", names, described("scenario (the first is the baseline)", "1")},
      replication_dimension(replications),
      year_dimension(baseline.base_year, baseline.horizon),
      {"financial_year", financial_years, described("financial year, April to March", "1")},
      service_dimension(),
      measure_dimension(),
      support_reason_dimension(),
      sex_dimension(),
      age_band_dimension(),
      statistic_dimension(),
  };
  group.variables.push_back({"scenario_description", {"scenario"}, descriptions, described("what it changes", "1")});
  group.variables.push_back({"discount_rate",
                             {"scenario"},
                             discount_rates,
                             described("annual discount rate of the net present value (HM Treasury Green Book "
                                       "social time preference rate 3.5% unless the scenario states otherwise)",
                                       "1 per year")});
  group.variables.push_back({"cutoff_financial_year",
                             {"scenario"},
                             cutoffs,
                             described("last financial year summed in savings_to_cutoff", "1")});

  std::vector<std::vector<std::int32_t>> users;
  std::vector<std::vector<double>> cost, cost_cash, savings, cumulative, to_cutoff, to_horizon, npv;
  std::vector<std::vector<std::int32_t>> affected, affected_difference;
  for (std::size_t k = 0; k < runs.size(); ++k) {
    const model::ProjectionResult& projection = *runs[k].projection;
    users.push_back(users_by_service(projection));
    std::vector<double> total;
    for (const model::ReplicationOutput& r : projection.replications) {
      for (Eigen::Index fy = 0; fy < r.service_cost.rows(); ++fy) total.push_back(r.service_cost.row(fy).sum());
    }
    std::vector<double> total_cash(total.size());
    const std::vector<double>& index = runs[k].record.cash_index;
    for (std::size_t i = 0; i < total.size(); ++i) total_cash[i] = total[i] * index[i % index.size()];
    cost.push_back(std::move(total));
    cost_cash.push_back(std::move(total_cash));
    const ScenarioComparison& c = comparisons[k];
    savings.push_back(row_major(c.savings));
    cumulative.push_back(row_major(c.cumulative_savings));
    to_cutoff.push_back(row_major(c.savings_to_cutoff.matrix()));
    to_horizon.push_back(row_major(c.savings_to_horizon.matrix()));
    npv.push_back(row_major(c.net_present_value.matrix()));
    affected.push_back(affected_by_band(c.affected));
    affected_difference.push_back(affected_by_band(c.affected_difference));
  }
  const std::string price = " (real terms, " + runs.front().record.price_year + " prices)";
  add_stacked(group, "scenario", "users", {"year", "service"}, users, replications,
              "people using the service at mid-year", "persons");
  add_stacked(group, "scenario", "cost_total", {"financial_year"}, cost, replications,
              "cost of all day-opportunity services in the financial year" + price, "GBP");
  add_stacked(group, "scenario", "cost_total_cash", {"financial_year"}, cost_cash, replications,
              "cost of all day-opportunity services in the financial year in cash terms (the scenario's cash index)",
              "GBP");
  add_stacked(group, "scenario", "savings", {"financial_year"}, savings, replications,
              "saving against the baseline in the financial year (baseline cost - scenario cost)" + price, "GBP");
  add_stacked(group, "scenario", "cumulative_savings", {"financial_year"}, cumulative, replications,
              "saving against the baseline from the first financial year to this one" + price, "GBP");
  add_stacked(group, "scenario", "savings_to_cutoff", {}, to_cutoff, replications,
              "saving against the baseline summed to cutoff_financial_year" + price, "GBP");
  add_stacked(group, "scenario", "savings_to_horizon", {}, to_horizon, replications,
              "saving against the baseline summed over every financial year of the run" + price, "GBP");
  add_stacked(group, "scenario", "net_present_value", {}, npv, replications,
              "net present value of the real-terms savings at discount_rate, discounted to the first financial year "
              "(" +
                  financial_years.front() + ")" + price,
              "GBP");
  const std::vector<std::string> equality = {"measure", "support_reason", "sex", "age_band"};
  add_stacked(group, "scenario", "people_affected", equality, affected, replications,
              "people affected over the whole run (events summed over years; a person affected twice counts "
              "twice), by age band at the time",
              "persons");
  add_stacked(group, "scenario", "people_affected_difference", equality, affected_difference, replications,
              "people affected in the scenario minus in the baseline", "persons");
  return group;
}

}  // namespace

ResultsDocument build_batch_document(const std::vector<ScenarioRun>& runs, const BatchRecord& batch) {
  if (runs.size() < 2) throw std::invalid_argument("a batch needs a baseline and at least one scenario");
  std::vector<ScenarioComparison> comparisons;
  for (const ScenarioRun& run : runs) {
    comparisons.push_back(compare_with_baseline(*runs.front().projection, *run.projection,
                                                runs.front().record.financial_years, run.settings));
  }
  const RunRecord& base = runs.front().record;
  ResultsDocument document;
  document.attributes = {
      {"format_version", std::string(kResultsFormatVersion)},
      {"layout", std::string("batch")},
      {"title", "dayopps scenario comparison: " + base.area_name + " (" + base.area_code + ")"},
      {"dayopps_version", std::string(dayopps_version())},
      {"git_commit", std::string(git_commit())},
      {"baseline", base.scenario_name},
      {"area_code", base.area_code},
      {"area_name", base.area_name},
      {"master_seed", base.master_seed},
      {"random_numbers", batch.random_numbers},
      {"replications", static_cast<std::int64_t>(runs.front().projection->replications.size())},
      {"base_year", static_cast<std::int64_t>(runs.front().projection->base_year)},
      {"horizon", static_cast<std::int64_t>(runs.front().projection->horizon)},
      {"threads", static_cast<std::int64_t>(base.threads)},
      {"processes", static_cast<std::int64_t>(base.processes)},
      {"started_utc", batch.started_utc},
      {"finished_utc", batch.finished_utc},
  };
  for (const ScenarioRun& run : runs)
    append_run(document, "scenarios/" + run.record.scenario_name, build_results_document(*run.projection, run.record));
  document.groups.push_back(comparison_group(runs, comparisons));
  check_declared_layout(document);  // outputs/results_schema.toml
  return document;
}

}  // namespace dayopps::outputs
