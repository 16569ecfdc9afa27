// The yearly step: alignment exactness, conservation, stable records, and the degenerate cases.
#include "model/year_step.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include "model/care_need_status.hpp"

#include "model/base_population.hpp"

namespace dayopps::model {
namespace {

using Cells = std::array<std::int32_t, kCellCount>;

Cells count_cells(const Population& population) {
  Cells counts{};
  for (std::size_t i = 0; i < population.size(); ++i)
    ++counts[static_cast<std::size_t>(cell_index(population.sex[i], population.age[i]))];
  return counts;
}

struct Flows {
  Cells deaths{}, additions{}, removals{};
  YearFlows view() { return {deaths, additions, removals}; }
};

Cells random_counts(std::mt19937& engine, int max_per_cell) {
  std::uniform_int_distribution<int> count(0, max_per_cell);
  Cells cells{};
  for (auto& c : cells) c = count(engine);
  return cells;
}

TEST(YearStep, AlignmentMeetsEveryCellTargetExactly) {
  std::mt19937 engine(11);
  Cells start = random_counts(engine, 300);
  Population population = build_population(start);
  RatesByCell q = RatesByCell::Constant(0.05);
  YearStep step;
  for (int year = 2023; year <= 2030; ++year) {
    const Cells target = random_counts(engine, 300);
    Flows flows;
    const Cells before = count_cells(population);
    step.advance(population, q, target, {42, 0, static_cast<std::uint32_t>(year)}, flows.view());
    EXPECT_EQ(count_cells(population), target) << "year " << year;
    // Conservation: everyone who was here either died, moved cell by ageing, or was removed; plus additions.
    std::int64_t before_total = 0, after_total = 0, died = 0, added = 0, removed = 0;
    for (int c = 0; c < kCellCount; ++c) {
      const auto k = static_cast<std::size_t>(c);
      before_total += before[k];
      after_total += target[k];
      died += flows.deaths[k];
      added += flows.additions[k];
      removed += flows.removals[k];
      EXPECT_TRUE(flows.additions[k] == 0 || flows.removals[k] == 0) << "a cell both gained and lost people";
    }
    EXPECT_EQ(after_total, before_total - died + added - removed);
  }
}

TEST(YearStep, ZeroMortalityAndMatchingTargetsKeepEveryRecord) {
  std::mt19937 engine(5);
  Cells start = random_counts(engine, 50);
  start[static_cast<std::size_t>(cell_index(Sex::female, 90))] = 0;
  start[static_cast<std::size_t>(cell_index(Sex::male, 90))] = 0;
  Population population = build_population(start);
  const Population before = population;
  // Targets = everyone one year older; age 0 gets 7 births per sex.
  Cells target{};
  for (int sex = 0; sex < kSexCount; ++sex) {
    target[static_cast<std::size_t>(cell_index(sex, 0))] = 7;
    for (int age = 1; age <= kOpenAgeGroup; ++age) {
      target[static_cast<std::size_t>(cell_index(sex, age))] =
          start[static_cast<std::size_t>(cell_index(sex, age - 1))];
    }
  }
  Flows flows;
  YearStep step;
  step.advance(population, RatesByCell(RatesByCell::Zero()), target, {1, 0, 2023}, flows.view());

  EXPECT_EQ(count_cells(population), target);
  for (int c = 0; c < kCellCount; ++c) {
    EXPECT_EQ(flows.deaths[static_cast<std::size_t>(c)], 0);
    EXPECT_EQ(flows.removals[static_cast<std::size_t>(c)], 0);
    EXPECT_EQ(flows.additions[static_cast<std::size_t>(c)], age_of_cell(c) == 0 ? 7 : 0);
  }
  // Everyone who was there is still there, in order, with the same id and sex, one year older.
  for (std::size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(population.id[i], before.id[i]);
    EXPECT_EQ(population.sex[i], before.sex[i]);
    EXPECT_EQ(population.age[i], before.age[i] + 1);
  }
  // Births get fresh ids after the last one used.
  for (std::size_t i = before.size(); i < population.size(); ++i) EXPECT_GE(population.id[i], before.next_id);
}

TEST(YearStep, CertainDeathReplacesEveryoneWithNewPeople) {
  Cells start{};
  start.fill(10);
  Population population = build_population(start);
  const PersonId first_new_id = population.next_id;
  Flows flows;
  YearStep step;
  step.advance(population, RatesByCell(RatesByCell::Ones()), start, {3, 1, 2030}, flows.view());
  EXPECT_EQ(count_cells(population), start);
  for (int c = 0; c < kCellCount; ++c) {
    EXPECT_EQ(flows.deaths[static_cast<std::size_t>(c)], 10);
    EXPECT_EQ(flows.additions[static_cast<std::size_t>(c)], 10);
  }
  for (PersonId id : population.id) EXPECT_GE(id, first_new_id);
}

TEST(YearStep, OpenAgeGroupStaysNinetyPlus) {
  Cells start{};
  start[static_cast<std::size_t>(cell_index(Sex::male, 90))] = 100;
  start[static_cast<std::size_t>(cell_index(Sex::male, 89))] = 50;
  Population population = build_population(start);
  Cells target{};
  target[static_cast<std::size_t>(cell_index(Sex::male, 90))] = 150;
  Flows flows;
  YearStep step;
  step.advance(population, RatesByCell(RatesByCell::Zero()), target, {9, 0, 2024}, flows.view());
  EXPECT_EQ(count_cells(population), target);
  EXPECT_EQ(flows.additions[static_cast<std::size_t>(cell_index(Sex::male, 90))], 0);
}

TEST(YearStep, SameKeyGivesSameResultAndDifferentSeedDoesNot) {
  std::mt19937 engine(3);
  const Cells start = random_counts(engine, 200);
  const Cells target = random_counts(engine, 200);
  auto run = [&](std::uint64_t seed) {
    Population population = build_population(start);
    Flows flows;
    YearStep step;
    step.advance(population, RatesByCell(RatesByCell::Constant(0.1)), target, {seed, 0, 2023}, flows.view());
    return population.id;
  };
  EXPECT_EQ(run(1), run(1));
  EXPECT_NE(run(1), run(2));
}

// Records leave from anywhere and are refilled from the end, so the order of records changes from year to
// year; nothing may depend on it. The same people in a shuffled order give the same people, conditions and
// flows, year after year, whatever order the step leaves them in.
TEST(YearStep, RecordOrderDoesNotChangeTheOutcome) {
  std::mt19937 engine(11);
  const Cells start = random_counts(engine, 120);
  CareNeedRates care;
  care.dementia = RatesByCell::Constant(0.05);
  care.learning_disability_moderate_severe = RatesByCell::Constant(0.1);
  care.physical_disability_moderate = RatesByCell::Constant(0.1);
  care.dementia_onset = RatesByCell::Constant(0.1);
  care.physical_disability_onset = RatesByCell::Constant(0.05);
  care.physical_disability_progression = RatesByCell::Constant(0.2);
  care.excess_mortality_dementia = RatesByCell::Constant(2.0);
  care.onset_reduction = PhasedRate{};
  const RatesByCell q = RatesByCell::Constant(0.05);

  Population in_order = build_population(start);
  assign_conditions_to_new_records(in_order, 0, care, 7, 0, 2022);
  Population shuffled = in_order;
  std::vector<std::size_t> order(shuffled.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), engine);
  const Population copy = shuffled;
  for (std::size_t i = 0; i < order.size(); ++i) {
    shuffled.id[i] = copy.id[order[i]];
    shuffled.age[i] = copy.age[order[i]];
    shuffled.sex[i] = copy.sex[order[i]];
    shuffled.conditions[i] = copy.conditions[order[i]];
  }

