#pragma once
// Population by year, sex and single year of age, in the ONS layouts dayopps ships:
//   projection (SNPP): area_code,area_name,projection,sex,age,year,population
//   estimate (MYE):    area_code,area_name,year,sex,age,population
#include <Eigen/Core>
#include <filesystem>
#include <string>

#include "model/age_sex.hpp"

namespace dayopps::inputs {

enum class PopulationTableLayout { projection, estimate };

using PeopleByYearCell = Eigen::Array<double, Eigen::Dynamic, model::kCellCount, Eigen::RowMajor>;

struct PopulationTable {
  std::string area_code;
  std::string area_name;
  std::string variant;  // projection variant name; empty for estimates
  int first_year = 0;
  PeopleByYearCell people;  // rows first_year.., columns model::cell_index(sex, age); persons, may be fractional

  int last_year() const { return first_year + static_cast<int>(people.rows()) - 1; }
  double total(int year) const { return people.row(year - first_year).sum(); }
  double total(int year, int sex) const {
    return people.row(year - first_year).segment(sex * model::kAgeCount, model::kAgeCount).sum();
  }
};

// Reads and validates: header, area code (must equal expected_area_code), sex, age 0..90, year, a
// non-negative population, no duplicate (year, sex, age), no missing cell for any year in the file's range.
// Throws InputError naming file, line, column and field.
PopulationTable load_population_table(const std::filesystem::path& file, PopulationTableLayout layout,
                                      const std::string& expected_area_code);

}  // namespace dayopps::inputs
