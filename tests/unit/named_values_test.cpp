#include <gtest/gtest.h>

#include <stdexcept>

#include "outputs/results_document.hpp"

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
