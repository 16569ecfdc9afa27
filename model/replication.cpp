#include "model/replication.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "model/service_cost.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {

namespace {

YearCellCounts zero_table(int first_year, int last_year) {
  YearCellCounts table;
  table.first_year = first_year;
  table.counts = CountsByYearCell::Zero(std::max(0, last_year - first_year + 1), kCellCount);
  return table;
}

void count_people(const Population& population, std::span<std::int32_t, kCellCount> people_per_cell) {
  for (std::size_t i = 0; i < population.size(); ++i) {
    ++people_per_cell[static_cast<std::size_t>(cell_index(population.sex[i], population.age[i]))];
  }
}

using ConditionRow = std::span<std::int32_t, kConditionLevelCount * kCellCount>;

template <typename Row>
std::span<std::int32_t, kCellCount> row_span(Row&& row) {
  return std::span<std::int32_t, kCellCount>(row.data(), kCellCount);
}

// Where one year's tallies go; null pointers (or an empty span) are not counted.
struct YearTallies {
  std::span<std::int32_t> conditions;  // ConditionLevel × cell
  std::int32_t* users = nullptr;       // service × support reason × cell (service_reason_cell)
  std::int32_t* demand = nullptr;
  std::int32_t* waiting = nullptr;
  std::int32_t* unmet = nullptr;
};

// People with each condition, and service users, demand, waiting and unmet demand, in one pass: most
// residents have no condition and no service, and are passed over after one test.
// `records` lists the records to look at: all, or a list known to hold everyone with a condition or service.
template <typename Records>
void count_year(const Population& population, const Records& records, const YearTallies& tallies) {
  const bool conditions = !tallies.conditions.empty();
  const bool services = tallies.users != nullptr;
  for (const std::size_t i : records) {
    const int wanted = population.wanted[i];
    const int service = population.service[i];
    if ((population.conditions[i] | wanted | service) == 0) continue;
    const int cell = cell_index(population.sex[i], population.age[i]);
    if (conditions)
      count_conditions(population, i, cell, ConditionRow(tallies.conditions.data(), ConditionRow::extent));
    if (!services || (service == 0 && wanted == 0)) continue;
    const int reason = static_cast<int>(support_reason(population, i));
    if (service != 0) ++tallies.users[service_reason_cell(service, reason, cell)];
    if (wanted != 0) ++tallies.demand[service_reason_cell(wanted, reason, cell)];
    if (wanted != 0 && service == 0) ++tallies.waiting[service_reason_cell(wanted, reason, cell)];
    if (wanted != 0 && wanted != service) ++tallies.unmet[service_reason_cell(wanted, reason, cell)];
  }
}

}  // namespace

