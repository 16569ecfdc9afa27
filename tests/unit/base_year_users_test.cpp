// The base year's users meet the observed margins exactly, in whole people, in every replication.
#include "model/base_year_users.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>

#include "model/base_population.hpp"
#include "model/services_step.hpp"

namespace dayopps::model {
namespace {

constexpr double kUnobserved = std::numeric_limits<double>::quiet_NaN();

BaseYearUserMargins unobserved() {
  BaseYearUserMargins m;
  m.by_service.fill(kUnobserved);
  for (auto& row : m.by_reason_age) row.fill(kUnobserved);
  m.observed_year = 2019;
  return m;
}

constexpr std::size_t column(Service s) { return static_cast<std::size_t>(s) - 1; }
constexpr std::size_t index(Service s) { return static_cast<std::size_t>(s); }

// Expected users: learning disability (both age groups) and dementia (65+), centres and community.
Table seed() {
  Table t = Table::Zero(kBaseYearRowCount, kBaseYearColumnCount);
  const auto ld_young = base_year_row(SupportReason::learning_disability, 0);
  const auto ld_old = base_year_row(SupportReason::learning_disability, 1);
  const auto dementia_old = base_year_row(SupportReason::dementia, 1);
  t(ld_young, column(Service::internal_day_centre)) = 300.4;
  t(ld_young, column(Service::external_day_centre)) = 250.2;
  t(ld_young, column(Service::community)) = 90.7;
  t(ld_old, column(Service::internal_day_centre)) = 60.1;
  t(ld_old, column(Service::external_day_centre)) = 40.9;
  t(dementia_old, column(Service::internal_day_centre)) = 120.3;
  t(dementia_old, column(Service::external_day_centre)) = 200.6;
  return t;
}

void expect_margins(const IntegerTable& users, const BaseYearUserMargins& m) {
  for (int s = 1; s < kServiceCount; ++s) {
    const double observed = m.by_service[static_cast<std::size_t>(s)];
    if (!std::isnan(observed)) {
      EXPECT_EQ(users.col(s - 1).sum(), std::llround(observed)) << kServiceNames[static_cast<std::size_t>(s)];
    }
  }
  for (int r = 1; r < kSupportReasonCount; ++r) {
    for (int g = 0; g < kAgeGroupCount; ++g) {
      const double observed = m.by_reason_age[static_cast<std::size_t>(r)][static_cast<std::size_t>(g)];
      if (!std::isnan(observed)) {
        EXPECT_EQ(users.row(base_year_row(static_cast<SupportReason>(r), g)).sum(), std::llround(observed));
      }
    }
  }
  EXPECT_TRUE((users >= 0).all());
}

TEST(BaseYearUserTable, ObservedServicesSetTheTotalAndRowsFollowTheModel) {
  BaseYearUserMargins m = unobserved();
  m.by_service[index(Service::internal_day_centre)] = 800;
  m.by_service[index(Service::external_day_centre)] = 800;
  m.by_service[index(Service::community)] = 100;
  m.by_service[index(Service::direct_payment)] = 0;
  m.by_service[index(Service::supported_employment)] = 0;
  const IntegerTable users = base_year_user_table(seed(), m);
  expect_margins(users, m);
  // Rows keep the model's shares of the 1,700 users, within rounding.
  const Table expected = seed();
  for (int row = 0; row < kBaseYearRowCount; ++row) {
    EXPECT_NEAR(static_cast<double>(users.row(row).sum()), expected.row(row).sum() * 1700.0 / expected.sum(), 1.0);
  }
  // Structural zeros stay zero: no dementia users in community services, nobody in unoffered rows.
  EXPECT_EQ(users(base_year_row(SupportReason::dementia, 1), column(Service::community)), 0);
  EXPECT_EQ(users.row(base_year_row(SupportReason::autism, 0)).sum(), 0);
}

TEST(BaseYearUserTable, UnobservedServicesKeepTheModelsExpectation) {
  BaseYearUserMargins m = unobserved();
  m.by_service[index(Service::internal_day_centre)] = 800;
  m.by_service[index(Service::external_day_centre)] = 800;
  const IntegerTable users = base_year_user_table(seed(), m);
  expect_margins(users, m);
  EXPECT_NEAR(static_cast<double>(users.col(column(Service::community)).sum()), 90.7, 0.5);
}

TEST(BaseYearUserTable, BothMarginsObservedAreBothMetExactly) {
  BaseYearUserMargins m = unobserved();
  m.by_service[index(Service::internal_day_centre)] = 500;
  m.by_service[index(Service::external_day_centre)] = 480;
  m.by_service[index(Service::community)] = 70;
  m.by_service[index(Service::direct_payment)] = 0;
  m.by_service[index(Service::supported_employment)] = 0;
  for (int r = 1; r < kSupportReasonCount; ++r) m.by_reason_age[static_cast<std::size_t>(r)] = {0.0, 0.0};
  m.by_reason_age[static_cast<std::size_t>(SupportReason::learning_disability)] = {600.0, 90.0};
  m.by_reason_age[static_cast<std::size_t>(SupportReason::dementia)] = {0.0, 360.0};
  expect_margins(base_year_user_table(seed(), m), m);
}

TEST(BaseYearUserTable, MarginsThatCannotBeMetAreRefused) {
  BaseYearUserMargins apart = unobserved();  // totals differ: 1,000 by service, 1,200 by reason and age
  apart.by_service = {kUnobserved, 500, 500, 0, 0, 0};
  for (int r = 1; r < kSupportReasonCount; ++r) apart.by_reason_age[static_cast<std::size_t>(r)] = {0.0, 0.0};
  apart.by_reason_age[static_cast<std::size_t>(SupportReason::learning_disability)] = {1200.0, 0.0};
  EXPECT_THROW(base_year_user_table(seed(), apart), std::invalid_argument);

  BaseYearUserMargins no_one_expected = unobserved();  // users of a service the model never offers
  no_one_expected.by_service[index(Service::supported_employment)] = 10;
  EXPECT_THROW(base_year_user_table(seed(), no_one_expected), std::invalid_argument);

  BaseYearUserMargins too_many = unobserved();  // more users of one row than the whole service total
  too_many.by_service = {kUnobserved, 100, 100, 0, 0, 0};
  too_many.by_reason_age[static_cast<std::size_t>(SupportReason::dementia)][1] = 500;
  EXPECT_THROW(base_year_user_table(seed(), too_many), std::invalid_argument);
}

// 600 adults with a moderate-severe learning disability aged 30, 200 aged 70, and 300 aged 80 with dementia.
Population base_population() {
  std::array<std::int32_t, kCellCount> cells{};
  cells[static_cast<std::size_t>(cell_index(Sex::female, 30))] = 600;
  cells[static_cast<std::size_t>(cell_index(Sex::male, 70))] = 200;
  cells[static_cast<std::size_t>(cell_index(Sex::female, 80))] = 300;
  Population p = build_population(cells);
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p.age[i] < 80) p.conditions[i] = with_learning_disability(p.conditions[i], LearningDisability::moderate_severe);
    if (p.age[i] == 80) p.conditions[i] = with_dementia(p.conditions[i], true);
  }
  return p;
}

