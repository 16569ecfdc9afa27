#include "inputs/loaders/care_need_parameters.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using testing::expect_input_error;

std::string bundled_text() {
  std::ifstream in(testing::source_dir() / "inputs/parameters/care_need.toml");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

long line_of(const std::string& text, const std::string& needle) {
  const auto at = text.find(needle);
  return 1 + static_cast<long>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(CareNeedParameters, TheBundledFileLoadsWithEveryValueSourced) {
  const CareNeedParameters p = load_care_need_parameters(testing::source_dir() / "inputs/parameters/care_need.toml");
  EXPECT_EQ(p.parameters.size(), 12u);
  EXPECT_DOUBLE_EQ(p.get("dementia_prevalence").value(1, 67), 0.012);  // CFAS II males 65-69
  EXPECT_DOUBLE_EQ(p.get("dementia_prevalence").value(0, 40), 0.0);    // young-onset dementia not modelled
  EXPECT_DOUBLE_EQ(p.get("learning_disability_moderate_severe_excess_mortality").value(0, 30), 3.99);
  for (const auto& [name, parameter] : p.parameters) {
    for (const ParameterBand& b : parameter.bands) {
      EXPECT_FALSE(b.source.empty()) << name;
      if (b.assumption) {
        EXPECT_FALSE(b.derivation.empty()) << name;
      }
    }
  }
}

TEST(CareNeedParameters, RejectsMistakesWithFileLineAndKey) {
  testing::TempFolder folder;
  const std::string good = bundled_text();
  struct Case {
    std::string from, to, needle_for_line, field, message;
  };
  const Case cases[] = {
      {"[parameter.dementia_excess_mortality]",
       "[parameter.dementia_excess_mortalty]\nunit = \"ratio\"\n\n[parameter.dementia_excess_mortality]",
       "dementia_excess_mortalty]", "parameter.dementia_excess_mortalty", "unknown parameter"},
      {"value = 0.333", "value = 33.3", "value = 33.3",
       "parameter.autism_prevalence_with_learning_disability.band.value", "write a percentage such as 45% as 0.45"},
      {"unit = \"proportion of all residents\"", "unit = \"percent\"", "unit = \"percent\"",
       "parameter.learning_disability_moderate_severe_prevalence.unit", "expected 'proportion of all residents'"},
      {"ages = [75, 90]", "ages = [76, 90]", "ages = [76, 90]", "", ""},
      {"  ages = [0, 74]\n  value = 3.99\n  assumption = false",
       "  ages = [0, 74]\n  value = 3.99\n  assumption = true", "", "", ""},
  };
  // 1-3: errors located at the offending key.
  for (std::size_t k = 0; k < 3; ++k) {
    const Case& c = cases[k];
    const std::string text = replace(good, c.from, c.to);
    const auto file = folder.write("p.toml", text);
    try {
      load_care_need_parameters(file);
      ADD_FAILURE() << "accepted: " << c.to;
    } catch (const InputError& e) {
      EXPECT_EQ(e.where().line, line_of(text, c.needle_for_line)) << e.what();
      EXPECT_EQ(e.where().field, c.field) << e.what();
      EXPECT_NE(std::string(e.what()).find(c.message), std::string::npos) << e.what();
    }
  }
  // 4: a gap in the ages.
  const auto gap = folder.write("p.toml", replace(good, cases[3].from, cases[3].to));
  expect_input_error([&] { load_care_need_parameters(gap); }, gap,
                     line_of(replace(good, cases[3].from, cases[3].to), "ages = [76, 90]"), 10,
                     "parameter.learning_disability_moderate_severe_excess_mortality.band.ages",
                     "ages 75-75 are not covered");  // at the ages of the band after the gap
  // 5: an assumption without a derivation.
  const std::string no_derivation = replace(good, cases[4].from, cases[4].to);
  const auto file5 = folder.write("p.toml", no_derivation);
  try {
    load_care_need_parameters(file5);
    ADD_FAILURE() << "accepted an assumption without derivation";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("an assumption must say how its value was derived"), std::string::npos)
        << e.what();
  }
  // 6: a missing parameter.
  std::string missing = good;
  missing = missing.substr(0, missing.find("[parameter.physical_disability_serious_excess_mortality]"));
  const auto file6 = folder.write("p.toml", missing);
  // Reported where the [parameter] table begins (its first sub-table).
  expect_input_error([&] { load_care_need_parameters(file6); }, file6, line_of(missing, "[parameter."), 1, "parameter",
                     "missing [parameter.physical_disability_serious_excess_mortality]");
}

// A band with `area` applies to that area only, replacing the general bands; other areas keep the general ones.
TEST(CareNeedParameters, AnAreasOwnBandsReplaceTheGeneralOnes) {
  const CareNeedParameters all = load_care_need_parameters(testing::source_dir() / "inputs/parameters/care_need.toml");
  const std::string name = "learning_disability_moderate_severe_prevalence";
  const CareNeedParameters birmingham = for_area(all, "E08000025");
  const CareNeedParameters coventry = for_area(all, "E08000026");
  EXPECT_DOUBLE_EQ(birmingham.get(name).value(0, 30), 0.00627);  // QOF 2019-20: 8,083 / 1,288,625
  EXPECT_DOUBLE_EQ(coventry.get(name).value(0, 30), 0.005);      // England's
  ASSERT_EQ(birmingham.get(name).bands.size(), 1u);
  EXPECT_EQ(birmingham.get(name).bands.front().area, "E08000025");
  EXPECT_EQ(coventry.get(name).bands.front().area, "");
  EXPECT_DOUBLE_EQ(birmingham.get("dementia_prevalence").value(1, 67), 0.012);  // no area bands: the general ones

  // An area's bands must tile 0-90 on their own, and name a real ONS code.
  testing::TempFolder folder;
  const std::string good = bundled_text();
  const std::string gap =
      replace(good, "  area = \"E08000025\"\n  ages = [0, 90]", "  area = \"E08000025\"\n  ages = [0, 64]");
  const auto gap_file = folder.write("p.toml", gap);
  try {
    load_care_need_parameters(gap_file);
    ADD_FAILURE() << "accepted an area band that leaves ages 65-90 uncovered";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("ages 65-90 are not covered in area E08000025"), std::string::npos)
        << e.what();
  }
  const std::string bad_code = replace(good, "  area = \"E08000025\"", "  area = \"Birmingham\"");
  const auto bad_file = folder.write("p.toml", bad_code);
  expect_input_error([&] { load_care_need_parameters(bad_file); }, bad_file, line_of(bad_code, "area = \"Birmingham\""),
                     10, "parameter.learning_disability_moderate_severe_prevalence.band.area",
                     "is not an ONS area code");
}

}  // namespace
}  // namespace dayopps::inputs
