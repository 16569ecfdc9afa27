#include "assembly/run_inputs.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "inputs/loaders/care_need_parameters.hpp"
#include "model/base_population.hpp"
#include "model/replication.hpp"

#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using assembly::areas_to_run;
using assembly::InputFileRecord;
using assembly::load_projection_file;
using assembly::load_run_inputs;
using assembly::ProjectionFile;
using assembly::RunInputs;

using testing::expect_input_error;

// The baseline on its derived rates: these tests change inputs the shipped calibration was fitted on.
Scenario baseline() {
  Scenario s = load_scenario(testing::source_dir() / "inputs/scenarios/birmingham-baseline.toml");
  s.calibrated_parameters.clear();
  s.parameter_uncertainty = false;
  return s;
}

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
  // Scenario, manifest, projection, life table, care-need and day-services parameters, the unit costs and the
  // GDP deflator, the two usage files (2019 users, the 2009-2014 day-care history) and two estimates.
  ASSERT_EQ(run.files.size(), 12u);
  EXPECT_EQ(run.files[6].role, "unit_costs");
  EXPECT_EQ(run.files[7].role, "gdp_deflator");
  EXPECT_EQ(run.files[7].publisher, "HM Treasury");
  EXPECT_EQ(run.files[8].role, "usage_1");
  EXPECT_EQ(run.files[8].publisher, "Birmingham City Council");
  EXPECT_EQ(run.files[9].role, "usage_2");
  EXPECT_EQ(run.files[9].publisher, "NHS Information Centre / Health and Social Care Information Centre (HSCIC)");
  EXPECT_EQ(run.usage.size(), 20u);  // 2 in 2019, 3 client groups x 6 years
  for (const InputFileRecord& f : run.files) EXPECT_EQ(f.sha256.size(), 64u) << f.role;
  EXPECT_EQ(run.files[2].publisher, "Office for National Statistics");
  EXPECT_EQ(run.estimates.size(), 2u);
  // base_year_users = "observed": the 2019 users by centre type are margins the base year meets exactly.
  ASSERT_TRUE(run.model_inputs.services->base_year_users.has_value());
  const model::BaseYearUserMargins& margins = *run.model_inputs.services->base_year_users;
  EXPECT_EQ(margins.observed_year, 2019);
  EXPECT_EQ(margins.by_service[static_cast<std::size_t>(model::Service::internal_day_centre)], 800.0);
  EXPECT_EQ(margins.by_service[static_cast<std::size_t>(model::Service::external_day_centre)], 800.0);
  EXPECT_TRUE(std::isnan(margins.by_service[static_cast<std::size_t>(model::Service::community)]));
  const auto named = [&](const std::string& name) {
    return std::any_of(run.assumptions.begin(), run.assumptions.end(), [&](const auto& a) { return a.name == name; });
  };
  EXPECT_TRUE(named("base_year_users"));
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
  // The bands that apply to the scenario's area (its own where care_need.toml gives some).
  const CareNeedParameters parameters = for_area(load_care_need_parameters(base.care_need), base.area_code);
  testing::TempFolder folder;
  for (const auto& [name, parameter] : parameters.parameters) {
    // Replace the value of the parameter's first applicable band by a different valid one.
    std::size_t header = 0;
    for (long line = 1; line < parameter.bands.front().line; ++line) header = original.find('\n', header) + 1;
    ASSERT_NE(original.find("[[parameter." + name + ".band]]", header), std::string::npos) << name;
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

// The same for the day-services groups: change one value of each and check the rates or costs move.
TEST(RunInputs, EveryDayServicesGroupReachesTheModel) {
  const Scenario base = baseline();
  const RunInputs reference = load_run_inputs(base);
  std::ifstream in(base.day_services);
  std::ostringstream text;
  text << in.rdbuf();
  const std::string original = text.str();
  struct Edit {
    std::string from, to;
  };
  const Edit edits[] = {
      {"users = 1600", "users = 1500"},
      {"learning_disability_18_64 = 13423.68805512", "learning_disability_18_64 = 12000"},
      {"values = { internal_day_centre = 0.9,", "values = { internal_day_centre = 0.8,"},
      {"internal_day_centre = 0.5, external_day_centre = 0.5,",
       "internal_day_centre = 0.4, external_day_centre = 0.6,"},
      {"policy = \"wait\"", "policy = \"next_best\""},
      {"name = \"Fairway\"\nplaces = 88", "name = \"Fairway\"\nplaces = 80"},
      {"values = { external_places = -1 }", "values = { external_places = 700 }"},
      {"share_with_family_carer_18_64 = 0.3706", "share_with_family_carer_18_64 = 0.5"},
      {"carer_age_gap = 30", "carer_age_gap = 28"},
      {"carer_breakdown_age = 75", "carer_breakdown_age = 80"},
      {"breakdown_start_multiplier = 1.0", "breakdown_start_multiplier = 1.5"},
      {"values = { internal_day_centre = 3,", "values = { internal_day_centre = 4,"},
      {"years = [\"2011-12\", \"2012-13\", \"2013-14\"]", "years = [\"2013-14\"]"},
      {"values = { community = 1.0,", "values = { community = 0.8,"},
  };
  testing::TempFolder folder;
  for (const Edit& e : edits) {
    const auto at = original.find(e.from);
    ASSERT_NE(at, std::string::npos) << e.from;
    std::string edited = original;
    edited.replace(at, e.from.size(), e.to);
    Scenario changed = base;
    changed.day_services = folder.write("day_services.toml", edited);
    const RunInputs run = load_run_inputs(changed);
    const model::ServiceRates& a = *run.model_inputs.services;
    const model::ServiceRates& b = *reference.model_inputs.services;
    bool moved = a.continuation != b.continuation || a.choice_constant != b.choice_constant ||
                 a.capacity_policy != b.capacity_policy || a.external_places != b.external_places ||
                 a.carer_age_gap != b.carer_age_gap || a.carer_breakdown_age != b.carer_breakdown_age ||
                 a.carer_breakdown_start_multiplier != b.carer_breakdown_start_multiplier ||
                 (a.lives_with_family_carer != b.lives_with_family_carer).any() ||
                 a.transition_at_adulthood != b.transition_at_adulthood;
    for (std::size_t r = 0; r < a.start_probability.size(); ++r)
      moved = moved || (a.start_probability[r] != b.start_probability[r]).any();
    for (std::size_t c = 0; c < a.internal_centres.size(); ++c)
      moved = moved || a.internal_centres[c].places != b.internal_centres[c].places;
    moved = moved || run.model_inputs.costs->cost_per_week != reference.model_inputs.costs->cost_per_week ||
            run.model_inputs.costs->days_per_week != reference.model_inputs.costs->days_per_week ||
            run.model_inputs.costs->cash_index != reference.model_inputs.costs->cash_index;
    EXPECT_TRUE(moved) << "'" << e.to << "' does not reach the model";
  }
}

TEST(RunInputs, HorizonBeyondTheProjectionIsRefused) {
  Scenario scenario = baseline();
  scenario.horizon = 2050;
  // Named at the key that set them (line 9/10 of the baseline), or at the command-line option.
  expect_input_error([&] { load_run_inputs(scenario); }, scenario.file, 10, 11, "scenario.horizon",
                     "2050 is beyond the last year of the population projection of E08000025 Birmingham (2047)");
  ScenarioOverrides command_line;
  command_line.horizon = 2049;
  apply_overrides(scenario, command_line);
  expect_input_error([&] { load_run_inputs(scenario); }, "command line", 0, 0, "--horizon",
                     "2049 is beyond the last year of the population projection of E08000025 Birmingham (2047)");
  scenario = baseline();
  scenario.base_year = 2019;
  expect_input_error([&] { load_run_inputs(scenario); }, scenario.file, 9, 13, "scenario.base_year", "not covered");
}

// The memory check at the edge relies on this estimate: it must be the bytes a replication really holds.
// "All areas" adds the file's areas up in /region, so a total of councils among them (here the region itself,
// as ONS's own files carry it) is refused at its first row rather than counted twice.
TEST(RunInputs, AllAreasTakesCouncilsOnly) {
  Scenario scenario;
  scenario.all_areas = true;
  scenario.population_projection = "wm.csv";
  ProjectionFile projection;
  for (const char* code : {"E08000025", "E06000019", "E07000192", "E09000001"}) {
    projection.areas.emplace_back();
    projection.areas.back().area_code = code;
  }
  EXPECT_EQ(areas_to_run(scenario, projection),
            (std::vector<std::string>{"E08000025", "E06000019", "E07000192", "E09000001"}));
  projection.areas.emplace_back();
  projection.areas.back().area_code = "E12000005";
  projection.areas.back().first_line = 730;
  expect_input_error([&] { areas_to_run(scenario, projection); }, "wm.csv", 730, 0, "area_code",
                     "'E12000005' is not a council's code");
  scenario.all_areas = false;
  scenario.areas = {"E08000025"};
  EXPECT_EQ(areas_to_run(scenario, projection), scenario.areas);
}

// One council of a West Midlands run with services: its own users set its anchor, its council centres (none
// listed) have no limit, its costs are England's, and the figures it borrows from Birmingham are said to be.
TEST(RunInputs, AnotherCouncilGetsItsOwnAnchorNoCentresAndEnglandsCosts) {
  Scenario region = load_scenario(testing::source_dir() / "inputs/scenarios/west-midlands-services.toml");
  region.calibrated_parameters.clear();
  region.parameter_uncertainty = false;
  const ProjectionFile projection = load_projection_file(region);
  const RunInputs walsall = load_run_inputs(scenario_for_area(region, "E08000030"), &projection);
  const RunInputs birmingham = load_run_inputs(scenario_for_area(region, "E08000025"), &projection);
  const auto statement = [](const RunInputs& run, const std::string& name) -> std::string {
    for (const Assumption& a : run.assumptions)
      if (a.name == name) return a.statement;
    return {};
  };
  // Walsall's 2014 day care (PSS EX1): learning disability 18-64 130, physical disability 18-64 40, 65+ 80.
  EXPECT_NE(statement(walsall, "anchor_from_usage").find("observed in 2014: 250 ("), std::string::npos)
      << statement(walsall, "anchor_from_usage");
  EXPECT_TRUE(walsall.model_inputs.services->internal_centres.empty());
  EXPECT_FALSE(statement(walsall, "council_centres_without_capacity_limit").empty());
  EXPECT_FALSE(statement(walsall, "unit_costs_of_E92000001").empty());
  EXPECT_FALSE(statement(walsall, "day_services.user_mix_of_another_council").empty());
  // Walsall's own choice shares ([area.E08000030.choice_shares]: PSS EX1 2013-14, 160 of 300 clients a week in
  // council-run centres) replace Birmingham's.
  EXPECT_TRUE(statement(walsall, "day_services.choice_shares_of_another_council").empty());
  EXPECT_NE(statement(walsall, "day_services.choice_shares").find("160 / 300"), std::string::npos);
  EXPECT_NEAR(std::exp(walsall.model_inputs.services->choice_constant[1][1]), 0.5333, 1e-12);
  EXPECT_TRUE(statement(walsall, "day_services.anchor").empty());
  // Birmingham and Solihull have their own GP-register prevalence; Walsall takes England's, and says so.
  EXPECT_FALSE(statement(walsall, "care_need.learning_disability_moderate_severe_prevalence_general").empty());
  EXPECT_TRUE(statement(birmingham, "care_need.learning_disability_moderate_severe_prevalence_general").empty());
  EXPECT_NE(walsall.model_inputs.costs->cost_per_week, birmingham.model_inputs.costs->cost_per_week);
  // Birmingham keeps its own anchor, centres and costs, and borrows nothing.
  EXPECT_EQ(birmingham.model_inputs.services->internal_centres.size(), 9u);
  for (const Assumption& a : birmingham.assumptions) {
    EXPECT_EQ(a.name.find("_of_another_council"), std::string::npos) << a.name;
    EXPECT_NE(a.name, "anchor_from_usage");
    EXPECT_NE(a.name, "unit_costs_of_E92000001");
  }
  EXPECT_DOUBLE_EQ(birmingham.service_calibration->anchor_users_carried,
                   load_run_inputs(baseline()).service_calibration->anchor_users_carried);
}

// Several areas: a usage file may hold other areas only, but each area needs a history of its own; and each
// area reads its own calibrated parameters.
TEST(RunInputs, EachAreaNeedsItsOwnHistoryAndCalibration) {
  Scenario region = load_scenario(testing::source_dir() / "inputs/scenarios/west-midlands-services.toml");
  const ProjectionFile projection = load_projection_file(region);
  Scenario birmingham_users_only = scenario_for_area(region, "E08000026");
  birmingham_users_only.usage = {testing::bundled_data("birmingham_day_service_users.csv")};
  birmingham_users_only.calibrated_parameters.clear();
  birmingham_users_only.parameter_uncertainty = false;
  expect_input_error([&] { load_run_inputs(birmingham_users_only, &projection); }, region.file, region.usage_at.line,
                     region.usage_at.column, "inputs.usage",
                     "no day-care users of E08000026 Coventry in any of the usage files");
  testing::TempFolder folder;
  Scenario missing = scenario_for_area(region, "E08000026");
  missing.calibrated_parameters = folder.path() / "{area_code}.toml";
  expect_input_error([&] { load_run_inputs(missing, &projection); }, region.file, region.calibrated_parameters_at.line,
                     region.calibrated_parameters_at.column, "inputs.calibrated_parameters",
                     "no calibrated parameters for E08000026 Coventry");
}

TEST(RunInputs, ReplicationOutputBytesAreWhatAReplicationHolds) {
  Scenario scenario = baseline();
  scenario.horizon = scenario.base_year + 3;
  const RunInputs run = load_run_inputs(scenario);
  ASSERT_TRUE(run.model_inputs.services && run.model_inputs.costs);
  const model::ReplicationOutput out =
      model::run_replication(run.model_inputs, model::build_base_population(run.model_inputs), 1, 0);
  const auto bytes = [](const auto& table) { return static_cast<std::size_t>(table.size()) * sizeof(table(0, 0)); };
  const std::size_t held = bytes(out.population.counts) + bytes(out.deaths.counts) + bytes(out.additions.counts) +
                           bytes(out.removals.counts) + bytes(out.people_with_condition) +
                           bytes(out.deaths_with_condition) + bytes(out.service_users) + bytes(out.service_demand) +
                           bytes(out.service_waiting) + bytes(out.service_starters) + bytes(out.service_leavers) +
                           bytes(out.service_user_deaths) + bytes(out.service_user_moves) + bytes(out.centre_users) +
                           bytes(out.service_unmet) + bytes(out.people_affected) + bytes(out.service_cost);
  EXPECT_EQ(model::replication_output_bytes(run.model_inputs), held);
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

TEST(RunInputsLevers, EveryLeverReachesTheModelAndCalibrationIsTheBaselines) {
  const RunInputs base = load_run_inputs(baseline());
  Scenario s = baseline();
  s.levers.new_user_shift = {2023, 2030, 0.5};
  s.levers.voluntary_move = {2024, 2024, 0.02};
  s.levers.onset_reduction = {2024, 2030, 0.1};
  s.levers.learning_disability_survival = {2024, 2030, 0.25};
  s.levers.start_reduction = {2025, 2030, 0.2};
  s.levers.exit_to_independence = {2026, 2026, 0.03};
  s.levers.alternative_shares = {{"community", 0.25}, {"direct_payment", 0.75}};
  ConsolidationLever c;
  c.year = 2025;
  c.close = {"Harborne", "Fairway"};
  c.users = "alternative";
  c.capacity_policy = "next_best";
  c.add_places = {{"Moseley", 30}};
  s.levers.consolidation = c;
  s.levers.costs.cost_per_week = {{"direct_payment", 150.0}};
  s.levers.costs.transport_per_day = {{"internal_day_centre", 12.5}};
  const RunInputs run = load_run_inputs(s);
  const model::ServiceRates& rates = *run.model_inputs.services;
  using model::Service;
  const auto i = [](Service x) { return static_cast<std::size_t>(x); };
  // Calibration is untouched: the start rates are the baseline's.
  for (int r = 0; r < model::kSupportReasonCount; ++r) {
    EXPECT_TRUE((rates.start_probability[static_cast<std::size_t>(r)] ==
                 base.model_inputs.services->start_probability[static_cast<std::size_t>(r)])
                    .all());
  }
  EXPECT_DOUBLE_EQ(rates.levers.new_user_shift.at(2030), 0.5);
  EXPECT_DOUBLE_EQ(rates.levers.voluntary_move.at(2024), 0.02);
  EXPECT_DOUBLE_EQ(run.model_inputs.care_need->onset_reduction.at(2030), 0.1);
  EXPECT_DOUBLE_EQ(run.model_inputs.care_need->learning_disability_survival.at(2030), 0.25);
  EXPECT_DOUBLE_EQ(rates.levers.start_reduction.at(2030), 0.2);
  EXPECT_DOUBLE_EQ(rates.levers.exit_to_independence.at(2026), 0.03);
  EXPECT_DOUBLE_EQ(rates.levers.alternative_shares[i(Service::direct_payment)], 0.75);
  EXPECT_EQ(rates.levers.closure_outcome, model::ClosureOutcome::alternative);
  EXPECT_EQ(rates.capacity_policy, model::CapacityPolicy::next_best);
  // The consolidation's policy acts from its year: until then the scenario is the baseline (policy "wait").
  EXPECT_EQ(rates.capacity_policy_in(2024), model::CapacityPolicy::wait);
  EXPECT_EQ(rates.capacity_policy_in(2025), model::CapacityPolicy::next_best);
  const auto& centres = run.service_parameters->internal_centres;
  for (std::size_t k = 0; k < centres.size(); ++k) {
    const bool closes = centres[k].name == "Harborne" || centres[k].name == "Fairway";
    EXPECT_EQ(rates.internal_centres[k].places_in(2024), centres[k].places) << centres[k].name;
    EXPECT_EQ(rates.internal_centres[k].places_in(2025),
              closes ? 0 : centres[k].places + (centres[k].name == "Moseley" ? 30 : 0))
        << centres[k].name;
  }
  for (const auto& by_age : run.model_inputs.costs->cost_per_week[i(Service::direct_payment)])
    for (const double cost : by_age) EXPECT_DOUBLE_EQ(cost, 150.0);
  EXPECT_EQ(run.model_inputs.costs->cost_per_week[i(Service::external_day_centre)],
            base.model_inputs.costs->cost_per_week[i(Service::external_day_centre)]);
  EXPECT_DOUBLE_EQ(run.model_inputs.costs->transport_per_day[i(Service::internal_day_centre)], 12.5);
  bool consolidation_described = false;
  for (const Assumption& lever : run.levers)
    consolidation_described = consolidation_described || (lever.name == "consolidation" &&
                                                          lever.statement.find("Moseley +30") != std::string::npos);
  EXPECT_TRUE(consolidation_described);
  EXPECT_EQ(run.levers.size(), 10u);  // each lever in use, in words, for the results and the report
}

TEST(RunInputsLevers, AnUnknownCentreIsNamedWithItsLine) {
  Scenario s = baseline();
  ConsolidationLever c;
  c.year = 2025;
  c.close = {"Nowhere House"};
  c.close_at = {s.file, 12, 9, "levers.consolidation.close"};
  s.levers.consolidation = c;
  expect_input_error([&] { load_run_inputs(s); }, s.file, 12, 9, "levers.consolidation.close", "Nowhere House");
}

}  // namespace
}  // namespace dayopps::inputs
