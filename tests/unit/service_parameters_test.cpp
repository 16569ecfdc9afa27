#include "inputs/loaders/service_parameters.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "inputs/loaders/csv_table.hpp"
#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

std::string bundled_text() {
  std::ifstream in(testing::source_dir() / "inputs/parameters/day_services.toml");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

long line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(ServiceParameters, TheBundledFileLoads) {
  const ServiceParameters p = load_service_parameters(testing::source_dir() / "inputs/parameters/day_services.toml");
  EXPECT_EQ(p.internal_centres.size(), 9u);
  int places = 0;
  for (const CentreRow& c : p.internal_centres) places += c.places;
  EXPECT_EQ(places, 800);  // half of the 1,600 users of 2019
  EXPECT_EQ(p.group("anchor").values.at("users"), 1600);
  EXPECT_EQ(p.capacity_policy, "wait");
  for (const auto& [name, group] : p.groups) {
    EXPECT_FALSE(group.source.empty()) << name;
    if (group.assumption) {
      EXPECT_FALSE(group.derivation.empty()) << name;
    }
  }
}

// The user mix must be Birmingham's ASC-FR 'Other Long Term Care' spending exactly as in the bundled file.
TEST(ServiceParameters, UserMixEqualsTheAscfrSpending) {
  const ServiceParameters p = load_service_parameters(testing::source_dir() / "inputs/parameters/day_services.toml");
  constexpr std::array<std::string_view, 13> columns = {"area_code",
                                                        "area_name",
                                                        "cassr_code",
                                                        "financial_year",
                                                        "data_level",
                                                        "care_type",
                                                        "age_band",
                                                        "primary_support_reason",
                                                        "support_setting",
                                                        "purpose",
                                                        "carer_support_type",
                                                        "ascfr_uuid",
                                                        "gross_current_expenditure_gbp_thousands"};
  const CsvTable csv(testing::bundled_data("birmingham_ascfr_2017_18_gross_expenditure_by_psr_setting.csv"), columns);
  const std::map<std::pair<std::string, std::string>, std::string> keys = {
      {{"18 to 64", "Learning Disability Support"}, "learning_disability_18_64"},
      {{"65 and Over", "Learning Disability Support"}, "learning_disability_65_over"},
      {{"18 to 64", "Physical Support"}, "physical_disability_18_64"},
      {{"65 and Over", "Physical Support"}, "physical_disability_65_over"},
      {{"18 to 64", "Support with Memory and Cognition"}, "dementia_18_64"},
      {{"65 and Over", "Support with Memory and Cognition"}, "dementia_65_over"}};
  int matched = 0;
  for (const CsvRow& row : csv.rows()) {
    if (row.raw("support_setting") != "Community: Other Long Term Care") continue;
    const auto key = keys.find({row.text("age_band"), row.text("primary_support_reason")});
    if (key == keys.end()) continue;
    EXPECT_DOUBLE_EQ(p.group("user_mix").values.at(key->second),
                     row.number("gross_current_expenditure_gbp_thousands", -1e9));
    ++matched;
  }
  EXPECT_EQ(matched, 6);
}

TEST(ServiceParameters, RejectsMistakesWithFileLineAndKey) {
  testing::TempFolder folder;
  const std::string good = bundled_text();
  struct Case {
    std::string from, to, needle, field, message;
  };
  const Case cases[] = {
      {"internal_day_centre = 0.9,", "internal_day_centre = 90,", "internal_day_centre = 90,",
       "continuation.values.internal_day_centre", "expected a probability per year (0.9, not 90)"},
      {"policy = \"wait\"", "policy = \"queue\"", "policy = \"queue\"", "capacity.policy",
       "'queue' is not one of: wait, next_best"},
      {"name = \"Fairway\"", "name = \"Hockley\"", "name = \"Hockley\"\nplaces = 88", "centre.name", "listed twice"},
      {"[days_per_week]", "[day_per_week]", "[day_per_week]", "day_per_week", "unknown key"},
      {"users = 1600, year = 2019", "users = 1600, yr = 2019", "[anchor]", "anchor.values.yr", "unknown key"},
      {"internal_day_centre = 0.5, external_day_centre = 0.5,", "internal_day_centre = 0.5, external_day_centre = 0.6,",
       "internal_day_centre = 0.5, external_day_centre = 0.6,", "choice_shares.values",
       "the shares add up to 1.1, not 1"},
  };
  for (const Case& c : cases) {
    std::string text = good;
    text.replace(text.find(c.from), c.from.size(), c.to);
    const auto file = folder.write("s.toml", text);
    try {
      load_service_parameters(file);
      ADD_FAILURE() << "accepted: " << c.to;
    } catch (const InputError& e) {
      if (c.field != "anchor.values.yr") {
        EXPECT_EQ(e.where().line, line_of(text, c.needle)) << e.what();
      }
      EXPECT_EQ(e.where().field, c.field) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
}

// Centres belong to a council: another council keeps none (no capacity limit), and an area must be a council.
TEST(ServiceParameters, CentresAndGroupsNameTheirCouncil) {
  const ServiceParameters p = load_service_parameters(testing::source_dir() / "inputs/parameters/day_services.toml");
  EXPECT_EQ(p.group("anchor").area, "E08000025");
  EXPECT_TRUE(p.group("continuation").area.empty());
  EXPECT_EQ(for_area(p, "E08000025").internal_centres.size(), 9u);
  EXPECT_TRUE(for_area(p, "E08000030").internal_centres.empty());
  EXPECT_EQ(p.unit_costs_fallback_area, "E92000001");
  // [area.<code>.<group>]: a council's own group replaces the file's for it alone.
  EXPECT_EQ(p.area_groups.size(), 6u);
  const ServiceParameters walsall_parameters = for_area(p, "E08000030");
  const ValueGroup& walsall = walsall_parameters.group("choice_shares");
  EXPECT_EQ(walsall.area, "E08000030");
  EXPECT_DOUBLE_EQ(walsall.values.at("internal_day_centre"), 0.5333);
  EXPECT_EQ(for_area(p, "E08000025").group("choice_shares").area, "E08000025");
  {
    testing::TempFolder shares_folder;
    std::string shares = bundled_text();
    const std::string from = "internal_day_centre = 0.5333, external_day_centre = 0.4667";
    shares.replace(shares.find(from), from.size(), "internal_day_centre = 0.5333, external_day_centre = 0.5667");
    const auto bad = shares_folder.write("s.toml", shares);
    testing::expect_input_error([&] { load_service_parameters(bad); }, bad,
                                line_of(shares, "external_day_centre = 0.5667"), 10,
                                "area.E08000030.choice_shares.values", "the shares add up to 1.1, not 1");
  }
  testing::TempFolder folder;
  std::string text = bundled_text();
  const std::string from = "area = \"E08000025\"  # Birmingham";
  text.replace(text.find(from), from.size(), "area = \"E12000005\"");
  const auto file = folder.write("s.toml", text);
  testing::expect_input_error([&] { load_service_parameters(file); }, file, line_of(text, "area = \"E12000005\""), 8,
                              "anchor.area", "'E12000005' is not a council's ONS code");
}

}  // namespace
}  // namespace dayopps::inputs
