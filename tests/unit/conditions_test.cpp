// The packed conditions byte: every combination of levels survives a round trip, the setters change only
// their own condition, and the support-reason table follows the precedence rule of docs/model.md.
#include "model/conditions.hpp"

#include <gtest/gtest.h>

#include <set>

#include "model/care_need_status.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {
namespace {

constexpr std::array kLearning = {LearningDisability::none, LearningDisability::mild,
                                  LearningDisability::moderate_severe};
constexpr std::array kPhysical = {PhysicalDisability::none, PhysicalDisability::moderate, PhysicalDisability::serious};

TEST(Conditions, EveryCombinationRoundTripsAndIsDistinct) {
  std::set<int> seen;
  for (const auto ld : kLearning)
    for (const bool autism : {false, true})
      for (const auto pd : kPhysical)
        for (const bool dementia : {false, true}) {
          const Conditions c = pack_conditions(ld, autism, pd, dementia);
          EXPECT_EQ(learning_disability(c), ld);
          EXPECT_EQ(has_autism(c), autism);
          EXPECT_EQ(physical_disability(c), pd);
          EXPECT_EQ(has_dementia(c), dementia);
          EXPECT_LT(c, kConditionsValueCount);
          seen.insert(c);
        }
  EXPECT_EQ(seen.size(), 36u);
  EXPECT_EQ(pack_conditions(LearningDisability::none, false, PhysicalDisability::none, false), kNoCondition);
}

TEST(Conditions, SettersChangeOnlyTheirOwnCondition) {
  const Conditions all = pack_conditions(LearningDisability::mild, true, PhysicalDisability::moderate, true);
  EXPECT_EQ(with_learning_disability(all, LearningDisability::moderate_severe),
            pack_conditions(LearningDisability::moderate_severe, true, PhysicalDisability::moderate, true));
  EXPECT_EQ(with_autism(all, false),
            pack_conditions(LearningDisability::mild, false, PhysicalDisability::moderate, true));
  EXPECT_EQ(with_physical_disability(all, PhysicalDisability::serious),
            pack_conditions(LearningDisability::mild, true, PhysicalDisability::serious, true));
  EXPECT_EQ(with_dementia(all, false),
            pack_conditions(LearningDisability::mild, true, PhysicalDisability::moderate, false));
}

TEST(Conditions, SupportReasonFollowsPrecedence) {
  for (const auto ld : kLearning)
    for (const bool autism : {false, true})
      for (const auto pd : kPhysical)
        for (const bool dementia : {false, true}) {
          SupportReason expected = SupportReason::none;
          if (dementia) expected = SupportReason::dementia;
          if (pd == PhysicalDisability::serious) expected = SupportReason::physical_disability;
          if (autism) expected = SupportReason::autism;
          if (ld == LearningDisability::moderate_severe) expected = SupportReason::learning_disability;
          EXPECT_EQ(kSupportReasonByConditions[pack_conditions(ld, autism, pd, dementia)], expected);
        }
}

// The yearly death thresholds are tabulated by mortality class: every conditions value must have exactly the
// death probability of its class's representative, bit for bit.
TEST(Conditions, MortalityClassKeepsTheDeathProbability) {
  CareNeedRates rates;
  RatesByCell q;
  for (int cell = 0; cell < kCellCount; ++cell) {
    q(cell) = 0.001 + 0.004 * cell;
    rates.excess_mortality_learning_disability_mild(cell) = 1.3 + 0.01 * cell;
    rates.excess_mortality_learning_disability_moderate_severe(cell) = 2.7 + 0.02 * cell;
    rates.excess_mortality_dementia(cell) = 1.9;
    rates.excess_mortality_physical_disability_serious(cell) = 1.45;
  }
  for (int value = 0; value < kConditionsValueCount; ++value) {
    const auto c = static_cast<Conditions>(value);
    if (learning_disability(c) == LearningDisability{3} || physical_disability(c) == PhysicalDisability{3}) continue;
    const Conditions representative = conditions_of_mortality_class(kMortalityClassByConditions[c]);
    EXPECT_EQ(mortality_class(representative), mortality_class(c));
    for (int cell = 0; cell < kCellCount; ++cell) {
      ASSERT_EQ(death_probability(c, cell, q, rates), death_probability(representative, cell, q, rates))
          << "conditions " << value << ", cell " << cell;
    }
  }
}

}  // namespace
}  // namespace dayopps::model
