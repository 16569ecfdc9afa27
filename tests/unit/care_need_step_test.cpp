// The care-need part of the yearly step in its degenerate cases: certain and impossible events.
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <numeric>

#include "model/base_population.hpp"
#include "model/year_step.hpp"

namespace dayopps::model {
namespace {

using Cells = std::array<std::int32_t, kCellCount>;
using ConditionCells = std::array<std::int32_t, kConditionLevelCount * kCellCount>;

ConditionCells count_all(const Population& p) {
  ConditionCells counts{};
  for (std::size_t i = 0; i < p.size(); ++i) count_conditions(p, i, cell_index(p.sex[i], p.age[i]), counts);
  return counts;
}

int total(const ConditionCells& counts, ConditionLevel level) {
  const auto first = counts.begin() + static_cast<int>(level) * kCellCount;
  return std::accumulate(first, first + kCellCount, 0);
}

Cells aged_by_one(const Cells& start) {
  Cells target{};
  for (int sex = 0; sex < kSexCount; ++sex) {
    for (int age = 1; age <= kOpenAgeGroup; ++age) {
      target[static_cast<std::size_t>(cell_index(sex, age))] +=
          start[static_cast<std::size_t>(cell_index(sex, age - 1))];
    }
    target[static_cast<std::size_t>(cell_index(sex, kOpenAgeGroup))] +=
        start[static_cast<std::size_t>(cell_index(sex, kOpenAgeGroup))];
  }
  return target;
}

TEST(CareNeedStep, CertainPrevalenceGivesEveryoneTheCondition) {
  Cells start{};
  start.fill(20);
  Population p = build_population(start);
  CareNeedRates rates;
  rates.learning_disability_moderate_severe = RatesByCell::Ones();
  rates.autism_with_learning_disability = RatesByCell::Ones();
  rates.physical_disability_serious = RatesByCell::Ones();
  rates.dementia = RatesByCell::Ones();
  assign_conditions_to_new_records(p, 0, rates, 1, 0, 2022);
  const ConditionCells counts = count_all(p);
  const int n = static_cast<int>(p.size());
  EXPECT_EQ(total(counts, ConditionLevel::learning_disability_moderate_severe), n);
  EXPECT_EQ(total(counts, ConditionLevel::learning_disability_mild), 0);
  EXPECT_EQ(total(counts, ConditionLevel::autism), n);
  EXPECT_EQ(total(counts, ConditionLevel::physical_disability_serious), n);
  EXPECT_EQ(total(counts, ConditionLevel::dementia), n);
}

TEST(CareNeedStep, EntryTrendRaisesThePrevalenceOfLaterEntrants) {
  Cells start{};
  start.fill(40);
  CareNeedRates rates;
  rates.learning_disability_moderate_severe = RatesByCell::Constant(0.25);
  rates.learning_disability_entry_trend = RatesByCell::Ones();  // doubling every year
  rates.base_year = 2022;
  const auto count_ld = [](const Population& p) {
    int n = 0;
    for (const Conditions c : p.conditions) n += learning_disability(c) == LearningDisability::moderate_severe;
    return n;
  };
  Population joining_in_2024 = build_population(start);  // 0.25 × 2^2 = 1: everyone
  assign_conditions_to_new_records(joining_in_2024, 0, rates, 1, 0, 2024);
  EXPECT_EQ(count_ld(joining_in_2024), static_cast<int>(joining_in_2024.size()));
  Population joining_in_base = build_population(start);  // 0.25: a quarter, not everyone
  assign_conditions_to_new_records(joining_in_base, 0, rates, 1, 0, 2022);
  EXPECT_LT(count_ld(joining_in_base), static_cast<int>(joining_in_base.size()) / 2);
  EXPECT_GT(count_ld(joining_in_base), 0);
}

TEST(CareNeedStep, ZeroOnsetAndNoDeathsKeepConditionCountsConstant) {
  Cells start{};
  start.fill(300);
  Population p = build_population(start);
  CareNeedRates rates;
  rates.learning_disability_moderate_severe = RatesByCell::Constant(0.1);
  rates.autism_without_learning_disability = RatesByCell::Constant(0.05);
  rates.physical_disability_moderate = RatesByCell::Constant(0.2);
  rates.dementia = RatesByCell::Constant(0.15);
  rates.excess_mortality_learning_disability_moderate_severe = RatesByCell::Constant(5.0);  // 5 × 0 is still 0
  assign_conditions_to_new_records(p, 0, rates, 7, 0, 2022);
  const ConditionCells before = count_all(p);
  YearStep step;
  Cells now = start;
  const RatesByCell no_deaths = RatesByCell::Zero();
  for (int year = 2023; year <= 2027; ++year) {
    Cells deaths{}, additions{}, removals{};
    now = aged_by_one(now);  // nobody born, nobody moves: the targets are the aged population
    step.advance(p, StepRates(no_deaths, &rates), now, {7, 0, static_cast<std::uint32_t>(year)},
                 {deaths, additions, removals});
    const ConditionCells after = count_all(p);
    for (int level = 0; level < kConditionLevelCount; ++level) {
      EXPECT_EQ(total(after, static_cast<ConditionLevel>(level)), total(before, static_cast<ConditionLevel>(level)))
          << kConditionLevelNames[static_cast<std::size_t>(level)] << " in " << year;
    }
  }
}

TEST(CareNeedStep, CertainOnsetAndZeroExcessMortality) {
  Cells start{};
  start.fill(50);
  Population p = build_population(start);
  CareNeedRates rates;
  rates.dementia_onset = RatesByCell::Ones();
  rates.physical_disability_onset = RatesByCell::Ones();
  rates.dementia = RatesByCell::Ones();
  rates.excess_mortality_dementia = RatesByCell::Zero();  // people with dementia never die
  const RatesByCell half = RatesByCell::Constant(0.5);
  YearStep step;
  Cells deaths{}, additions{}, removals{};
  std::array<std::int32_t, kConditionLevelCount * kCellCount> deaths_by_condition{};
  YearFlows flows{deaths, additions, removals, deaths_by_condition};
  step.advance(p, StepRates(half, &rates), aged_by_one(start), {3, 0, 2023}, flows);
  // Half died (nobody had dementia at the start); every survivor now has dementia and a moderate disability.
  const ConditionCells counts = count_all(p);
  EXPECT_EQ(total(counts, ConditionLevel::dementia), static_cast<int>(p.size()));
  EXPECT_EQ(total(deaths_by_condition, ConditionLevel::dementia), 0);
  // A second year: with excess mortality 0, nobody with dementia dies, whatever q.
  Cells deaths2{}, additions2{}, removals2{};
  const std::size_t before = p.size();
  step.advance(p, StepRates(half, &rates), aged_by_one(aged_by_one(start)), {3, 0, 2024},
               {deaths2, additions2, removals2});
  EXPECT_EQ(std::accumulate(deaths2.begin(), deaths2.end(), 0), 0);
  EXPECT_GE(p.size(), before);
}

// The survival lever scales the excess part of a learning disability's multiplier: with q = 0.25 and m = 4 everyone
// with a moderate-severe learning disability dies (q m = 1); with the whole excess removed (lever 1) each dies
// with probability q = 0.25, so the deaths of N people are Binomial(N, 0.25), within 4 standard deviations.
TEST(CareNeedStep, TheSurvivalLeverRemovesTheExcessMortalityOfALearningDisability) {
  Cells start{};
  start.fill(50);  // 9,100 people
  CareNeedRates rates;
  rates.learning_disability_moderate_severe = RatesByCell::Ones();
  rates.excess_mortality_learning_disability_moderate_severe = RatesByCell::Constant(4.0);
  const RatesByCell quarter = RatesByCell::Constant(0.25);
  for (const double lever : {0.0, 1.0, 0.5}) {
    Population p = build_population(start);
    assign_conditions_to_new_records(p, 0, rates, 1, 0, 2022);
    rates.learning_disability_survival = {2023, 2023, lever};
    ASSERT_NO_THROW(validate(rates));
    YearStep step;
    Cells deaths{}, additions{}, removals{};
    const auto n = static_cast<double>(p.size());
    step.advance(p, StepRates(quarter, &rates), aged_by_one(start), {7, 0, 2023}, {deaths, additions, removals});
    const double died = std::accumulate(deaths.begin(), deaths.end(), 0.0);
    // Multiplier 1 + 3 (1 - lever): the death probability is 0.25 x that, capped at 1.
    const double probability = std::min(1.0, 0.25 * (1.0 + 3.0 * (1.0 - lever)));
    EXPECT_NEAR(died, n * probability, 4.0 * std::sqrt(n * probability * (1.0 - probability)) + 1e-9)
        << "lever " << lever;
  }
  // Exact arithmetic of the multiplier, and no effect on people without a learning disability.
  EXPECT_DOUBLE_EQ(death_probability(with_learning_disability(kNoCondition, LearningDisability::moderate_severe), 0,
                                     quarter, rates, 0.75),
                   0.25 * (1.0 + 3.0 * 0.75));
  EXPECT_DOUBLE_EQ(death_probability(kNoCondition, 0, quarter, rates, 0.0), 0.25);
}

}  // namespace
}  // namespace dayopps::model
