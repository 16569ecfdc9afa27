#include "inputs/loaders/scenario.hpp"

#include <gtest/gtest.h>

#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using testing::expect_input_error;

const char* kMinimal = R"([scenario]
name = "test"
area_code = "E08000025"
base_year = 2022

[run]
replications = 3
master_seed = 7
output_dir = "out"

[inputs]
data_sources = "data/sources.toml"
population_projection = "data/p.csv"
life_table = "/abs/lt.csv"
life_table_period = "2016-2018"
)";

TEST(Scenario, LoadsTheBundledBaseline) {
  const Scenario s = load_scenario(testing::source_dir() / "inputs/scenarios/birmingham-baseline.toml");
  EXPECT_EQ(s.name, "birmingham-baseline");
  EXPECT_EQ(s.area_code, "E08000025");
  EXPECT_EQ(s.base_year, 2022);
  EXPECT_EQ(s.horizon, 2040);
  EXPECT_GE(s.replications, 20);
  EXPECT_EQ(s.population_estimates.size(), 2u);
  EXPECT_TRUE(std::filesystem::exists(s.population_projection)) << s.population_projection;
  EXPECT_FALSE(s.assumptions.empty());
}

TEST(Scenario, DefaultsAndRelativePaths) {
  testing::TempFolder folder;
  const auto file = folder.write("s.toml", kMinimal);
  const Scenario s = load_scenario(file);
  EXPECT_EQ(s.horizon, 2040);
  EXPECT_EQ(s.threads, 0);
  EXPECT_EQ(s.population_projection, folder.path() / "data/p.csv");
  EXPECT_EQ(s.life_table, "/abs/lt.csv");
  EXPECT_EQ(s.output_dir, "out");
}

TEST(Scenario, RejectsTyposWrongTypesRangesAndSyntax) {
  testing::TempFolder folder;
  struct Case {
    std::string from, to;
    long line, column;
    std::string field, message;
  };
  const Case cases[] = {
      {"replications = 3", "replicatons = 3", 7, 1, "run.replicatons", "unknown key (allowed here: replications"},
      {"replications = 3", "replications = \"3\"", 7, 16, "run.replications",
       "expected a whole number, found a string"},
      {"replications = 3", "replications = 0", 7, 16, "run.replications", "0 is out of range (allowed 1 to 10000)"},
      {"replications = 3", "replications = 1000000000", 7, 16, "run.replications", "out of range"},
      {"master_seed = 7", "master_seed = -1", 8, 15, "run.master_seed", "-1 is out of range"},
      {"base_year = 2022", "base_year = 2022\nhorizon = 2010", 5, 11, "scenario.horizon",
       "must not be before base_year 2022"},
      {"name = \"test\"\n", "", 1, 1, "scenario.name", "required key is missing"},
      {"[run]", "[runs]", 6, 2, "runs", "unknown key"},
      {"master_seed = 7", "master_seed = ", 8, 15, "", "TOML syntax error"},
  };
  for (const Case& c : cases) {
    std::string text = kMinimal;
    text.replace(text.find(c.from), c.from.size(), c.to);
    const auto file = folder.write("s.toml", text);
    expect_input_error([&] { load_scenario(file); }, file, c.line, c.column, c.field, c.message);
  }
}

TEST(Scenario, OverridesAreValidatedAndAppearInTheResolvedText) {
  testing::TempFolder folder;
  Scenario s = load_scenario(folder.write("s.toml", kMinimal));
  apply_overrides(s, {.replications = 9, .master_seed = 11, .threads = 2, .horizon = 2030, .output_dir = "elsewhere"});
  EXPECT_EQ(s.replications, 9);
  const std::string resolved = resolved_scenario_toml(s);
  EXPECT_NE(resolved.find("replications = 9"), std::string::npos) << resolved;
  EXPECT_NE(resolved.find("master_seed = 11"), std::string::npos);
  EXPECT_NE(resolved.find("horizon = 2030"), std::string::npos);
  EXPECT_NE(resolved.find("output_dir = 'elsewhere'"), std::string::npos) << resolved;
  ScenarioOverrides no_replications;
  no_replications.replications = 0;
  expect_input_error([&] { apply_overrides(s, no_replications); }, "command line", 0, 0, "--replications", "between 1");
  ScenarioOverrides early_horizon;
  early_horizon.horizon = 2000;
  expect_input_error([&] { apply_overrides(s, early_horizon); }, "command line", 0, 0, "--horizon",
                     "before the base year");
}

}  // namespace
}  // namespace dayopps::inputs
