#include "inputs/loaders/population_table.hpp"

#include <array>
#include <map>
#include <string_view>
#include <tuple>

#include "inputs/loaders/csv_table.hpp"

namespace dayopps::inputs {

namespace {

constexpr std::array<std::string_view, 7> kProjectionColumns = {"area_code", "area_name", "projection", "sex",
                                                                "age",       "year",      "population"};
constexpr std::array<std::string_view, 6> kEstimateColumns = {"area_code", "area_name", "year",
                                                              "sex",       "age",       "population"};
constexpr std::array<std::string_view, 2> kSexNames = {"female", "male"};
// Years a population table may carry: generous, but catches a typo such as 20300.
constexpr std::int64_t kEarliestYear = 1900;
constexpr std::int64_t kLatestYear = 2200;

struct Record {
  int year;
  int cell;
  double people;
  long line;
};

}  // namespace

PopulationTable load_population_table(const std::filesystem::path& file, PopulationTableLayout layout,
                                      const std::string& expected_area_code) {
  const bool projection = layout == PopulationTableLayout::projection;
  const CsvTable csv(file, projection ? std::span<const std::string_view>(kProjectionColumns)
                                      : std::span<const std::string_view>(kEstimateColumns));
  if (csv.rows().empty()) throw InputError({file, csv.last_line(), 0, {}}, "no data rows");

  PopulationTable table;
  std::vector<Record> records;
  records.reserve(csv.rows().size());
  std::map<std::tuple<int, int>, long> first_seen;  // (year, cell) -> line
  int min_year = static_cast<int>(kLatestYear);
  int max_year = static_cast<int>(kEarliestYear);

  for (const CsvRow& row : csv.rows()) {
    const std::string& area_code = row.text("area_code");
    if (area_code != expected_area_code) {
      throw row.error("area_code", "'" + area_code + "' but the scenario's area is '" + expected_area_code + "'");
    }
    const std::string& area_name = row.text("area_name");
    if (table.area_name.empty()) {
      table.area_name = area_name;
    } else if (area_name != table.area_name) {
      throw row.error("area_name", "'" + area_name + "' differs from '" + table.area_name + "' on earlier rows");
    }
    if (projection) {
      const std::string& variant = row.text("projection");
      if (table.variant.empty()) {
        table.variant = variant;
      } else if (variant != table.variant) {
        throw row.error("projection", "'" + variant + "' differs from '" + table.variant +
                                          "' on earlier rows (one variant per file)");
      }
    }
    const int sex = row.choice("sex", kSexNames);
    const auto age = static_cast<int>(row.integer("age", 0, model::kOpenAgeGroup));
    const auto year = static_cast<int>(row.integer("year", kEarliestYear, kLatestYear));
    const double people = row.number("population", 0.0);
    const int cell = model::cell_index(sex, age);
    const auto [it, inserted] = first_seen.emplace(std::make_tuple(year, cell), row.line());
    if (!inserted) {
      throw row.error("age", "duplicate row for year " + std::to_string(year) + ", " +
                                 std::string(kSexNames[static_cast<std::size_t>(sex)]) + ", age " +
                                 std::to_string(age) + " (first at line " + std::to_string(it->second) + ")");
    }
    records.push_back({year, cell, people, row.line()});
    min_year = std::min(min_year, year);
    max_year = std::max(max_year, year);
  }

  table.area_code = expected_area_code;
  table.first_year = min_year;
  table.people = PeopleByYearCell::Zero(max_year - min_year + 1, model::kCellCount);
  Eigen::Array<bool, Eigen::Dynamic, model::kCellCount, Eigen::RowMajor> present =
      decltype(present)::Constant(max_year - min_year + 1, model::kCellCount, false);
  for (const Record& r : records) {
    table.people(r.year - min_year, r.cell) = r.people;
    present(r.year - min_year, r.cell) = true;
  }
  for (int year = min_year; year <= max_year; ++year) {
    for (int cell = 0; cell < model::kCellCount; ++cell) {
      if (!present(year - min_year, cell)) {
        throw InputError({file, 0, 0, "population"},
                         "missing row for year " + std::to_string(year) + ", " +
                             std::string(kSexNames[static_cast<std::size_t>(model::sex_of_cell(cell))]) + ", age " +
                             std::to_string(model::age_of_cell(cell)) +
                             " (every year in the file needs every sex and age 0-90)");
      }
    }
  }
  return table;
}

}  // namespace dayopps::inputs
