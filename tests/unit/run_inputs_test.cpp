#include "inputs/loaders/run_inputs.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "inputs/loaders/care_need_parameters.hpp"

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

// Every care-need parameter must reach the model: change each one in a copy of the file and check the
// derived rates move (a mapping forgotten in the inputs layer would leave them unchanged).
TEST(RunInputs, EveryCareNeedParameterReachesTheModel) {
  const Scenario base = baseline();
  const model::CareNeedRates reference = *load_run_inputs(base).model_inputs.care_need;
  std::ifstream in(base.care_need);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string original = text.str();
  const CareNeedParameters parameters = load_care_need_parameters(base.care_need);
  testing::TempFolder folder;
  for (const auto& [name, parameter] : parameters.parameters) {
    // Replace the value of the parameter's first band by a different valid one.
    const auto header = original.find("[[parameter." + name + ".band]]");
    ASSERT_NE(header, std::string::npos) << name;
    const auto value_at = original.find("value = ", header);
    const auto end = original.find('\n', value_at);
    const double old_value = parameter.bands.front().value;
    const double new_value = old_value > 0.5 ? old_value * 0.9 : old_value + 0.001;
    std::ostringstream edited;
    edited << original.substr(0, value_at) << "value = " << new_value << original.substr(end);
    Scenario changed = base;
    changed.care_need = folder.write("care_need.toml", edited.str());
    const model::CareNeedRates rates = *load_run_inputs(changed).model_inputs.care_need;
    const auto differs = [](const model::RatesByCell& a, const model::RatesByCell& b) { return (a != b).any(); };
    const bool moved =
        differs(rates.learning_disability_mild, reference.learning_disability_mild) ||
        differs(rates.learning_disability_moderate_severe, reference.learning_disability_moderate_severe) ||
        differs(rates.autism_with_learning_disability, reference.autism_with_learning_disability) ||
        differs(rates.autism_without_learning_disability, reference.autism_without_learning_disability) ||
        differs(rates.physical_disability_moderate, reference.physical_disability_moderate) ||
        differs(rates.physical_disability_serious, reference.physical_disability_serious) ||
        differs(rates.dementia, reference.dementia) ||
        differs(rates.excess_mortality_learning_disability_mild, reference.excess_mortality_learning_disability_mild) ||
        differs(rates.excess_mortality_learning_disability_moderate_severe,
                reference.excess_mortality_learning_disability_moderate_severe) ||
        differs(rates.excess_mortality_dementia, reference.excess_mortality_dementia) ||
        differs(rates.excess_mortality_physical_disability_serious,
                reference.excess_mortality_physical_disability_serious) ||
        differs(rates.learning_disability_entry_trend, reference.learning_disability_entry_trend);
    EXPECT_TRUE(moved) << name << " does not reach the model";
  }
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