ReplicationOutput run_replication(const ProjectionInputs& inputs, const Population& base_population,
                                  std::uint64_t master_seed, std::uint32_t replication,
                                  const std::atomic<bool>* cancel) {
  ReplicationOutput out;
  out.population = zero_table(inputs.base_year, inputs.horizon);
  out.deaths = zero_table(inputs.base_year + 1, inputs.horizon);
  out.additions = zero_table(inputs.base_year + 1, inputs.horizon);
  out.removals = zero_table(inputs.base_year + 1, inputs.horizon);

  const CareNeedRates* care = inputs.care_need ? &*inputs.care_need : nullptr;
  const ServiceRates* services = inputs.services ? &*inputs.services : nullptr;
  std::optional<CareNeedRates> calibrated_care;  // this replication's copies when calibrated
  std::optional<ServiceRates> calibrated_services;
  if (services != nullptr) out.parameters = neutral_free_parameters(*services);
  if (inputs.calibrated && services != nullptr && care != nullptr) {
    out.parameters = parameters_for_replication(*inputs.calibrated, master_seed, replication);
    calibrated_care = *care;
    calibrated_services = *services;
    apply_free_parameters(out.parameters, *calibrated_services, *calibrated_care);
    care = &*calibrated_care;
    services = &*calibrated_services;
  }
  if (services != nullptr && services->uptake.draw_per_replication) {  // this replication's drift of uptake
    if (!calibrated_services) calibrated_services = *services;
    calibrated_services->uptake = uptake_for_replication(services->uptake, master_seed, replication);
    services = &*calibrated_services;
  }
  const int years = inputs.horizon - inputs.base_year + 1;
  out.people_with_condition =
      CountsByYearConditionCell::Zero(care != nullptr ? years : 0, kConditionLevelCount * kCellCount);
  out.deaths_with_condition =
      CountsByYearConditionCell::Zero(care != nullptr ? years - 1 : 0, kConditionLevelCount * kCellCount);

  const int service_years = services != nullptr ? years : 0;
  const int service_flow_years = services != nullptr ? years - 1 : 0;
  out.service_users = CountsTable::Zero(service_years, kServiceReasonCellCount);
  out.service_demand = CountsTable::Zero(service_years, kServiceReasonCellCount);
  out.service_waiting = CountsTable::Zero(service_years, kServiceReasonCellCount);
  out.service_unmet = CountsTable::Zero(service_years, kServiceReasonCellCount);
  out.service_starters = CountsTable::Zero(service_flow_years, kServiceReasonCount);
  out.service_leavers = CountsTable::Zero(service_flow_years, kServiceReasonCount);
  out.service_user_deaths = CountsTable::Zero(service_flow_years, kServiceReasonCount);
  out.service_user_moves = CountsTable::Zero(service_flow_years, kServiceReasonCount);
  out.people_affected = CountsTable::Zero(service_flow_years, kAffectedCount);
  out.centre_users = CountsTable::Zero(
      service_years, services != nullptr ? static_cast<Eigen::Index>(services->internal_centres.size()) : 0);
  std::vector<std::int32_t> user_exits(2 * kServiceReasonCount);
  ServicesStep services_step;
  // The tallies of row `row` (a mid-year): conditions and services in one pass, then centre occupancy.
  const auto record_year = [&](const Population& p, int row) {
    YearTallies tallies;
    if (care != nullptr)
      tallies.conditions = std::span<std::int32_t>(out.people_with_condition.row(row).data(), ConditionRow::extent);
    if (services != nullptr) {
      tallies.users = out.service_users.row(row).data();
      tallies.demand = out.service_demand.row(row).data();
      tallies.waiting = out.service_waiting.row(row).data();
      tallies.unmet = out.service_unmet.row(row).data();
      const auto& occupancy = services_step.centre_occupancy();
      for (std::size_t c = 0; c < occupancy.size(); ++c)
        out.centre_users(row, static_cast<Eigen::Index>(c)) = occupancy[c];
    }
    if (services != nullptr) {
      count_year(p, services_step.concerned_records(), tallies);
    } else if (care != nullptr) {
      count_year(p, AllRecords{p.size()}, tallies);
    }
  };

  Population population = base_population;  // copying the base costs milliseconds; rebuilding it would not
  if (care != nullptr) {
    assign_conditions_to_new_records(population, 0, *care, master_seed, replication,
                                     static_cast<std::uint32_t>(inputs.base_year), services);
  }
  if (services != nullptr) {
    services_step.assign_at_start(population, *services,
                                  {master_seed, replication, static_cast<std::uint32_t>(inputs.base_year)});
  }
  record_year(population, 0);
  count_people(population, row_span(out.population.counts.row(0)));

  YearStep step;
  for (int year = inputs.base_year + 1; year <= inputs.horizon; ++year) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw Cancelled();
    const int flow_row = year - out.deaths.first_year;
    YearFlows flows{row_span(out.deaths.counts.row(flow_row)), row_span(out.additions.counts.row(flow_row)),
                    row_span(out.removals.counts.row(flow_row))};
    if (care != nullptr) {
      flows.deaths_by_condition =
          std::span<std::int32_t>(out.deaths_with_condition.row(flow_row).data(), ConditionRow::extent);
    }
    if (services != nullptr) {
      std::fill(user_exits.begin(), user_exits.end(), 0);
      flows.user_exits = user_exits;
    }
    const auto target_row = inputs.people.counts.row(year - inputs.people.first_year);
    const std::span<const std::int32_t, kCellCount> targets(target_row.data(), kCellCount);
    step.advance(population, StepRates{inputs.annual_death_probability, care, services}, targets,
                 StepKey{master_seed, replication, static_cast<std::uint32_t>(year)}, flows);
    const auto& people = step.people_per_cell();
    std::copy(people.begin(), people.end(), out.population.counts.row(year - inputs.base_year).data());
    if (services != nullptr) {
      for (int k = 0; k < kServiceReasonCount; ++k) {
        out.service_user_deaths(flow_row, k) = user_exits[static_cast<std::size_t>(k)];
        out.service_user_moves(flow_row, k) = user_exits[static_cast<std::size_t>(kServiceReasonCount + k)];
      }
      const ServiceFlows service_flows{
          ServiceReasonCounts(out.service_starters.row(flow_row).data(), kServiceReasonCount),
          ServiceReasonCounts(out.service_leavers.row(flow_row).data(), kServiceReasonCount),
          std::span<std::int32_t>(out.people_affected.row(flow_row).data(), kAffectedCount)};
      services_step.advance(population, *services, {master_seed, replication, static_cast<std::uint32_t>(year)},
                            service_flows);
    }
    record_year(population, year - inputs.base_year);
  }
  if (inputs.costs && inputs.services)
    out.service_cost = service_cost_by_financial_year(out.service_users, *inputs.costs,
                                                      inputs.services->internal_centres, inputs.base_year);
  return out;
}

std::size_t replication_output_bytes(const ProjectionInputs& inputs) {
  const auto years = static_cast<std::size_t>(std::max(0, inputs.horizon - inputs.base_year + 1));
  const std::size_t flow_years = years > 0 ? years - 1 : 0;
  const std::size_t cells = kCellCount;
  std::size_t counts = years * cells + 3 * flow_years * cells;  // population; deaths, additions, removals
  if (inputs.care_need) counts += (years + flow_years) * kConditionLevelCount * cells;
  std::size_t costs = 0;
  if (inputs.services) {
    counts += 4 * years * kServiceReasonCellCount;   // users, demand, waiting, unmet
    counts += 4 * flow_years * kServiceReasonCount;  // starters, leavers, deaths, moves
    counts += flow_years * kAffectedCount + years * inputs.services->internal_centres.size();
    if (inputs.costs) costs = flow_years * kServiceCount;
  }
  return counts * sizeof(std::int32_t) + costs * sizeof(double);
}

}  // namespace dayopps::model
