#include "model/replication.hpp"

#include <algorithm>

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

void count_people_with_conditions(const Population& population, ConditionRow counts) {
  for (std::size_t i = 0; i < population.size(); ++i) {
    count_conditions(population, i, cell_index(population.sex[i], population.age[i]), counts);
  }
}

template <typename Row>
std::span<std::int32_t, kCellCount> row_span(Row&& row) {
  return std::span<std::int32_t, kCellCount>(row.data(), kCellCount);
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
  const int years = inputs.horizon - inputs.base_year + 1;
  out.people_with_condition = CountsByYearConditionCell::Zero(care != nullptr ? years : 0, kConditionLevelCount * kCellCount);
  out.deaths_with_condition =
      CountsByYearConditionCell::Zero(care != nullptr ? years - 1 : 0, kConditionLevelCount * kCellCount);

  Population population = base_population;  // copying the base costs milliseconds; rebuilding it would not
  if (care != nullptr) {
    assign_conditions_to_new_records(population, 0, *care, master_seed, replication, static_cast<std::uint32_t>(inputs.base_year));
    count_people_with_conditions(population, ConditionRow(out.people_with_condition.row(0).data(), ConditionRow::extent));
  }
  count_people(population, row_span(out.population.counts.row(0)));

  YearStep step;
  for (int year = inputs.base_year + 1; year <= inputs.horizon; ++year) {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) throw Cancelled();
    const int flow_row = year - out.deaths.first_year;
    YearFlows flows{row_span(out.deaths.counts.row(flow_row)), row_span(out.additions.counts.row(flow_row)),
                    row_span(out.removals.counts.row(flow_row))};
    if (care != nullptr) {
      flows.deaths_by_condition = std::span<std::int32_t>(out.deaths_with_condition.row(flow_row).data(), ConditionRow::extent);
    }
    const auto target_row = inputs.people.counts.row(year - inputs.people.first_year);
    const std::span<const std::int32_t, kCellCount> targets(target_row.data(), kCellCount);
    step.advance(population, StepRates{inputs.annual_death_probability, care}, targets,
                 StepKey{master_seed, replication, static_cast<std::uint32_t>(year)}, flows);
    count_people(population, row_span(out.population.counts.row(year - inputs.base_year)));
    if (care != nullptr) {
      count_people_with_conditions(
          population, ConditionRow(out.people_with_condition.row(year - inputs.base_year).data(), ConditionRow::extent));
    }
  }
  return out;
}

}  // namespace dayopps::model
