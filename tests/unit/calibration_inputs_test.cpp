// The usage and engagement loaders and the calibrated-parameters file: the bundled file loads, each kind of
// mistake is refused with the file, line and field, and a calibration written is read back exactly.
#include <gtest/gtest.h>

#include "inputs/loaders/calibrated_parameters.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/usage_data.hpp"
#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using inputs::kAll;
using inputs::UsageMeasure;

const std::string kHeader = "area_code,year,measure,service,centre,primary_support_reason,age_band,count,source\n";
const std::vector<std::string> kCentres = {"Alderman Bowen", "Ebrook"};

void expect_error(const std::filesystem::path& file, long line, const std::string& field, const std::string& text) {
  try {
    load_usage_observations(file, "E08000025", kCentres);
    FAIL() << "no error for " << text;
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().line, line) << e.what();
    EXPECT_EQ(e.where().field, field) << e.what();
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();
  }
}

TEST(UsageData, TheBundledBirminghamCountsLoad) {
  const auto o =
      load_usage_observations(testing::bundled_data("birmingham_day_service_users.csv"), "E08000025", kCentres);
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].year, 2019);
  EXPECT_EQ(o[0].measure, UsageMeasure::users);
  EXPECT_EQ(o[0].service, static_cast<int>(model::Service::internal_day_centre));
  EXPECT_EQ(o[0].support_reason, kAll);
  EXPECT_EQ(o[0].count + o[1].count, 1600);
  EXPECT_EQ(o[1].label, "users, external_day_centre, all reasons, all ages");
}

TEST(UsageData, SaltNamesAndOtherAreasAreUnderstood) {
  testing::TempFolder folder;
  const auto file = folder.write("u.csv", kHeader +
                                              "E08000025,2023,users,all,,Learning Disability Support,18 to 64,120,x\n"
                                              "E08000026,2023,users,all,,all,all,999,another council\n"
                                              "E08000025,2023,centre_users,internal_day_centre,Ebrook,all,all,40,x\n"
                                              "E08000025,2024,starters,external_day_centre,,dementia,all,7,x\n");
  const auto o = load_usage_observations(file, "E08000025", kCentres);
  ASSERT_EQ(o.size(), 3u);
  EXPECT_EQ(o[0].support_reason, static_cast<int>(model::SupportReason::learning_disability));
  EXPECT_EQ(o[0].age_group, 0);
  EXPECT_EQ(o[1].centre, 1);
  EXPECT_EQ(o[2].measure, UsageMeasure::starters);
}

TEST(UsageData, MistakesAreRefusedWithLineAndField) {
  testing::TempFolder folder;
  const auto bad = [&](const std::string& row) { return folder.write("bad.csv", kHeader + row + "\n"); };
  expect_error(bad("E08000025,2023,users,day_centre,,all,all,5,x"), 2, "service", "is not a service");
  expect_error(bad("E08000025,2023,users,all,,mental_health,all,5,x"), 2, "primary_support_reason", "not a support");
  expect_error(bad("E08000025,2023,users,all,,all,18-65,5,x"), 2, "age_band", "not an age band");
  expect_error(bad("E08000025,2023,visits,all,,all,all,5,x"), 2, "measure", "is not one of");
  expect_error(bad("E08000025,2023,users,all,,all,all,\"1,234\",x"), 2, "count", "not a whole number");
  expect_error(bad("E08000025,2023,users,all,,all,all,#N/A,x"), 2, "count", "not a whole number");
  expect_error(bad("E08000025,2023,starters,all,,all,65+,5,x"), 2, "age_band", "flows");
  expect_error(bad("E08000025,2023,centre_users,internal_day_centre,Nowhere,all,all,5,x"), 2, "centre",
               "not a council centre");
  expect_error(bad("E08000025,2023,users,all,Ebrook,all,all,5,x"), 2, "centre", "only centre_users");
  expect_error(bad("E08000025,2023,users,all,,all,all,5,"), 2, "source", "missing value");
  expect_error(folder.write("dup.csv", kHeader + "E08000025,2023,users,all,,all,all,5,x\n"
                                                 "E08000025,2023,users,all,,all,all,6,x\n"),
               3, "count", "first on line 2");
  expect_error(folder.write("none.csv", kHeader + "E08000026,2023,users,all,,all,all,5,x\n"), 2, "area_code",
               "no rows for area E08000025");
}

