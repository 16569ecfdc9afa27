#include "inputs/loaders/population_table.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "inputs/loaders/data_sources.hpp"
#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using testing::expect_input_error;

// A complete mid-year-estimate file for one year: every sex and age 0..90 with `people` persons.
std::string estimate_csv(int year, double people, const std::string& area = "E08000025",
                         const std::string& name = "Birmingham", bool header = true) {
  std::ostringstream csv;
  if (header) csv << "area_code,area_name,year,sex,age,population\n";
  for (const char* sex : {"male", "female"}) {
    for (int age = 0; age <= 90; ++age)
      csv << area << "," << name << "," << year << "," << sex << "," << age << "," << people << "\n";
  }
  return csv.str();
}

// Replaces the n-th data line (1-based after the header) of a CSV text.
std::string replace_line(const std::string& csv, int data_line, const std::string& replacement) {
  std::istringstream in(csv);
  std::ostringstream out;
  std::string line;
  int n = -1;
  while (std::getline(in, line)) {
    ++n;
    out << (n == data_line ? replacement : line) << "\n";
  }
  return out.str();
}

TEST(PopulationTable, LoadsTheBundledProjection) {
  const auto table = load_population_table(testing::bundled_data("birmingham_snpp2022_population_by_sex_age.csv"),
                                           PopulationTableLayout::projection, "E08000025");
  EXPECT_EQ(table.area_name, "Birmingham");
  EXPECT_EQ(table.first_year, 2022);
  EXPECT_EQ(table.last_year(), 2047);
  EXPECT_NEAR(table.total(2022), 1154221.0, 1e-6);
  EXPECT_NEAR(table.total(2022, 1), 567277.0, 1e-6);
  EXPECT_DOUBLE_EQ(table.people(0, model::cell_index(model::Sex::male, 0)), 7493.0);
  EXPECT_DOUBLE_EQ(table.people(1, model::cell_index(model::Sex::male, 0)), 7241.348);
}

TEST(PopulationTable, LoadsTheBundledEstimatesAndTheirPublishedTotalsAddUp) {
  const DataSources sources = load_data_sources(testing::bundled_data("sources.toml"));
  for (const char* name : {"birmingham_mye_mid2011_by_sex_age.csv", "birmingham_mye_mid2018_by_sex_age.csv"}) {
    const auto file = testing::bundled_data(name);
    const auto table = load_population_table(file, PopulationTableLayout::estimate, "E08000025");
    EXPECT_EQ(table.people.rows(), 1);
    EXPECT_NO_THROW(check_published_totals({table}, file, sources.describe(file), sources.manifest));
  }
}

TEST(PopulationTable, RejectsEachKindOfBadRow) {
  testing::TempFolder folder;
  const std::string good = estimate_csv(2018, 100);
  struct Case {
    int data_line;  // which data row is replaced (file line = data_line + 1)
    std::string replacement;
    long column;
    std::string field, message;
  };
  const Case cases[] = {
      {5, "E09000001,Birmingham,2018,male,4,100", 1, "area_code",
       "'E09000001' but 'Birmingham' is E08000025 on earlier rows (one code per area)"},
      {5, "E08000025,Brum,2018,male,4,100", 2, "area_name", "differs from 'Birmingham'"},
      {1, "E08000025,Birmingham,2018,M,0,100", 4, "sex", "'M' is not one of: female,male"},
      {1, "E08000025,Birmingham,2018,male,91,100", 5, "age", "91 is out of range (expected 0 to 90)"},
      {1, "E08000025,Birmingham,2018,male,-1,100", 5, "age", "out of range"},
      {1, "E08000025,Birmingham,20x8,male,0,100", 3, "year", "'20x8' is not a whole number"},
      {1, "E08000025,Birmingham,2018,male,0,-5", 6, "population", "below the minimum 0"},
      {1, "E08000025,Birmingham,2018,male,0,lots", 6, "population", "'lots' is not a number"},
      {1, "E08000025,Birmingham,2018,male,0,", 6, "population", "missing value"},
      {5, "E08000025,Birmingham,2018,male,1,100", 5, "age",
       "duplicate row for year 2018, male, age 1 (first at line 3)"},
  };
  for (const Case& c : cases) {
    const auto file = folder.write("bad.csv", replace_line(good, c.data_line, c.replacement));
    expect_input_error([&] { load_population_table(file, PopulationTableLayout::estimate, "E08000025"); }, file,
                       c.data_line + 1, c.column, c.field, c.message);
  }
}

