#pragma once
// Integer counts per age × sex cell, one row per year: the targets the population is built from and
// aligned to, and the shape of every per-replication output table.
#include <Eigen/Core>
#include <cstdint>

#include "model/age_sex.hpp"

namespace dayopps::model {

// Rows are years (first_year + row), columns are cells (see cell_index). Row-major so a year is contiguous.
using CountsByYearCell = Eigen::Array<std::int32_t, Eigen::Dynamic, kCellCount, Eigen::RowMajor>;
using RatesByCell = Eigen::Array<double, 1, kCellCount>;

struct YearCellCounts {
  int first_year = 0;
  CountsByYearCell counts;

  int last_year() const { return first_year + static_cast<int>(counts.rows()) - 1; }
  bool covers(int year) const { return year >= first_year && year <= last_year(); }
  auto year_row(int year) const { return counts.row(year - first_year); }
};

}  // namespace dayopps::model
