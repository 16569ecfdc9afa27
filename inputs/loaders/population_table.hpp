#pragma once
// Population by year, sex and single year of age, in the ONS layouts dayopps ships:
//   projection (SNPP): area_code,area_name,projection,sex,age,year,population
//   estimate (MYE):    area_code,area_name,year,sex,age,population
#include <Eigen/Core>
#include <filesystem>
#include <string>
#include <vector>

#include "inputs/loaders/input_error.hpp"
#include "model/age_sex.hpp"

namespace dayopps::inputs {

enum class PopulationTableLayout { projection, estimate };

using PeopleByYearCell = Eigen::Array<double, Eigen::Dynamic, model::kCellCount, Eigen::RowMajor>;

struct PopulationTable {
  std::string area_code;
  std::string area_name;
  std::string variant;  // projection variant name; empty for estimates
  long first_line = 0;  // the line of the area's first row in its file
  int first_year = 0;
  PeopleByYearCell people;  // rows first_year.., columns model::cell_index(sex, age); persons, may be fractional

  int last_year() const { return first_year + static_cast<int>(people.rows()) - 1; }
  double total(int year) const { return people.row(year - first_year).sum(); }
  double total(int year, int sex) const {
    return people.row(year - first_year).segment(sex * model::kAgeCount, model::kAgeCount).sum();
  }
};

// Reads and validates every area of a population file (in the order they first appear): header, sex,
// age 0..90, year, a non-negative population, one name per code and one code per name, one variant per file,
// no duplicate (area, year, sex, age), no missing cell for any year in an area's range. A file may hold one
// area or many (e.g. every council of a region). Throws InputError naming file, line, column and field.
std::vector<PopulationTable> load_population_areas(const std::filesystem::path& file, PopulationTableLayout layout);

// The table of `area_code` among `areas` (read from `file`). Throws InputError at `asked_at` (where the code
// was given: a scenario key or the command line; by default the file) listing the areas the file holds.
const PopulationTable& find_area(const std::vector<PopulationTable>& areas, const std::filesystem::path& file,
                                 const std::string& area_code, const InputLocation& asked_at = {});

// One area of a population file: load_population_areas, then find_area.
PopulationTable load_population_table(const std::filesystem::path& file, PopulationTableLayout layout,
                                      const std::string& expected_area_code);

}  // namespace dayopps::inputs