TEST(PopulationTable, RejectsMissingCells) {
  testing::TempFolder folder;
  std::string text = estimate_csv(2018, 100);
  const std::string row = "E08000025,Birmingham,2018,female,45,100\n";
  text.erase(text.find(row), row.size());
  const auto lacking = folder.write("lacking.csv", text);
  expect_input_error([&] { load_population_table(lacking, PopulationTableLayout::estimate, "E08000025"); }, lacking, 0,
                     0, "population", "missing row for year 2018, female, age 45");
}

TEST(PopulationTable, RejectsWrongHeaderForTheLayout) {
  testing::TempFolder folder;
  const auto file = folder.write("e.csv", estimate_csv(2018, 100));
  expect_input_error([&] { load_population_table(file, PopulationTableLayout::projection, "E08000025"); }, file, 1, 0,
                     "", "wrong header: expected 'area_code,area_name,projection,sex,age,year,population'");
}

TEST(PopulationTable, PublishedTotalsThatDoNotAddUpAreRejected) {
  testing::TempFolder folder;
  const auto file = folder.write("e.csv", estimate_csv(2018, 100));  // 182 × 100 = 18,200 persons
  const auto manifest = folder.write("sources.toml", R"([[file]]
name = "e.csv"
title = "t"
publisher = "p"
table = "tb"
licence = "OGL"
  [[file.published_total]]
  year = 2018
  persons = 18200
  [[file.published_total]]
  year = 2018
  sex = "female"
  persons = 9000
)");
  const DataSources sources = load_data_sources(manifest);
  const auto table = load_population_table(file, PopulationTableLayout::estimate, "E08000025");
  expect_input_error([&] { check_published_totals({table}, file, sources.describe(file), manifest); }, file, 0, 0,
                     "population", "totals do not add up: 2018 female sums to 9100 but the published total is 9000");
  const auto unknown = folder.path() / "other.csv";
  expect_input_error([&] { sources.describe(unknown); }, manifest, 0, 0, "file.name", "no entry for 'other.csv'");
}

// Two areas in one file (as a region's projection holds them): both read, in file order, each checked whole.
TEST(PopulationTable, ReadsEveryAreaOfAFile) {
  testing::TempFolder folder;
  const std::string two = estimate_csv(2018, 100) + estimate_csv(2018, 50, "E08000029", "Solihull", false);
  const auto file = folder.write("two.csv", two);
  const std::vector<PopulationTable> areas = load_population_areas(file, PopulationTableLayout::estimate);
  ASSERT_EQ(areas.size(), 2u);
  EXPECT_EQ(areas[0].area_code, "E08000025");
  EXPECT_EQ(areas[1].area_name, "Solihull");
  EXPECT_DOUBLE_EQ(areas[0].total(2018), 182 * 100.0);
  EXPECT_DOUBLE_EQ(areas[1].total(2018), 182 * 50.0);
  EXPECT_EQ(&find_area(areas, file, "E08000029"), &areas[1]);
  EXPECT_DOUBLE_EQ(load_population_table(file, PopulationTableLayout::estimate, "E08000029").total(2018, 0), 91 * 50.0);
  expect_input_error([&] { find_area(areas, file, "E08000026"); }, file, 0, 0, "area_code",
                     "no rows for area 'E08000026' (the file holds E08000025 Birmingham, E08000029 Solihull)");
  expect_input_error(
      [&] {
        find_area(areas, file, "E08000026", {"s.toml", 4, 13, "scenario.area_code"});
      },
      "s.toml", 4, 13, "scenario.area_code", "no rows for area 'E08000026' in " + file.string());

  // The second area lacks a cell: the message names the area.
  std::string lacking = two;
  const std::string row = "E08000029,Solihull,2018,female,45,50\n";
  lacking.erase(lacking.find(row), row.size());
  const auto lacking_file = folder.write("lacking.csv", lacking);
  expect_input_error([&] { load_population_areas(lacking_file, PopulationTableLayout::estimate); }, lacking_file, 0, 0,
                     "population", "missing row for area E08000029, year 2018, female, age 45");
  // A known name under a new code is a typo, not a new area.
  const auto typo = folder.write("typo.csv", replace_line(two, 200, "E08000030,Solihull,2018,male,17,50"));
  expect_input_error([&] { load_population_areas(typo, PopulationTableLayout::estimate); }, typo, 201, 1, "area_code",
                     "'E08000030' but 'Solihull' is E08000029 on earlier rows (one code per area)");
}

