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
      {"master_seed = 7", "master_seed = 7\nbase_year_users = \"counted\"", 9, 19, "run.base_year_users",
       "expected \"observed\" or \"model\", found \"counted\""},
      {"master_seed = 7", "master_seed = 7\nbase_year_users = \"observed\"", 9, 19, "run.base_year_users",
       "\"observed\" needs inputs.usage"},
      {"area_code = \"E08000025\"", "area_code = \"E08000025\"\nareas = [\"E08000029\"]", 4, 9, "scenario.areas",
       "give area_code (one area) or areas (several), not both"},
      {"area_code = \"E08000025\"", "areas = \"every\"", 3, 9, "scenario.areas",
       "expected \"all\" or a list of area codes"},
      {"area_code = \"E08000025\"", "areas = []", 3, 9, "scenario.areas", "name at least one area code"},
      {"area_code = \"E08000025\"", "areas = [\"Birmingham\"]", 3, 9, "scenario.areas",
       "'Birmingham' is not an ONS area code such as E08000025"},
      {"area_code = \"E08000025\"", "areas = [\"E08000025\", \"E12000005\"]", 3, 9, "scenario.areas",
       "'E12000005' is not a council's code (E06, E07, E08, E09, W06, S12 or N09)"},
  };
  for (const Case& c : cases) {
    std::string text = kMinimal;
    text.replace(text.find(c.from), c.from.size(), c.to);
    const auto file = folder.write("s.toml", text);
    expect_input_error([&] { load_scenario(file); }, file, c.line, c.column, c.field, c.message);
  }
}

ScenarioOverrides areas_override(const std::string& areas) {
  ScenarioOverrides overrides;
  overrides.areas = areas;
  return overrides;
}

TEST(Scenario, SeveralAreasFromTheFileOrTheCommandLine) {
  testing::TempFolder folder;
  std::string text = kMinimal;
  const std::string one = "area_code = \"E08000025\"";
  text.replace(text.find(one), one.size(), "areas = [\"E08000025\", \"E08000029\"]");
  const Scenario listed = load_scenario(folder.write("s.toml", text));
  EXPECT_TRUE(listed.multi_area());
  EXPECT_EQ(listed.areas, (std::vector<std::string>{"E08000025", "E08000029"}));
  EXPECT_TRUE(listed.area_code.empty());
  const Scenario solihull = scenario_for_area(listed, "E08000029");
  EXPECT_FALSE(solihull.multi_area());
  EXPECT_EQ(solihull.area_code, "E08000029");
  const std::string resolved = resolved_scenario_toml(solihull);
  EXPECT_NE(resolved.find("area_code = 'E08000029'"), std::string::npos) << resolved;
  EXPECT_EQ(resolved.find("areas"), std::string::npos) << resolved;

  Scenario all = load_scenario(folder.write("s.toml", kMinimal));
  apply_overrides(all, areas_override("all"));
  EXPECT_TRUE(all.all_areas);
  EXPECT_NE(resolved_scenario_toml(all).find("areas = 'all'"), std::string::npos);
  Scenario two = load_scenario(folder.write("s.toml", kMinimal));
  apply_overrides(two, areas_override("E08000026,E08000027"));
  EXPECT_EQ(two.areas, (std::vector<std::string>{"E08000026", "E08000027"}));
  EXPECT_EQ(two.area_code_at.field, "--areas");
  Scenario bad = load_scenario(folder.write("s.toml", kMinimal));
  expect_input_error([&] { apply_overrides(bad, areas_override("E08000026,e8")); }, "command line", 0, 0, "--areas",
                     "'e8' is not an ONS area code");
}