TEST(EngagementTallies, SumByServiceAndCountOtherOptionsApart) {
  testing::TempFolder folder;
  const auto file = folder.write("e.csv",
                                 "source,question,option,group,count\n"
                                 "s,q1,internal_day_centre,carers,10\n"
                                 "s,q1,external_day_centre,carers,5\n"
                                 "s,q2,internal_day_centre,service users,7\n"
                                 "s,q2,something else,service users,4\n");
  inputs::EngagementPrior prior;
  load_engagement_tallies(file, prior);
  EXPECT_EQ(prior.respondents[static_cast<std::size_t>(model::Service::internal_day_centre)], 17);
  EXPECT_EQ(prior.respondents[static_cast<std::size_t>(model::Service::external_day_centre)], 5);
  EXPECT_EQ(prior.respondents_other, 4);
  EXPECT_EQ(prior.total(), 22);
}

// Two inputs as a run would fingerprint them: a TOML table and two usage counts.
std::vector<inputs::InputFingerprint> sample_inputs() {
  inputs::InputFingerprint care_need{"care_need", "care_need.toml", {}};
  care_need.add("parameter.dementia_prevalence.band[1]", "value=f:0.01\n");
  inputs::InputFingerprint usage{"usage_1", "usage.csv", {}};
  usage.add("users, all services, learning_disability, 18-64, 2012", "780", {"usage.csv", 5, 9, "count"});
  usage.add("users, all services, learning_disability, 18-64, 2013", "760", {"usage.csv", 6, 9, "count"});
  return {care_need, usage};
}

CalibratedParametersFile sample_calibration() {
  CalibratedParametersFile f;
  f.area_code = "E08000025";
  f.base_year = 2022;
  f.scenario_name = "birmingham-baseline";
  inputs::record_calibration_inputs(f, sample_inputs());
  f.parameters.estimate = {1.25, 0.9, 0.1, 1.0};
  f.parameters.free = {model::FreeParameter::start_scale, model::FreeParameter::external_choice_constant};
  f.parameters.covariance.resize(2, 2);
  f.parameters.covariance << 0.0016, -0.0001, -0.0001, 0.0025;
  f.standard_errors = {0.05, 0.05};  // 1.25 x sqrt(0.0016) (log scale) and sqrt(0.0025) (identity)
  f.identified = true;
  return f;
}

TEST(CalibratedParameters, WrittenAndReadBackExactly) {
  testing::TempFolder folder;
  const auto file = folder.write("c.toml", calibrated_parameters_toml(sample_calibration()));
  const CalibratedParametersFile f = load_calibrated_parameters(file);
  EXPECT_EQ(f.area_code, "E08000025");
  EXPECT_EQ(f.parameters.estimate, sample_calibration().parameters.estimate);
  EXPECT_EQ(f.parameters.free, sample_calibration().parameters.free);
  EXPECT_TRUE(f.parameters.covariance == sample_calibration().parameters.covariance);
  EXPECT_EQ(f.input_records, sample_calibration().input_records);
  EXPECT_NO_THROW(check_calibration_matches(f, file, "E08000025", 2022, sample_inputs()));
}

TEST(CalibratedParameters, AChangedValueIsNamedAtItsRecordInTheInputFile) {
  testing::TempFolder folder;
  const auto file = folder.write("c.toml", calibrated_parameters_toml(sample_calibration()));
  const CalibratedParametersFile f = load_calibrated_parameters(file);
  std::vector<inputs::InputFingerprint> changed = sample_inputs();
  changed[1].records[1].digest = inputs::record_digest_of("765");
  try {
    check_calibration_matches(f, file, "E08000025", 2022, changed);
    FAIL() << "a changed count was accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where().file, "usage.csv");
    EXPECT_EQ(e.where().line, 6);
    EXPECT_EQ(e.where().column, 9);
    EXPECT_NE(e.problem().find("2013: other values than c.toml was calibrated on (inputs.usage_1)"), std::string::npos)
        << e.problem();
  }
  std::vector<inputs::InputFingerprint> fewer = sample_inputs();
  fewer[1].records.pop_back();
  EXPECT_THROW(check_calibration_matches(f, file, "E08000025", 2022, fewer), InputError);
  // The same records in another order are the same input (a TOML table sorts its keys).
  std::vector<inputs::InputFingerprint> reordered = sample_inputs();
  std::swap(reordered[1].records[0], reordered[1].records[1]);
  EXPECT_NO_THROW(check_calibration_matches(f, file, "E08000025", 2022, reordered));
}