TEST(PopulationTable, PublishedTotalsOfAManyAreaFileNameTheirArea) {
  testing::TempFolder folder;
  const auto file =
      folder.write("two.csv", estimate_csv(2018, 100) + estimate_csv(2018, 50, "E08000029", "Solihull", false));
  const auto manifest = folder.write("sources.toml", R"([[file]]
name = "two.csv"
title = "t"
publisher = "p"
table = "tb"
licence = "OGL"
  [[file.published_total]]
  area_code = "E08000025"
  year = 2018
  persons = 18200
  [[file.published_total]]
  area_code = "E08000029"
  year = 2018
  sex = "male"
  persons = 4500
)");
  const DataSources sources = load_data_sources(manifest);
  const auto areas = load_population_areas(file, PopulationTableLayout::estimate);
  expect_input_error([&] { check_published_totals(areas, file, sources.describe(file), manifest); }, file, 0, 0,
                     "population",
                     "totals do not add up: E08000029 2018 male sums to 4550 but the published total is 4500");
  const auto unnamed = folder.write("unnamed.toml", R"([[file]]
name = "two.csv"
title = "t"
publisher = "p"
table = "tb"
licence = "OGL"
  [[file.published_total]]
  year = 2018
  persons = 27300
)");
  const DataSources unnamed_sources = load_data_sources(unnamed);
  expect_input_error([&] { check_published_totals(areas, file, unnamed_sources.describe(file), unnamed); }, unnamed, 7,
                     0, "file.published_total.area_code", "the total needs an area_code: two.csv holds 2 areas");
  const auto absent = folder.write("absent.toml", R"([[file]]
name = "two.csv"
title = "t"
publisher = "p"
table = "tb"
licence = "OGL"
  [[file.published_total]]
  area_code = "E08000026"
  year = 2018
  persons = 1
)");
  const DataSources absent_sources = load_data_sources(absent);
  expect_input_error([&] { check_published_totals(areas, file, absent_sources.describe(file), absent); }, absent, 7, 0,
                     "file.published_total.area_code",
                     "'E08000026', but " + file.string() + " has no rows for that area");
  // Each area knows where its rows start, for errors about the area as a whole.
  EXPECT_EQ(areas[0].first_line, 2);
  EXPECT_EQ(areas[1].first_line, 2 + 182);
}

TEST(PopulationTable, TheBundledWestMidlandsFileHoldsBirminghamsProjectionUnchanged) {
  const auto region = load_population_areas(
      testing::bundled_data("west_midlands_met_snpp2022_population_by_sex_age.csv"), PopulationTableLayout::projection);
  ASSERT_EQ(region.size(), 7u);
  const PopulationTable birmingham =
      load_population_table(testing::bundled_data("birmingham_snpp2022_population_by_sex_age.csv"),
                            PopulationTableLayout::projection, "E08000025");
  EXPECT_EQ(region[0].area_code, "E08000025");
  EXPECT_EQ(region[0].first_year, birmingham.first_year);
  EXPECT_TRUE((region[0].people == birmingham.people).all());
  for (const PopulationTable& area : region) {
    EXPECT_EQ(area.first_year, 2022) << area.area_code;
    EXPECT_EQ(area.last_year(), 2047) << area.area_code;
  }
}

}  // namespace
}  // namespace dayopps::inputs
