#include <gtest/gtest.h>

#include <stdexcept>

#include "outputs/results_document.hpp"
#include "outputs/results_schema.hpp"

namespace dayopps::outputs {
namespace {

// A (scenario, statistic, financial_year) table read by dimension name gives the row-major element, whatever
// order the names are given in; a missing dimension or a position beyond it is refused.
TEST(NamedValues, ReadsByDimensionNameNotOffset) {
  Group g;
  g.dimensions = {{"scenario", std::vector<std::string>{"base", "a"}, {}},
                  {"statistic", std::vector<std::string>{"mean", "p05", "p50", "p95"}, {}},
                  {"financial_year", std::vector<std::string>{"2023-24", "2024-25", "2025-26"}, {}}};
  std::vector<double> values(2 * 4 * 3);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
  g.variables.push_back({"cost_summary", {"scenario", "statistic", "financial_year"}, values, {}});
  const NamedValues cost(g, "cost_summary");
  EXPECT_EQ(cost({{"scenario", 1}, {"statistic", kP95}, {"financial_year", 2}}), (1 * 4 + 3) * 3 + 2);
  EXPECT_EQ(cost({{"financial_year", 0}, {"scenario", 0}, {"statistic", kMean}}), 0.0);
  EXPECT_THROW(cost({{"scenario", 1}, {"statistic", kMean}}), std::invalid_argument);
  EXPECT_THROW(cost({{"scenario", 2}, {"statistic", kMean}, {"financial_year", 0}}), std::out_of_range);
  EXPECT_THROW(cost({{"scenario", 0}, {"statistic", kMean}, {"year", 0}}), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::outputs

namespace dayopps::outputs {
namespace {

// A document with the root attributes [root] declares for the layout, and nothing else.
ResultsDocument with_root_attributes(const std::string& layout) {
  ResultsDocument d;
  for (const std::string& name : declared_root_attributes(layout)) d.attributes[name] = std::string("x");
  if (layout != "run") d.attributes["layout"] = layout;
  return d;
}

// The root attributes are declared like everything else: an undeclared one, a missing one or an undeclared layout
// is named; a nested run's header group is held to the run's list.
TEST(DeclaredLayout, RootAttributesAreExactlyTheDeclaredOnes) {
  ASSERT_FALSE(declared_root_attributes("run").empty());
  EXPECT_NO_THROW(check_declared_layout(with_root_attributes("run")));
  EXPECT_NO_THROW(check_declared_layout(with_root_attributes("batch")));
  const auto refused = [](const ResultsDocument& d, const std::string& message) {
    try {
      check_declared_layout(d);
      ADD_FAILURE() << "passed, expected: " << message;
    } catch (const std::logic_error& e) {
      EXPECT_NE(std::string(e.what()).find(message), std::string::npos) << e.what();
    }
  };
  ResultsDocument extra = with_root_attributes("run");
  extra.attributes["colour"] = std::string("blue");
  refused(extra, "the root attribute colour is not declared in [root].run");
  ResultsDocument missing = with_root_attributes("run");
  missing.attributes.erase("master_seed");
  refused(missing, "the root lacks the declared attribute master_seed");
  ResultsDocument unknown = with_root_attributes("run");
  unknown.attributes["layout"] = std::string("atlas");
  refused(unknown, "has layout 'atlas', which [root] does not declare");
  ResultsDocument batch = with_root_attributes("batch");
  Group header;
  header.name = "scenarios/baseline";
  header.attributes = with_root_attributes("run").attributes;
  header.attributes.erase("area_name");
  batch.groups.push_back(header);
  refused(batch, "/scenarios/baseline lacks the declared attribute area_name");
}

// The declared layout (outputs/results_schema.toml) accepts what it declares and names what it does not.
TEST(DeclaredLayout, RefusesUndeclaredVariablesDimensionsAndUnits) {
  const auto document = [](const std::string& variable, std::vector<std::string> dims, const std::string& units) {
    ResultsDocument d = with_root_attributes("batch");
    Group g;
    g.name = "scenarios/baseline/population";
    g.dimensions = {{"year", std::vector<std::int32_t>{2022}, {{"units", std::string("year")}}},
                    {"sex", std::vector<std::string>{"female", "male"}, {{"units", std::string("1")}}}};
    g.variables.push_back({variable, std::move(dims), std::vector<double>(2, 1.0), {{"units", units}}});
    d.groups.push_back(std::move(g));
    return d;
  };
  // target_population is declared over (year, sex, age): here two of its dimensions stand for the check.
  EXPECT_THROW(check_declared_layout(document("target_population", {"year", "sex"}, "persons")), std::logic_error);
  try {
    check_declared_layout(document("populaton", {"year", "sex"}, "persons"));
    ADD_FAILURE() << "an undeclared variable passed";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("/scenarios/baseline/population/populaton is not declared"), std::string::npos)
        << e.what();
  }
  ResultsDocument region = with_root_attributes("areas");
  Group g;
  g.name = "region";
  g.dimensions = {{"area", std::vector<std::string>{"E08000025"}, {{"units", std::string("1")}}}};
  g.variables.push_back({"area_name", {"area"}, std::vector<std::string>{"Birmingham"}, {{"units", std::string("1")}}});
  region.groups.push_back(g);
  EXPECT_NO_THROW(check_declared_layout(region));
  region.groups.front().variables.front().attributes["units"] = std::string("persons");
  EXPECT_THROW(check_declared_layout(region), std::logic_error);
}

}  // namespace
}  // namespace dayopps::outputs
