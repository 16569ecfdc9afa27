#include "inputs/loaders/run_inputs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using testing::expect_input_error;

Scenario baseline() { return load_scenario(testing::source_dir() / "inputs/scenarios/birmingham-baseline.toml"); }

TEST(RunInputs, BirminghamTargetsAreTheProjectionRoundedToWholePeople) {
  const Scenario scenario = baseline();
  const RunInputs run = load_run_inputs(scenario);
  EXPECT_EQ(run.area_name, "Birmingham");
  EXPECT_EQ(run.model_inputs.people.first_year, 2022);
  EXPECT_EQ(run.model_inputs.people.last_year(), 2040);
  for (int year = 2022; year <= 2040; ++year) {
    const auto row = year - 2022;
    const double published_total = run.projection.people.row(row).sum();
    EXPECT_EQ(run.model_inputs.people.counts.row(row).cast<std::int64_t>().sum(), std::llround(published_total))
        << year;
    EXPECT_TRUE(
        ((run.model_inputs.people.counts.row(row).cast<double>() - run.projection.people.row(row)).abs() < 1.0).all());
  }
  // Scenario, manifest, projection, life table, care-need and day-services parameters and two estimates.
  ASSERT_EQ(run.files.size(), 8u);
  for (const InputFileRecord& f : run.files) EXPECT_EQ(f.sha256.size(), 64u) << f.role;
  EXPECT_EQ(run.files[2].publisher, "Office for National Statistics");
  EXPECT_EQ(run.estimates.size(), 2u);
}

TEST(RunInputs, HorizonBeyondTheProjectionIsRefused) {
  Scenario scenario = baseline();
  scenario.horizon = 2050;
  expect_input_error([&] { load_run_inputs(scenario); }, scenario.file, 0, 0, "scenario.horizon",
                     "2050 is beyond the population projection's last year 2047");
  scenario = baseline();
  scenario.base_year = 2019;
  expect_input_error([&] { load_run_inputs(scenario); }, scenario.file, 0, 0, "scenario.base_year", "not covered");
}

TEST(RunInputs, ATamperedDataFileFailsItsPublishedTotal) {
  testing::TempFolder folder;
  Scenario scenario = baseline();
  // Copy the projection with one base-year cell edited; the manifest's totals must catch it.
  std::ifstream in(scenario.population_projection);
  std::ostringstream text;
  text << in.rdbuf();
  std::string csv = text.str();
  const std::string row = "male,30,2022,";
  const auto at = csv.find(row);
  ASSERT_NE(at, std::string::npos);
  std::ostringstream edited;  // (not string::insert: GCC 12 warns falsely about -Wrestrict there)
  edited << csv.substr(0, at + row.size()) << '1' << csv.substr(at + row.size());  // e.g. 9000 -> 19000
  const auto copy = folder.write("birmingham_snpp2022_population_by_sex_age.csv", edited.str());
  std::filesystem::copy_file(scenario.data_sources, folder.path() / "sources.toml");
  scenario.population_projection = copy;
  scenario.data_sources = folder.path() / "sources.toml";
  expect_input_error([&] { load_run_inputs(scenario); }, copy, 0, 0, "population", "totals do not add up: 2022 male");
}

}  // namespace
}  // namespace dayopps::inputs
