#include "inputs/loaders/life_table_file.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using testing::expect_input_error;

TEST(LifeTableFile, LoadsThe2016To2018PeriodFromTheBundledTable) {
  const LifeTable table =
      load_life_table(testing::bundled_data("england_wales_national_life_tables_3year.csv"), "2016-2018");
  EXPECT_EQ(table.area, "England and Wales");
  ASSERT_EQ(table.male.qx.size(), 101u);
  EXPECT_DOUBLE_EQ(table.male.qx[0], 0.004268);  // published qx at age 0, males 2016-2018
  EXPECT_DOUBLE_EQ(table.female.mx[0], 0.003558);
  const model::RatesByCell q = model::annual_death_probability(table.female.columns(), table.male.columns());
  // The open 90+ group lies between the published q at 90 and at 100.
  EXPECT_GT(q(model::cell_index(model::Sex::male, 90)), table.male.qx[90]);
  EXPECT_LT(q(model::cell_index(model::Sex::male, 90)), table.male.qx[100]);
}

std::string table_csv(double qx_at_50) {
  std::ostringstream csv;
  csv << "area,period,sex,age,mx,qx,lx,dx,ex\n";
  for (const char* sex : {"male", "female"}) {
    for (int age = 0; age <= 100; ++age) {
      csv << "E&W,2016-2018," << sex << "," << age << ",0.01," << (age == 50 ? qx_at_50 : 0.01) << ",1000,10,5\n";
    }
  }
  return csv.str();
}

TEST(LifeTableFile, RejectsUnknownPeriodProbabilityAboveOneAndMissingAges) {
  testing::TempFolder folder;
  const auto good = folder.write("good.csv", table_csv(0.01));
  expect_input_error([&] { load_life_table(good, "1999-2001"); }, good, 0, 0, "period",
                     "no rows for period '1999-2001' (the file has: 2016-2018)");
  const auto bad_q = folder.write("q.csv", table_csv(1.5));
  expect_input_error([&] { load_life_table(bad_q, "2016-2018"); }, bad_q, 52, 6, "qx", "at most 1");
  std::string text = table_csv(0.01);
  const std::string row = "E&W,2016-2018,female,77,0.01,0.01,1000,10,5\n";
  text.erase(text.find(row), row.size());
  const auto missing = folder.write("m.csv", text);
  expect_input_error([&] { load_life_table(missing, "2016-2018"); }, missing, 0, 0, "age",
                     "period 2016-2018 has no row for female, age 77");
  const auto dup = folder.write("d.csv", table_csv(0.01) + "E&W,2016-2018,male,3,0.01,0.01,1000,10,5\n");
  expect_input_error([&] { load_life_table(dup, "2016-2018"); }, dup, 204, 4, "age", "duplicate row");
}

}  // namespace
}  // namespace dayopps::inputs
