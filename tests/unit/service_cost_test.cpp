// Cost by financial year from a replication's users: hand-computed cases (docs/model.md, "Cost").
#include <gtest/gtest.h>

#include "model/service_cost.hpp"

namespace dayopps::model {
namespace {

constexpr double kWeeks = 365.25 / 7.0;
constexpr auto idx(Service s) { return static_cast<std::size_t>(s); }
constexpr auto idx(SupportReason r) { return static_cast<std::size_t>(r); }

CostRates tiny_rates() {
  CostRates rates;
  // [service][reason][age group 18-64, 65+]
  rates.cost_per_week[idx(Service::internal_day_centre)][idx(SupportReason::learning_disability)] = {400.0, 250.0};
  rates.cost_per_week[idx(Service::external_day_centre)][idx(SupportReason::learning_disability)] = {600.0, 90.0};
  rates.cost_per_week[idx(Service::external_day_centre)][idx(SupportReason::dementia)] = {90.0, 90.0};
  rates.cost_per_week[idx(Service::direct_payment)][idx(SupportReason::learning_disability)] = {460.0, 300.0};
  rates.days_per_week.fill(3.0);
  rates.cash_index = {1.0, 1.0};
  return rates;
}

TEST(ServiceCost, HandComputedForATinyPopulationByServiceReasonAgeAndFinancialYear) {
  // Mid-2022: 10 council-centre users with a learning disability aged 30 (female) and 2 aged 70 (male);
  // mid-2023: 12 and 2, plus 5 commissioned-centre users with dementia aged 80; mid-2024: 8 direct payments aged 40.
  CountsTable users = CountsTable::Zero(3, kServiceReasonCellCount);
  const int ld = static_cast<int>(SupportReason::learning_disability);
  const int dementia = static_cast<int>(SupportReason::dementia);
  users(0, service_reason_cell(1, ld, cell_index(0, 30))) = 10;
  users(0, service_reason_cell(1, ld, cell_index(1, 70))) = 2;
  users(1, service_reason_cell(1, ld, cell_index(0, 30))) = 12;
  users(1, service_reason_cell(1, ld, cell_index(1, 70))) = 2;
  users(1, service_reason_cell(2, dementia, cell_index(0, 80))) = 5;
  users(2, service_reason_cell(4, ld, cell_index(0, 40))) = 8;
  const CostRates rates = tiny_rates();
  const Eigen::ArrayXXd cost = service_cost_by_financial_year(users, rates, {}, 2022);
  ASSERT_EQ(cost.rows(), 2);
  ASSERT_EQ(cost.cols(), kServiceCount);
  // 2023-24: a quarter of mid-2022's users, three quarters of mid-2023's.
  const double centre_2022 = 10 * 400.0 + 2 * 250.0, centre_2023 = 12 * 400.0 + 2 * 250.0;
  EXPECT_DOUBLE_EQ(cost(0, 1), (0.25 * centre_2022 + 0.75 * centre_2023) * kWeeks);
  EXPECT_DOUBLE_EQ(cost(0, 2), 0.75 * 5 * 90.0 * kWeeks);
  EXPECT_DOUBLE_EQ(cost(0, 4), 0.0);
  // 2024-25: a quarter of mid-2023's, three quarters of mid-2024's.
  EXPECT_DOUBLE_EQ(cost(1, 1), 0.25 * centre_2023 * kWeeks);
  EXPECT_DOUBLE_EQ(cost(1, 2), 0.25 * 5 * 90.0 * kWeeks);
  EXPECT_DOUBLE_EQ(cost(1, 4), 0.75 * 8 * 460.0 * kWeeks);
  EXPECT_EQ(cost(1, 3), 0.0);
  EXPECT_EQ(cost(1, 5), 0.0);
}

TEST(ServiceCost, TransportIsPaidPerDayAttended) {
  CountsTable users = CountsTable::Zero(2, kServiceReasonCellCount);
  users(0, service_reason_cell(1, 1, cell_index(0, 30))) = 4;
  users(1, service_reason_cell(1, 1, cell_index(0, 30))) = 4;
  CostRates rates = tiny_rates();
  rates.transport_per_day[idx(Service::internal_day_centre)] = 12.5;
  const Eigen::ArrayXXd cost = service_cost_by_financial_year(users, rates, {}, 2022);
  EXPECT_DOUBLE_EQ(cost(0, 1), 4 * (400.0 + 3 * 12.5) * kWeeks);
}

TEST(ServiceCost, MovingKnownUsersBetweenServicesChangesCostByUsersTimesDifferenceTimesWeeks) {
  // The same people in both runs except that 7 adults with a learning disability aged 25 use a commissioned
  // centre instead of a council one at every mid-year: the difference is exact, year by year.
  CountsTable base = CountsTable::Zero(4, kServiceReasonCellCount);
  for (int y = 0; y < 4; ++y) {
    base(y, service_reason_cell(1, 1, cell_index(1, 25))) = 20 + y;
    base(y, service_reason_cell(2, 1, cell_index(1, 25))) = 3;
    base(y, service_reason_cell(1, 4, cell_index(0, 85))) = 6;
  }
  CountsTable moved = base;
  for (int y = 0; y < 4; ++y) {
    moved(y, service_reason_cell(1, 1, cell_index(1, 25))) -= 7;
    moved(y, service_reason_cell(2, 1, cell_index(1, 25))) += 7;
  }
  const CostRates rates = tiny_rates();
  const Eigen::ArrayXXd a = service_cost_by_financial_year(base, rates, {}, 2022);
  const Eigen::ArrayXXd b = service_cost_by_financial_year(moved, rates, {}, 2022);
  for (Eigen::Index fy = 0; fy < a.rows(); ++fy)
    EXPECT_NEAR(b.row(fy).sum() - a.row(fy).sum(), 7 * (600.0 - 400.0) * kWeeks, 1e-6) << fy;
}

TEST(ServiceCost, ClosingACentreReleasesItsRunningCostFromTheClosureDate) {
  // Two centres, 100,000 and 60,000 a year; the second closes at mid-2025 (first mid-year closed).
  std::vector<InternalCentre> centres = {{50, 1900, 9999}, {40, 1900, 2025}};
  CostRates rates = tiny_rates();
  rates.centre_running_cost = {100000.0, 60000.0};
  const std::vector<double> running = centre_running_cost_by_financial_year(rates, centres, 2022, 5);
  ASSERT_EQ(running.size(), 5U);
  EXPECT_DOUBLE_EQ(running[0], 160000.0);                   // 2023-24
  EXPECT_DOUBLE_EQ(running[1], 160000.0);                   // 2024-25
  EXPECT_DOUBLE_EQ(running[2], 100000.0 + 0.25 * 60000.0);  // 2025-26: open April to June 2025
  EXPECT_DOUBLE_EQ(running[3], 100000.0);                   // 2026-27: released in full
  EXPECT_DOUBLE_EQ(running[4], 100000.0);
  // The running cost is part of the council-centre cost of each financial year.
  const CountsTable nobody = CountsTable::Zero(6, kServiceReasonCellCount);
  const Eigen::ArrayXXd cost = service_cost_by_financial_year(nobody, rates, centres, 2022);
  for (Eigen::Index fy = 0; fy < cost.rows(); ++fy)
    EXPECT_DOUBLE_EQ(cost(fy, 1), running[static_cast<std::size_t>(fy)]) << fy;
}

TEST(ServiceCost, ValidateRefusesNegativeCostsAndAShortCashIndex) {
  CostRates rates = tiny_rates();
  EXPECT_NO_THROW(validate(rates, 2022, 2024));
  EXPECT_THROW(validate(rates, 2022, 2025), std::invalid_argument);  // cash index too short
  rates.cost_per_week[1][1][0] = -1.0;
  EXPECT_THROW(validate(rates, 2022, 2024), std::invalid_argument);
  rates = tiny_rates();
  rates.centre_running_cost = {-5.0};
  EXPECT_THROW(validate(rates, 2022, 2024), std::invalid_argument);
  rates = tiny_rates();
  rates.days_per_week[1] = 8;
  EXPECT_THROW(validate(rates, 2022, 2024), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::model