ServiceRates base_rates() {
  ServiceRates r;
  for (auto reason : {SupportReason::learning_disability, SupportReason::dementia})
    r.start_probability[static_cast<std::size_t>(reason)] = RatesByCell::Constant(0.05);
  r.continuation.fill(0.9);
  r.continuation[0] = 0.0;
  for (auto& constants : r.choice_constant) constants.fill(kNotOffered);
  auto& ld = r.choice_constant[static_cast<std::size_t>(SupportReason::learning_disability)];
  ld[index(Service::internal_day_centre)] = 0.0;
  ld[index(Service::external_day_centre)] = 0.0;
  ld[index(Service::community)] = -1.0;
  auto& dementia = r.choice_constant[static_cast<std::size_t>(SupportReason::dementia)];
  dementia[index(Service::internal_day_centre)] = 0.0;
  dementia[index(Service::external_day_centre)] = 0.5;
  r.internal_centres = {{1000, 1900, 9999}};
  return r;
}

std::array<int, kServiceCount> wanted_by_service(const Population& p) {
  std::array<int, kServiceCount> n{};
  for (const auto w : p.wanted) ++n[w];
  return n;
}

TEST(BaseYearUsers, EveryReplicationMeetsTheObservedServicesExactly) {
  ServiceRates rates = base_rates();
  BaseYearUserMargins m = unobserved();
  m.by_service[index(Service::internal_day_centre)] = 250;
  m.by_service[index(Service::external_day_centre)] = 230;
  m.by_service[index(Service::community)] = 40;
  m.by_reason_age[static_cast<std::size_t>(SupportReason::dementia)][1] = 150;
  rates.base_year_users = m;
  for (std::uint32_t replication = 0; replication < 20; ++replication) {
    Population p = base_population();
    ServicesStep step;
    step.assign_at_start(p, rates, {7, replication, 2022});
    const auto wanted = wanted_by_service(p);
    EXPECT_EQ(wanted[index(Service::internal_day_centre)], 250);
    EXPECT_EQ(wanted[index(Service::external_day_centre)], 230);
    EXPECT_EQ(wanted[index(Service::community)], 40);
    int dementia_users = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (has_dementia(p.conditions[i]) && p.wanted[i] != 0) ++dementia_users;
      if (has_dementia(p.conditions[i])) {
        EXPECT_NE(p.wanted[i], static_cast<std::uint8_t>(Service::community));
      }
    }
    EXPECT_EQ(dementia_users, 150);
    EXPECT_EQ(wanted[index(Service::internal_day_centre)], static_cast<int>(step.centre_occupancy()[0]));
  }
}

TEST(BaseYearUsers, WhoUsesWhichServiceChangesWithTheReplicationAndIsReproducible) {
  ServiceRates rates = base_rates();
  BaseYearUserMargins m = unobserved();
  m.by_service[index(Service::internal_day_centre)] = 200;
  m.by_service[index(Service::external_day_centre)] = 200;
  rates.base_year_users = m;
  Population a = base_population(), b = base_population(), c = base_population();
  ServicesStep step;
  step.assign_at_start(a, rates, {7, 0, 2022});
  step.assign_at_start(b, rates, {7, 0, 2022});
  step.assign_at_start(c, rates, {7, 1, 2022});
  EXPECT_EQ(a.wanted, b.wanted);
  EXPECT_NE(a.wanted, c.wanted);
}

TEST(BaseYearUsers, MoreObservedUsersThanPeopleWhoCouldUseTheServiceAreRefused) {
  ServiceRates rates = base_rates();
  BaseYearUserMargins m = unobserved();
  m.by_reason_age[static_cast<std::size_t>(SupportReason::dementia)][1] = 301;  // 300 people have dementia
  m.by_service[index(Service::internal_day_centre)] = 400;
  m.by_service[index(Service::external_day_centre)] = 400;
  m.by_service[index(Service::community)] = 0;
  rates.base_year_users = m;
  Population p = base_population();
  ServicesStep step;
  try {
    step.assign_at_start(p, rates, {7, 0, 2022});
    FAIL() << "expected the margins to be refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("observed in 2019"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace dayopps::model
