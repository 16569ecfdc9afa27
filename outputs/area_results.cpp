#include "outputs/area_results.hpp"
#include "outputs/results_schema.hpp"

#include <stdexcept>

#include "model/care_need_status.hpp"
#include "outputs/build_info.hpp"
#include "outputs/results_format.hpp"
#include "outputs/stack_replications.hpp"
#include "outputs/summarised_variables.hpp"

namespace dayopps::outputs {

namespace {

// Sums the trailing `width` values of every row: (…, width) -> (…).
std::vector<std::int32_t> row_sums(const std::vector<std::int32_t>& values, std::size_t width) {
  std::vector<std::int32_t> out(values.size() / width, 0);
  for (std::size_t i = 0; i < values.size(); ++i) out[i / width] += values[i];
  return out;
}

void add_to(std::vector<std::int32_t>& total, const std::vector<std::int32_t>& values) {
  if (total.empty()) total.assign(values.size(), 0);
  for (std::size_t i = 0; i < values.size(); ++i) total[i] += values[i];
}

// (replication, year, service) of one area: a services table summed over support reasons, sex and age band.
std::vector<std::int32_t> by_service(const model::ProjectionResult& projection,
                                     model::CountsTable model::ReplicationOutput::*table) {
  constexpr std::size_t kPerService = (model::kSupportReasonCount - 1) * model::kSexCount * std::size(kAgeBands);
  return row_sums(services_by_band(projection, table), kPerService);
}

// Users, demand and unmet demand by service, adults (the denominator of users per head) and cost, by area and
// summed over areas, replication by replication.
void add_region_services(Group& group, const std::vector<AreaRun>& runs, std::size_t replications) {
  const RunRecord& first_record = runs.front().record;
  group.dimensions.push_back(service_dimension());
  group.attributes["price_year"] = first_record.price_year;
  group.attributes["money"] = "GBP in real terms at " + first_record.price_year +
                              " prices (HM Treasury GDP deflator), every area at the same price base";
  const std::vector<std::string> by_year_service = {"year", "service"};
  struct Measure {
    const char* name;
    model::CountsTable model::ReplicationOutput::*table;
    const char* description;
  };
  const Measure measures[] = {
      {"users", &model::ReplicationOutput::service_users, "people using the service at mid-year"},
      {"demand", &model::ReplicationOutput::service_demand,
       "people who chose the service at mid-year (using it or waiting for a place)"},
      {"unmet_demand", &model::ReplicationOutput::service_unmet,
       "people who chose the service at mid-year but have no place in it"},
  };
  for (const Measure& m : measures) {
    std::vector<std::vector<std::int32_t>> per_area;
    std::vector<std::int32_t> total;
    for (const AreaRun& run : runs) {
      per_area.push_back(by_service(*run.projection, m.table));
      add_to(total, per_area.back());
    }
    add_stacked(group, "area", m.name, by_year_service, per_area, replications, m.description, "persons");
    add_with_summary(group, std::string("total_") + m.name, {"replication", "year", "service"}, std::move(total),
                     replications, std::string(m.description) + ", all areas", "persons");
  }

  // Every service together, summarised over replications (a sum's percentiles are not the sum of percentiles).
  {
    std::vector<std::vector<std::int32_t>> per_area;
    std::vector<std::int32_t> total;
    for (const AreaRun& run : runs) {
      const std::vector<std::int32_t> users = by_service(*run.projection, &model::ReplicationOutput::service_users);
      per_area.push_back(row_sums(users, model::kServiceCount - 1));
      add_to(total, per_area.back());
    }
    add_stacked(group, "area", "users_all_services", {"year"}, per_area, replications,
                "people using any day-opportunity service at mid-year", "persons");
    add_with_summary(group, "total_users_all_services", {"replication", "year"}, std::move(total), replications,
                     "people using any day-opportunity service at mid-year, all areas", "persons");
  }

  std::vector<std::vector<std::int32_t>> adults;
  for (const AreaRun& run : runs) {
    const int adulthood = run.record.adulthood_age;
    std::vector<std::int32_t> values;
    for (const model::ReplicationOutput& r : run.projection->replications) {
      for (Eigen::Index y = 0; y < r.population.counts.rows(); ++y) {
        std::int32_t sum = 0;
        for (int c = 0; c < model::kCellCount; ++c)
          if (model::age_of_cell(c) >= adulthood) sum += r.population.counts(y, c);
        values.push_back(sum);
      }
    }
    adults.push_back(std::move(values));
  }
  add_stacked(group, "area", "adults", {"year"}, adults, replications,
              "residents of adult age (18 and over) at mid-year: the denominator of users per head", "persons");

  if (first_record.financial_years.empty()) return;
  group.dimensions.push_back(
      {"financial_year", first_record.financial_years, described("financial year, April to March", "1")});
  std::vector<std::vector<double>> cost;
  std::vector<double> total;
  for (const AreaRun& run : runs) {
    std::vector<double> values;
    for (const model::ReplicationOutput& r : run.projection->replications) {
      for (Eigen::Index fy = 0; fy < r.service_cost.rows(); ++fy) {
        double sum = 0.0;
        for (int s = 1; s < model::kServiceCount; ++s) sum += r.service_cost(fy, s);
        values.push_back(sum);
      }
    }
    if (total.empty()) total.assign(values.size(), 0.0);
    for (std::size_t i = 0; i < values.size(); ++i) total[i] += values[i];
    cost.push_back(std::move(values));
  }
  add_stacked(group, "area", "cost_total", {"financial_year"}, cost, replications,
              "cost of all day-opportunity services in the financial year, real terms at " + first_record.price_year +
                  " prices",
              "GBP");
  add_with_summary(group, "total_cost", {"replication", "financial_year"}, std::move(total), replications,
                   "cost of all day-opportunity services in the financial year, all areas, real terms at " +
                       first_record.price_year + " prices",
                   "GBP");
}

Group region_group(const std::vector<AreaRun>& runs, bool care_need, bool services) {
  const model::ProjectionResult& first = *runs.front().projection;
  const std::size_t replications = first.replications.size();
  Group group;
  group.name = "region";
  group.attributes = {{"description", std::string("Every area side by side and their sum, replication by replication. "
                                                  "Areas draw independent random numbers, so the sum of replication r "
                                                  "over areas is one draw of the regional total")}};
  std::vector<std::string> codes, names;
  for (const AreaRun& run : runs) {
    codes.push_back(run.record.area_code);
    names.push_back(run.record.area_name);
  }
  group.dimensions = {
      {"area", codes, described("ONS area code", "1")},
      replication_dimension(replications),
      year_dimension(first.base_year, first.horizon),
      sex_dimension(),
      age_band_dimension(),
      statistic_dimension(),
  };
  group.variables.push_back({"area_name", {"area"}, names, described("area name as in the projection file", "1")});

  constexpr auto kCells = static_cast<std::size_t>(model::kCellCount);
  std::vector<std::vector<std::int32_t>> population, with_condition;
  std::vector<std::int32_t> total_population, total_with_condition;
  for (const AreaRun& run : runs) {
    const std::vector<std::int32_t> by_cell = stack_replications(
        *run.projection, [](const auto& r) -> const auto& { return r.population.counts; });
    population.push_back(row_sums(by_cell, kCells));
    add_to(total_population, by_age_band(by_cell));
    if (care_need) {
      const std::vector<std::int32_t> by_condition_cell = stack_replications(
          *run.projection, [](const auto& r) -> const auto& { return r.people_with_condition; });
      with_condition.push_back(row_sums(by_condition_cell, kCells));
      add_to(total_with_condition, by_age_band(by_condition_cell));
    }
  }
  add_stacked(group, "area", "population", {"year"}, population, replications, "people resident at mid-year",
              "persons");
  add_with_summary(group, "total_population", {"replication", "year", "sex", "age_band"}, std::move(total_population),
                   replications, "people resident at mid-year, all areas", "persons");
  if (care_need) {
    group.dimensions.insert(
        group.dimensions.begin() + 3,
        {"condition", std::vector<std::string>(model::kConditionLevelNames.begin(), model::kConditionLevelNames.end()),
         described("condition and level", "1")});
    add_stacked(group, "area", "people_with_condition", {"year", "condition"}, with_condition, replications,
                "people with the condition at mid-year (a person with several is counted under each)", "persons");
    add_with_summary(group, "total_people_with_condition", {"replication", "year", "condition", "sex", "age_band"},
                     std::move(total_with_condition), replications, "people with the condition at mid-year, all areas",
                     "persons");
  }
  if (services) add_region_services(group, runs, replications);
  return group;
}

}  // namespace

ResultsDocument build_areas_document(const std::vector<AreaRun>& runs, const AreasRecord& record) {
  if (runs.empty()) throw std::invalid_argument("a multi-area run needs at least one area");
  const model::ProjectionResult& first = *runs.front().projection;
  // Every area runs the same scenario, so either all simulate care need or none does.
  const bool care_need = !first.replications.empty() && first.replications.front().people_with_condition.rows() > 0;
  for (const AreaRun& run : runs) {
    const model::ProjectionResult& p = *run.projection;
    if (p.base_year != first.base_year || p.horizon != first.horizon ||
        p.replications.size() != first.replications.size())
      throw std::invalid_argument("the areas of a run must share years and replications");
  }
  ResultsDocument document;
  document.attributes = {
      {"format_version", std::string(kResultsFormatVersion)},
      {"layout", std::string("areas")},
      {"title", "dayopps multi-area projection: " + record.scenario_name + " (" + std::to_string(runs.size()) +
                    (runs.size() == 1 ? " area)" : " areas)")},
      {"dayopps_version", std::string(dayopps_version())},
      {"git_commit", std::string(git_commit())},
      {"scenario_name", record.scenario_name},
      {"scenario_description", record.scenario_description},
      {"scenario_toml", record.scenario_toml},
      {"population_projection", record.population_projection},
      {"master_seed", record.master_seed},
      {"area_seeds", std::string("each area's master_seed is derived from this one and its code (docs/model.md, "
                                 "\"Multi-area runs\"); running the area alone with it reproduces its group")},
      {"replications", static_cast<std::int64_t>(first.replications.size())},
      {"base_year", static_cast<std::int64_t>(first.base_year)},
      {"horizon", static_cast<std::int64_t>(first.horizon)},
      {"threads", static_cast<std::int64_t>(record.threads)},
      {"processes", static_cast<std::int64_t>(record.processes)},
      {"started_utc", record.started_utc},
      {"finished_utc", record.finished_utc},
  };
  for (const AreaRun& run : runs)
    append_run(document, "areas/" + run.record.area_code, build_results_document(*run.projection, run.record));
  const bool services = !first.replications.empty() && first.replications.front().service_users.rows() > 0;
  for (const AreaRun& run : runs) {
    if (run.record.financial_years != runs.front().record.financial_years ||
        run.record.price_year != runs.front().record.price_year)
      throw std::invalid_argument("the areas of a run must share financial years and price base");
  }
  document.groups.push_back(region_group(runs, care_need, services));
  check_declared_layout(document);  // outputs/results_schema.toml
  return document;
}

}  // namespace dayopps::outputs