  using Record = std::tuple<int, int, int>;  // age, sex, conditions
  const auto by_id = [](const Population& p) {
    std::map<PersonId, Record> records;
    for (std::size_t i = 0; i < p.size(); ++i) records[p.id[i]] = {p.age[i], p.sex[i], p.conditions[i]};
    return records;
  };
  YearStep step_a, step_b;
  for (std::uint32_t year = 2023; year <= 2027; ++year) {
    const Cells target = random_counts(engine, 120);
    Flows flows_a, flows_b;
    step_a.advance(in_order, StepRates{q, &care}, target, {7, 0, year}, flows_a.view());
    step_b.advance(shuffled, StepRates{q, &care}, target, {7, 0, year}, flows_b.view());
    ASSERT_EQ(by_id(in_order), by_id(shuffled)) << year;
    EXPECT_EQ(flows_a.deaths, flows_b.deaths);
    EXPECT_EQ(flows_a.removals, flows_b.removals);
    EXPECT_EQ(flows_a.additions, flows_b.additions);
    EXPECT_EQ(count_cells(in_order), target);
    EXPECT_EQ(Cells(step_a.people_per_cell()), target);
    EXPECT_EQ(in_order.next_id, shuffled.next_id);
  }
}

TEST(YearStep, RejectsNegativeTargets) {
  Cells start{};
  start.fill(1);
  Population population = build_population(start);
  Cells target = start;
  target[5] = -1;
  Flows flows;
  YearStep step;
  EXPECT_THROW(step.advance(population, RatesByCell(RatesByCell::Zero()), target, {1, 0, 2023}, flows.view()),
               std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