// area_code and areas are one choice: a child scenario's replaces its parent's, whichever spelling each uses.
TEST(ScenarioInheritance, AChildsAreasReplaceItsParentsAreaCode) {
  testing::TempFolder folder;
  folder.write("parent.toml", kMinimal);
  const Scenario region = load_scenario(folder.write("region.toml", R"([scenario]
name = "region"
inherits = "parent.toml"
areas = ["E08000025", "E08000029"]
)"));
  EXPECT_EQ(region.areas, (std::vector<std::string>{"E08000025", "E08000029"}));
  EXPECT_TRUE(region.area_code.empty());
  const Scenario one = load_scenario(folder.write("one.toml", R"([scenario]
name = "one"
inherits = "region.toml"
area_code = "E08000029"
)"));
  EXPECT_FALSE(one.multi_area());
  EXPECT_EQ(one.area_code, "E08000029");
}

// Day-services inputs describe one council: a multi-area scenario refuses them rather than copy them to every area.
TEST(Scenario, SeveralAreasNeedEachAreasOwnCalibratedParameters) {
  // The Birmingham baseline's calibrated parameters are one area's fit: refused for several areas.
  Scenario baseline = load_scenario(testing::source_dir() / "inputs/scenarios/birmingham-baseline.toml");
  expect_input_error([&] { apply_overrides(baseline, areas_override("all")); }, "command line", 0, 0, "--areas",
                     "the scenario's inputs.calibrated_parameters names one file, but each area has its own fit");
  // Without them (--calibration none), its services run in every area.
  Scenario derived = load_scenario(testing::source_dir() / "inputs/scenarios/birmingham-baseline.toml");
  ScenarioOverrides none = areas_override("all");
  none.calibrated_parameters = "none";
  apply_overrides(derived, none);
  EXPECT_TRUE(derived.all_areas);
  EXPECT_FALSE(derived.day_services.empty());
  // The shipped West Midlands scenario names each area's file through {area_code}.
  const Scenario region = load_scenario(testing::source_dir() / "inputs/scenarios/west-midlands-services.toml");
  EXPECT_EQ(region.areas.size(), 7u);
  const Scenario walsall = scenario_for_area(region, "E08000030");
  EXPECT_TRUE(walsall.one_of_areas);
  EXPECT_EQ(area_calibrated_parameters(walsall).filename(), "E08000030_calibrated_parameters.toml");
  // Engagement tallies name no area: refused, at the key's line.
  testing::TempFolder folder;
  std::string text = std::string(kMinimal) + "engagement = [\"data/e.csv\"]\n";
  const std::string one = "area_code = \"E08000025\"";
  text.replace(text.find(one), one.size(), "areas = \"all\"");
  const auto file = folder.write("s.toml", text);
  expect_input_error([&] { load_scenario(file); }, file, 16, 14, "inputs.engagement",
                     "engagement tallies name no area");
}

// Levers for every area ([levers]) or for one ([area.<code>.levers], in place of [levers] for it).
TEST(Scenario, LeversForAllAreasOrPerArea) {
  testing::TempFolder folder;
  std::string text = std::string(kMinimal) +
                     "[levers.start_reduction]\nstart_year = 2024\nfull_year = 2030\nvalue = 0.1\n"
                     "[area.E08000026.levers.start_reduction]\nstart_year = 2025\nfull_year = 2025\nvalue = 0.2\n";
  const std::string one = "area_code = \"E08000025\"";
  text.replace(text.find(one), one.size(), "areas = [\"E08000025\", \"E08000026\"]");
  const Scenario s = load_scenario(folder.write("s.toml", text));
  EXPECT_DOUBLE_EQ(scenario_for_area(s, "E08000025").levers.start_reduction.full_value, 0.1);
  const Scenario coventry = scenario_for_area(s, "E08000026");
  EXPECT_DOUBLE_EQ(coventry.levers.start_reduction.full_value, 0.2);
  EXPECT_EQ(coventry.levers.start_reduction.start_year, 2025);
  // An area the scenario does not run is refused at its key.
  std::string other = text;
  other.replace(other.find("[area.E08000026.levers"), 22, "[area.E08000027.levers");
  const auto file = folder.write("other.toml", other);
  expect_input_error([&] { load_scenario(file); }, file, 20, 7, "area.E08000027",
                     "'E08000027' is not one of the scenario's areas");
}

TEST(Scenario, OverridesAreValidatedAndAppearInTheResolvedText) {
  testing::TempFolder folder;
  Scenario s = load_scenario(folder.write("s.toml", kMinimal));
  apply_overrides(s, {.replications = 9,
                      .master_seed = 11,
                      .threads = 2,
                      .horizon = 2030,
                      .output_dir = "elsewhere",
                      .calibrated_parameters = {},
                      .parameter_uncertainty = false,
                      .areas = {}});
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

TEST(ScenarioInheritance, AChildOverridesWhatItStatesAndKeepsTheRest) {
  testing::TempFolder folder;
  std::filesystem::create_directories(folder.path() / "base");
  folder.write("base/parent.toml", std::string(kMinimal) + R"(
[[assumption]]
name = "parent_gap"
statement = "stated by the parent"
)");
  const auto child = folder.write("child.toml", R"([scenario]
name = "child"
inherits = "base/parent.toml"
horizon = 2030

[run]
replications = 5

[levers.start_reduction]
start_year = 2024
full_year = 2027
value = 0.2

[finance]
discount_rate = 0.015

[[assumption]]
name = "child_gap"
statement = "stated by the child"
)");
  const Scenario s = load_scenario(child);
  EXPECT_EQ(s.name, "child");
  EXPECT_EQ(s.description, "");  // not inherited: the child describes itself
  EXPECT_EQ(s.inherits, (folder.path() / "base/parent.toml").lexically_normal());
  EXPECT_EQ(s.horizon, 2030);
  EXPECT_EQ(s.replications, 5);
  EXPECT_EQ(s.master_seed, 7u);  // inherited
  // Inherited relative paths stay relative to the parent's folder.
  EXPECT_EQ(s.population_projection, std::filesystem::absolute(folder.path() / "base/data/p.csv").lexically_normal());
  ASSERT_EQ(s.assumptions.size(), 2u);
  EXPECT_EQ(s.assumptions[0].name, "parent_gap");
  EXPECT_EQ(s.assumptions[1].name, "child_gap");
  EXPECT_DOUBLE_EQ(s.levers.start_reduction.full_value, 0.2);
  EXPECT_EQ(s.levers.start_reduction.start_year, 2024);
  EXPECT_EQ(s.levers.start_reduction.full_year, 2027);
  EXPECT_DOUBLE_EQ(s.finance.discount_rate, 0.015);
  EXPECT_EQ(s.finance.cumulative_to_year, 2030);
  EXPECT_NE(resolved_scenario_toml(s).find("merged over"), std::string::npos);
}

TEST(ScenarioInheritance, TheShippedScenariosLoadAndInheritTheBaseline) {
  for (const char* name : {"birmingham-2018-gradual-shift.toml", "birmingham-2024-consolidation.toml",
                           "birmingham-prevention.toml", "birmingham-identical-to-baseline.toml"}) {
    const Scenario s = load_scenario(testing::source_dir() / "inputs/scenarios" / name);
    EXPECT_EQ(s.inherits.filename(), "birmingham-baseline.toml") << name;
    EXPECT_EQ(s.base_year, 2022) << name;
    EXPECT_TRUE(std::filesystem::exists(s.day_services)) << name;
    EXPECT_DOUBLE_EQ(s.finance.discount_rate, 0.035) << name;
  }
}

TEST(ScenarioInheritance, ErrorsNameTheFileLineAndKey) {
  testing::TempFolder folder;
  folder.write("parent.toml", kMinimal);
  const auto missing = folder.write("missing.toml", "[scenario]\nname = \"m\"\ninherits = \"nowhere.toml\"\n");
  expect_input_error([&] { load_scenario(missing); }, missing, 3, 12, "scenario.inherits", "cannot open");
  const auto loop = folder.write("loop.toml", "[scenario]\nname = \"l\"\ninherits = \"loop.toml\"\n");
  expect_input_error([&] { load_scenario(loop); }, loop, 3, 12, "scenario.inherits", "inheritance deeper");
  const auto typo = folder.write("typo.toml",
                                 "[scenario]\nname = \"t\"\ninherits = \"parent.toml\"\n\n"
                                 "[levers.voluntary_move]\nstart_year = 2024\nvalu = 0.1\n");
  expect_input_error([&] { load_scenario(typo); }, typo, 7, 1, "levers.voluntary_move.valu", "unknown key");
  const auto range = folder.write("range.toml",
                                  "[scenario]\nname = \"r\"\ninherits = \"parent.toml\"\n\n"
                                  "[levers.new_user_shift]\nstart_year = 2024\nvalue = 1.5\n"
                                  "[levers.alternative_shares]\ncommunity = 1.0\n");
  expect_input_error([&] { load_scenario(range); }, range, 7, 9, "levers.new_user_shift.value", "out of range");
  const auto shares = folder.write("shares.toml",
                                   "[scenario]\nname = \"s\"\ninherits = \"parent.toml\"\n\n"
                                   "[levers.voluntary_move]\nstart_year = 2024\nvalue = 0.1\n");
  expect_input_error([&] { load_scenario(shares); }, shares, 5, 1, "levers.voluntary_move", "alternative_shares");
  const auto sum = folder.write("sum.toml",
                                "[scenario]\nname = \"s\"\ninherits = \"parent.toml\"\n\n"
                                "[levers.alternative_shares]\ncommunity = 0.5\ndirect_payment = 0.4\n");
  expect_input_error([&] { load_scenario(sum); }, sum, 5, 1, "levers.alternative_shares", "add up to 1");
  const auto users = folder.write("users.toml",
                                  "[scenario]\nname = \"u\"\ninherits = \"parent.toml\"\n\n"
                                  "[levers.consolidation]\nyear = 2025\nclose = [\"A\"]\n"
                                  "users = \"evict\"\n");
  expect_input_error([&] { load_scenario(users); }, users, 8, 9, "levers.consolidation.users", "reprovision");
  const auto name = folder.write("name.toml", "[scenario]\nname = \"a/b\"\ninherits = \"parent.toml\"\n");
  expect_input_error([&] { load_scenario(name); }, name, 2, 8, "scenario.name", "letters, digits");
}

}  // namespace
}  // namespace dayopps::inputs
