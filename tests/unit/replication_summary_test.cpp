#include "outputs/replication_summary.hpp"

#include <gtest/gtest.h>

namespace dayopps::outputs {
namespace {

// Reference values from numpy.percentile (linear interpolation) on 1..10: p5 = 1.45, p50 = 5.5, p95 = 9.55.
TEST(ReplicationSummary, PercentilesMatchNumpyDefault) {
  const std::vector<double> sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 0.05), 1.45);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 0.50), 5.5);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 0.95), 9.55);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 0.0), 1.0);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(sorted, 1.0), 10.0);
  EXPECT_DOUBLE_EQ(percentile_of_sorted(std::vector<double>{4.0}, 0.95), 4.0);
}

TEST(ReplicationSummary, SummarisesEachCellAcrossReplications) {
  // 3 replications × 2 cells: cell 0 = {5, 1, 3}, cell 1 = {10, 10, 10}.
  const std::vector<std::int32_t> values = {5, 10, 1, 10, 3, 10};
  const std::vector<double> s = summarise_replications(values, 3);
  ASSERT_EQ(s.size(), 8u);
  EXPECT_DOUBLE_EQ(s[0], 3.0);   // mean, cell 0
  EXPECT_DOUBLE_EQ(s[1], 10.0);  // mean, cell 1
  EXPECT_DOUBLE_EQ(s[2], 1.2);   // p05 of {1,3,5}: 1 + 0.1 * 2
  EXPECT_DOUBLE_EQ(s[4], 3.0);   // p50
  EXPECT_DOUBLE_EQ(s[6], 4.8);   // p95: 3 + 0.9 * 2
  EXPECT_DOUBLE_EQ(s[7], 10.0);
  EXPECT_THROW(summarise_replications(values, 4), std::invalid_argument);
}

}  // namespace
}  // namespace dayopps::outputs
