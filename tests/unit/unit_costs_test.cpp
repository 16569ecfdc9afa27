// Published unit costs to the model's real-terms cost per user-week, and the cash index: checked against the
// bundled HM Treasury deflator table and PSS EX1 figures by hand.
#include <gtest/gtest.h>

#include "derivation/unit_costs.hpp"
#include "inputs/loaders/finance_tables.hpp"
#include "test_support.hpp"

namespace dayopps {
namespace {

const derivation::DeflatorSeries& deflators() {
  static const derivation::DeflatorSeries series =
      inputs::load_gdp_deflators(testing::bundled_data("uk_gdp_deflator_hmt_december2023_update.csv"));
  return series;
}

TEST(UnitCosts, PriceBaseConversionMatchesTheDeflatorTable) {
  // HM Treasury, December 2023: 2013-14 = 80.886, 2017-18 = 85.656, 2022-23 = 100.
  EXPECT_DOUBLE_EQ(derivation::to_price_base(deflators(), "2013-14", "2022-23"), 100.0 / 80.886);
  EXPECT_DOUBLE_EQ(derivation::to_price_base(deflators(), "2017-18", "2022-23"), 100.0 / 85.656);
  EXPECT_DOUBLE_EQ(derivation::to_price_base(deflators(), "2022-23", "2017-18"), 85.656 / 100.0);
  EXPECT_DOUBLE_EQ(derivation::to_price_base(deflators(), "2022-23", "2022-23"), 1.0);
  EXPECT_EQ(derivation::latest_outturn_year(deflators()), "2022-23");
  // Council-run learning-disability day care, 2013-14: GBP 306.30 a client-week = GBP 378.68 at 2022-23 prices.
  EXPECT_NEAR(306.30 * derivation::to_price_base(deflators(), "2013-14", "2022-23"), 378.68, 0.005);
  EXPECT_THROW(derivation::to_price_base(deflators(), "2023-24", "2022-23"), std::invalid_argument);  // forecast
  EXPECT_THROW(derivation::to_price_base(deflators(), "2013-14", "2030-31"), std::invalid_argument);  // not in it
}

TEST(UnitCosts, CashIndexChainsOutturnThenForecastThenTheStatedRate) {
  const std::vector<std::string> years = {"2023-24", "2024-25", "2028-29", "2029-30", "2030-31"};
  const std::vector<double> index = derivation::cash_index(deflators(), "2022-23", years, 0.02, {});
  const double to_2028 = 1.0610 * 1.0168 * 1.0171 * 1.0162 * 1.0177 * 1.0188;
  EXPECT_NEAR(index[0], 1.0610, 1e-12);
  EXPECT_NEAR(index[1], 1.0610 * 1.0168, 1e-12);
  EXPECT_NEAR(index[2], to_2028, 1e-12);
  EXPECT_NEAR(index[3], to_2028 * 1.02, 1e-12);
  EXPECT_NEAR(index[4], to_2028 * 1.02 * 1.02, 1e-12);
  // A price base in the outturn years chains the outturn ratios first.
  const std::vector<double> from_2017 = derivation::cash_index(deflators(), "2017-18", {"2022-23"}, 0.0, {});
  EXPECT_NEAR(from_2017[0], 100.0 / 85.656, 1e-12);
  // A year's override replaces its change, and only that year's.
  const std::vector<double> overridden =
      derivation::cash_index(deflators(), "2022-23", years, 0.02, {{"2029-30", 0.05}});
  EXPECT_NEAR(overridden[3], to_2028 * 1.05, 1e-12);
  EXPECT_NEAR(overridden[4], to_2028 * 1.05 * 1.02, 1e-12);
  EXPECT_THROW(derivation::cash_index(deflators(), "2023-24", years, 0.0, {}), std::invalid_argument);
}

TEST(UnitCosts, BirminghamsCostsPerServiceAreTheMeanOfThreeYearsAtThePriceBase) {
  const auto published =
      inputs::load_unit_costs(testing::bundled_data("birmingham_pss_ex1_day_care_dp_unit_costs_2009_2014.csv"),
                              "E08000025")
          .costs;
  const std::vector<std::string> years = {"2011-12", "2012-13", "2013-14"};
  const auto derived =
      derivation::derive_unit_costs(published, years, deflators(), "2022-23",
                                    {{model::Service::community, 1.0}, {model::Service::supported_employment, 0.5}});
  const auto real = [&](double a, double b, double c) {
    return (a * derivation::to_price_base(deflators(), "2011-12", "2022-23") +
            b * derivation::to_price_base(deflators(), "2012-13", "2022-23") +
            c * derivation::to_price_base(deflators(), "2013-14", "2022-23")) /
           3.0;
  };
  using model::Service;
  using model::SupportReason;
  const auto cost = [&](Service s, SupportReason r, int age_group) {
    return derived
        .cost_per_week[static_cast<std::size_t>(s)][static_cast<std::size_t>(r)][static_cast<std::size_t>(age_group)];
  };
  // Published GBP per client-week (PSS EX1, Birmingham): learning disability 18-64, own provision and by others.
  EXPECT_NEAR(cost(Service::internal_day_centre, SupportReason::learning_disability, 0), real(317.6, 356.7, 306.3),
              1e-9);
  EXPECT_NEAR(cost(Service::external_day_centre, SupportReason::learning_disability, 0), real(523.4, 413.5, 507.1),
              1e-9);
  EXPECT_NEAR(cost(Service::direct_payment, SupportReason::physical_disability, 0), real(263.7, 270.4, 303.1), 1e-9);
  // Autism is costed as learning disability; everyone 65+ and dementia at any age as older people.
  EXPECT_EQ(cost(Service::internal_day_centre, SupportReason::autism, 0),
            cost(Service::internal_day_centre, SupportReason::learning_disability, 0));
  EXPECT_NEAR(cost(Service::internal_day_centre, SupportReason::learning_disability, 1), real(197.1, 217.9, 205.3),
              1e-9);
  EXPECT_EQ(cost(Service::internal_day_centre, SupportReason::dementia, 0),
            cost(Service::internal_day_centre, SupportReason::dementia, 1));
  // No published figure: a stated multiple of the direct payment of the same client group.
  EXPECT_DOUBLE_EQ(cost(Service::community, SupportReason::learning_disability, 0),
                   cost(Service::direct_payment, SupportReason::learning_disability, 0));
  EXPECT_DOUBLE_EQ(cost(Service::supported_employment, SupportReason::physical_disability, 0),
                   0.5 * cost(Service::direct_payment, SupportReason::physical_disability, 0));
  // A year that is not published is refused, naming it.
  try {
    (void)derivation::derive_unit_costs(published, {"2014-15"}, deflators(), "2022-23",
                                        {{Service::community, 1.0}, {Service::supported_employment, 1.0}});
    FAIL() << "a year without figures was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("2014-15"), std::string::npos) << e.what();
  }
}

TEST(UnitCosts, LoadersRefuseGapsNegativeCostsAndOtherAreas) {
  testing::TempFolder folder;
  const std::string header =
      "period_type,period,gdp_deflator_index,pct_change_on_previous_year,money_gdp_cash_gbp_million_nsa,"
      "money_gdp_cash_gbp_million_sa,status,index_base\n";
  const auto gap = folder.write("gap.csv", header +
                                               "financial_year,2020-21,94.4,,1,1,outturn,2022-23 = 100\n"
                                               "financial_year,2022-23,100.0,6.8,1,1,outturn,2022-23 = 100\n");
  testing::expect_input_error([&] { inputs::load_gdp_deflators(gap); }, gap, 3, 2, "period", "without gaps");
  const auto forecast_first =
      folder.write("forecast.csv",
                   header + "financial_year,2022-23,100.0,,1,1,outturn,x\nfinancial_year,2023-24,,,1,1,forecast,x\n");
  testing::expect_input_error([&] { inputs::load_gdp_deflators(forecast_first); }, forecast_first, 3, 4,
                              "pct_change_on_previous_year", "missing value");

  const std::string cost_header =
      "area_code,area_name,cassr_code,financial_year,service,client_group,age_band,provision,client_count_basis,"
      "quantity,value,value_flag,source_label,repo,path,commit\n";
  const auto negative =
      folder.write("negative.csv", cost_header +
                                       "E08000025,B,406,2013-14,day_care,learning_disability,18-64,own_provision,"
                                       "average_clients_per_week_during_year,unit_cost_gbp,-306.3,,l,r,p,c\n");
  testing::expect_input_error([&] { inputs::load_unit_costs(negative, "E08000025"); }, negative, 2, 11, "value",
                              "below the minimum");
  const auto text =
      folder.write("text.csv", cost_header +
                                   "E08000025,B,406,2013-14,day_care,learning_disability,18-64,own_provision,"
                                   "average_clients_per_week_during_year,unit_cost_gbp,about 300,,l,r,p,c\n");
  testing::expect_input_error([&] { inputs::load_unit_costs(text, "E08000025"); }, text, 2, 11, "value",
                              "is not a number");
  testing::expect_input_error([&] { inputs::load_unit_costs(text, "E08000026"); }, text, 0, 0, "area_code",
                              "no rows for area E08000026");
  testing::expect_input_error([&] { inputs::load_unit_costs(text, "E08000026", "E92000001"); }, text, 0, 0, "area_code",
                              "no rows for area E08000026 nor for E92000001 to fall back on");
  // A council the file lacks is priced at the fallback's (England's) costs.
  const auto bundled = testing::bundled_data("birmingham_pss_ex1_day_care_dp_unit_costs_2009_2014.csv");
  const inputs::AreaUnitCosts england = inputs::load_unit_costs(bundled, "E08000030", "E92000001");
  EXPECT_EQ(england.area_code, "E92000001");
  EXPECT_FALSE(england.costs.empty());
  EXPECT_EQ(inputs::load_unit_costs(bundled, "E08000025", "E92000001").area_code, "E08000025");
}

}  // namespace
}  // namespace dayopps