TEST(CalibratedParameters, ForeignTamperedOrTruncatedFilesAreRefused) {
  testing::TempFolder folder;
  const std::string text = calibrated_parameters_toml(sample_calibration());
  const auto file = folder.write("c.toml", text);
  const CalibratedParametersFile f = load_calibrated_parameters(file);
  EXPECT_THROW(check_calibration_matches(f, file, "E08000026", 2022, {}), InputError);
  EXPECT_THROW(check_calibration_matches(f, file, "E08000025", 2023, {}), InputError);
  EXPECT_THROW(check_calibration_matches(f, file, "E08000025", 2022, {sample_inputs()[1]}), InputError);

  const auto edited = [&](const std::string& from, const std::string& to) {
    std::string t = text;
    t.replace(t.find(from), from.size(), to);
    return folder.write("edited.toml", t);
  };
  EXPECT_THROW(load_calibrated_parameters(edited("format_version = 3", "format_version = 2")), InputError);
  EXPECT_THROW(load_calibrated_parameters(edited("estimate = 1.25", "estimate = -1.25")), InputError);
  EXPECT_THROW(load_calibrated_parameters(edited("[[0.0016", "[[-0.0016")), InputError);  // not PSD
  EXPECT_THROW(load_calibrated_parameters(edited("-0.0001], [-0.0001", "-0.0001], [0.0009")),
               InputError);  // asymmetric
  EXPECT_THROW(load_calibrated_parameters(folder.write("cut.toml", text.substr(0, text.size() / 2))), InputError);
  // A file read back must be whole and consistent: a digest deleted or renamed, and every other key checked.
  const std::vector<inputs::InputFingerprint> run_inputs = sample_inputs();
  const std::string usage_digest = run_inputs[1].digest();
  const auto refused = [&](const std::filesystem::path& path, const std::string& message_part) {
    try {
      check_calibration_matches(load_calibrated_parameters(path), path, "E08000025", 2022, run_inputs);
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find(message_part), std::string::npos) << e.what();
      return;
    }
    ADD_FAILURE() << "accepted an edited file; expected: " << message_part;
  };
  refused(edited("usage_1 = '" + usage_digest + "'\n", ""),
          "field 'input_records.usage_1': is not an input of [inputs]");
  refused(edited("usage_1 = ", "usage_2 = "),
          "field 'inputs.usage_2': no [input_records.usage_2] table: the key was renamed");
  refused(edited("usage_1 = ", "usage_2 = '" + std::string(64, 'd') + "'\nusage_1 = "), "no [input_records.usage_2]");
  refused(edited("usage_1 = '" + usage_digest, "usage_1 = '" + std::string(64, 'e')),
          "field 'inputs.usage_1': does not match the records of [input_records.usage_1]");
  refused(edited("identified = true", "identified = false"), "identified");
  refused(edited("identified = true\n", ""), "identified");
  refused(edited("free = true", "free = false"), "free");
  refused(edited("standard_error = 0.05", "standard_error = 0.005"), "standard_error");
  refused(edited("scale = \"log\"", "scale = \"logit\""), "scale");
  refused(edited("unit = 'multiplier", "unit = 'factor"), "unit");
  refused(edited("parameters = [\"start_scale\", \"external_choice_constant\"]",
                 "parameters = [\"start_scale\", \"start_scale\"]"),
          "listed twice");
  std::string synthetic = text;
  synthetic.insert(synthetic.find("usage_1"), "synthetic_truth = '" + std::string(64, '0') + "'\n");
  const auto synthetic_file = folder.write("synthetic.toml", synthetic);
  EXPECT_THROW(
      check_calibration_matches(load_calibrated_parameters(synthetic_file), synthetic_file, "E08000025", 2022, {}),
      InputError);
}

}  // namespace
}  // namespace dayopps::inputs
