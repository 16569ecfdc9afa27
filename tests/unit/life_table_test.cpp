#include "model/life_table.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace dayopps::model {
namespace {

struct SyntheticTable {
  std::vector<double> mx, qx, dx;
  LifeTableColumns columns() const { return {mx, qx, dx}; }
};

// Ages 0..100 with mx = 0.01 * (age + 1), qx = mx / (1 + mx / 2), dx = 100 + age.
SyntheticTable synthetic_table() {
  SyntheticTable t;
  for (int age = 0; age <= 100; ++age) {
    const double m = 0.01 * (age + 1);
    t.mx.push_back(m);
    t.qx.push_back(m / (1 + m / 2));
    t.dx.push_back(100.0 + age);
  }
  return t;
}

TEST(LifeTable, OpenGroupUsesStationaryPopulationRate) {
  const SyntheticTable t = synthetic_table();
  double deaths = 0, person_years = 0;
  for (int age = 90; age <= 100; ++age) {
    deaths += t.dx[static_cast<std::size_t>(age)];
    person_years += t.dx[static_cast<std::size_t>(age)] / t.mx[static_cast<std::size_t>(age)];
  }
  EXPECT_DOUBLE_EQ(open_group_death_probability(t.columns()), 1.0 - std::exp(-deaths / person_years));
}

TEST(LifeTable, OpenGroupOfAConstantRateIsThatRate) {
  // With the same m at every age 90+, the open group's rate is m whatever the dx.
  SyntheticTable t = synthetic_table();
  for (int age = 90; age <= 100; ++age) t.mx[static_cast<std::size_t>(age)] = 0.25;
  EXPECT_NEAR(open_group_death_probability(t.columns()), 1.0 - std::exp(-0.25), 1e-15);
}

TEST(LifeTable, CellsTakePublishedQxBelowTheOpenGroup) {
  const SyntheticTable female = synthetic_table();
  SyntheticTable male = synthetic_table();
  for (double& q : male.qx) q *= 1.5;
  const RatesByCell rates = annual_death_probability(female.columns(), male.columns());
  EXPECT_DOUBLE_EQ(rates(cell_index(Sex::female, 0)), female.qx[0]);
  EXPECT_DOUBLE_EQ(rates(cell_index(Sex::female, 89)), female.qx[89]);
  EXPECT_DOUBLE_EQ(rates(cell_index(Sex::male, 45)), male.qx[45]);
  EXPECT_DOUBLE_EQ(rates(cell_index(Sex::male, 90)), open_group_death_probability(male.columns()));
}

TEST(LifeTable, RejectsShortTablesAndZeroRatesInTheOpenGroup) {
  SyntheticTable t = synthetic_table();
  t.mx.resize(60);
  t.dx.resize(60);
  EXPECT_THROW(open_group_death_probability(t.columns()), std::invalid_argument);
  SyntheticTable z = synthetic_table();
  z.mx[95] = 0.0;
  EXPECT_THROW(open_group_death_probability(z.columns()), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
