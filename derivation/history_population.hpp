#pragma once
// The population of the years before the base year, for fitting day-care histories (docs/model.md, "History
// population"). ONS publishes mid-year estimates for some past years and the projection starts at the base
// year; each cell is taken linear between consecutive published years, and held at the earliest published
// year before it (the assumption history_population_interpolated).
#include <vector>

#include <Eigen/Core>

#include "model/cell_counts.hpp"

namespace dayopps::derivation {

using PeopleRow = Eigen::Array<double, 1, model::kCellCount>;
using PeopleRows = Eigen::Array<double, Eigen::Dynamic, model::kCellCount, Eigen::RowMajor>;

struct PublishedPopulation {
  int year = 0;
  PeopleRow people;  // persons per cell at mid-year
};

// People per cell and mid-year from `first_year` to the projection's last year, in whole persons (each year
// integerised as the projection is). `projection` holds the base year and later. Throws std::invalid_argument
// if first_year is after the base year or an estimate falls in or after it, or two estimates share a year.
model::YearCellCounts history_population(const std::vector<PublishedPopulation>& estimates,
                                         const PeopleRows& projection, int base_year, int first_year);

// The statement of how the years between published ones are obtained, for the results and the fit report.
const char* history_population_assumption();

}  // namespace dayopps::derivation
