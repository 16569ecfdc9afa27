#include "inputs/loaders/population_table.hpp"

#include <cmath>
#include <iomanip>
#include <sstream>

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

// One area's rows while the file is read.
struct AreaRows {
  PopulationTable table;
  std::vector<Record> records;
  std::map<std::tuple<int, int>, long> first_seen;  // (year, cell) -> line
  int min_year = static_cast<int>(kLatestYear);
  int max_year = static_cast<int>(kEarliestYear);
};

// Limits of a plausible population table, far outside what any English council's ONS figures show (the
// bundled files: a cell holds at most 1.7% of its area, changes by at most x1.41 a year, the total by 4.7%). A
// value a spreadsheet's thousands separator multiplied by 1,000, or a typo of 1e300, breaks them.
constexpr double kMaxCellShare = 0.10;      // of the area's people in that year
constexpr double kMaxCellChange = 3.0;      // ratio to the same sex and age a year before or after ...
constexpr double kCellChangeFloor = 100.0;  // ... when either year holds at least this many people
constexpr double kMaxTotalChange = 0.25;    // relative change of the area's total from one year to the next
constexpr double kMaxAreaPeople = 2.0e8;    // more than any country's population in the file's layout

// Checks every year, not only those with a published total, so a value out by orders of magnitude is refused
// where it was written rather than passed to the model.
void check_plausible(const AreaRows& area, const std::filesystem::path& file, long population_column) {
  const PopulationTable& table = area.table;
  const auto line_of = [&](int year, int cell) {
    const auto found = area.first_seen.find(std::make_tuple(year, cell));
    return found == area.first_seen.end() ? 0L : found->second;
  };
  const auto where = [&](int year, int cell) {
    return std::string(kSexNames[static_cast<std::size_t>(model::sex_of_cell(cell))]) + ", age " +
           std::to_string(model::age_of_cell(cell)) + ", " + std::to_string(year);
  };
  const auto fail = [&](int year, int cell, const std::string& problem) {
    throw InputError({file, line_of(year, cell), population_column, "population"},
                     problem + " (" + where(year, cell) + ")");
  };
  const auto text = [](double x) {  // whole people as printed in the file's terms, never 8.11041e+06
    x += 0.0;                       // a negative zero prints as 0
    std::ostringstream out;
    if (std::abs(x) < 1e12) {
      out << std::fixed << std::setprecision(x == std::round(x) ? 0 : 1) << x;
    } else {
      out << x;
    }
    return out.str();
  };
  for (int y = 0; y < table.people.rows(); ++y) {
    const int year = table.first_year + y;
    const double total = table.people.row(y).sum();
    if (!(total <= kMaxAreaPeople)) {
      Eigen::Index cell = 0;
      table.people.row(y).maxCoeff(&cell);
      fail(year, static_cast<int>(cell), "the area's total of " + text(total) + " people is implausible");
    }
    for (int cell = 0; cell < model::kCellCount; ++cell) {
      const double people = table.people(y, cell);
      if (total > 0.0 && people > kMaxCellShare * total)
        fail(year, cell,
             text(people) + " people is " + text(std::round(1000.0 * people / total) / 10.0) + "% of the area's " +
                 text(std::round(total)) + " in that year: implausible for one sex and age (a thousands separator?)");
      if (y > 0) {
        const double before = table.people(y - 1, cell);
        const double larger = std::max(people, before), smaller = std::min(people, before);
        if (larger >= kCellChangeFloor && larger > kMaxCellChange * smaller)
          fail(year, cell,
               text(people) + " people against " + text(before) + " the year before: a change of more " + "than x" +
                   text(kMaxCellChange) + " is implausible");
      }
    }
    if (y > 0) {
      const double before = table.people.row(y - 1).sum();
      if (before > 0.0 && std::abs(total / before - 1.0) > kMaxTotalChange) {
        Eigen::Index cell = 0;
        (table.people.row(y) - table.people.row(y - 1)).abs().maxCoeff(&cell);
        fail(year, static_cast<int>(cell),
             "the area's total changes from " + text(std::round(before)) + " to " + text(std::round(total)) +
                 " in a year: implausible");
      }
    }
  }
}

// Fills the area's year × cell table; every year of its range needs every sex and age.
PopulationTable complete(AreaRows& area, const std::filesystem::path& file, bool several_areas,
                         long population_column) {
  PopulationTable& table = area.table;
  const int min_year = area.min_year, max_year = area.max_year;
  table.first_year = min_year;
  table.people = PeopleByYearCell::Zero(max_year - min_year + 1, model::kCellCount);
  Eigen::Array<bool, Eigen::Dynamic, model::kCellCount, Eigen::RowMajor> present =
      decltype(present)::Constant(max_year - min_year + 1, model::kCellCount, false);
  for (const Record& r : area.records) {
    table.people(r.year - min_year, r.cell) = r.people;
    present(r.year - min_year, r.cell) = true;
  }
  for (int year = min_year; year <= max_year; ++year) {
    for (int cell = 0; cell < model::kCellCount; ++cell) {
      if (!present(year - min_year, cell)) {
        throw InputError({file, 0, 0, "population"},
                         "missing row for " + (several_areas ? "area " + table.area_code + ", " : std::string()) +
                             "year " + std::to_string(year) + ", " +
                             std::string(kSexNames[static_cast<std::size_t>(model::sex_of_cell(cell))]) + ", age " +
                             std::to_string(model::age_of_cell(cell)) +
                             " (every year in the file needs every sex and age 0-90)");
      }
    }
  }
  check_plausible(area, file, population_column);
  return std::move(table);
}

}  // namespace

std::vector<PopulationTable> load_population_areas(const std::filesystem::path& file, PopulationTableLayout layout) {
  const bool projection = layout == PopulationTableLayout::projection;
  // The population is the last field of both layouts: where a refusal found only once the table is whole points.
  const long population_column =
      projection ? static_cast<long>(kProjectionColumns.size()) : static_cast<long>(kEstimateColumns.size());
  const CsvTable csv(file, projection ? std::span<const std::string_view>(kProjectionColumns)
                                      : std::span<const std::string_view>(kEstimateColumns));
  if (csv.rows().empty()) throw InputError({file, csv.last_line(), 0, {}}, "no data rows");

  std::vector<AreaRows> areas;
  std::map<std::string, std::size_t, std::less<>> area_of_code;  // -> index in areas
  std::map<std::string, std::string, std::less<>> code_of_name;
  std::string variant;
  for (const CsvRow& row : csv.rows()) {
    const std::string& area_code = row.text("area_code");
    const std::string& area_name = row.text("area_name");
    auto found = area_of_code.find(area_code);
    if (found == area_of_code.end()) {
      // A code and a name go together: a row with a known name under another code is a typo, not a new area.
      if (const auto other = code_of_name.find(area_name); other != code_of_name.end()) {
        throw row.error("area_code", "'" + area_code + "' but '" + area_name + "' is " + other->second +
                                         " on earlier rows (one code per area)");
      }
      code_of_name.emplace(area_name, area_code);
      found = area_of_code.emplace(area_code, areas.size()).first;
      areas.emplace_back();
      areas.back().table.area_code = area_code;
      areas.back().table.area_name = area_name;
      areas.back().table.first_line = row.line();
    }
    AreaRows& area = areas[found->second];
    if (area_name != area.table.area_name) {
      throw row.error("area_name", "'" + area_name + "' differs from '" + area.table.area_name + "' on earlier rows");
    }
    if (projection) {
      const std::string& row_variant = row.text("projection");
      if (variant.empty()) {
        variant = row_variant;
      } else if (row_variant != variant) {
        throw row.error("projection",
                        "'" + row_variant + "' differs from '" + variant + "' on earlier rows (one variant per file)");
      }
    }
    const int sex = row.choice("sex", kSexNames);
    const auto age = static_cast<int>(row.integer("age", 0, model::kOpenAgeGroup));
    const auto year = static_cast<int>(row.integer("year", kEarliestYear, kLatestYear));
    const double people = row.number("population", 0.0);
    const int cell = model::cell_index(sex, age);
    const auto [it, inserted] = area.first_seen.emplace(std::make_tuple(year, cell), row.line());
    if (!inserted) {
      throw row.error("age", "duplicate row for year " + std::to_string(year) + ", " +
                                 std::string(kSexNames[static_cast<std::size_t>(sex)]) + ", age " +
                                 std::to_string(age) + " (first at line " + std::to_string(it->second) + ")");
    }
    area.records.push_back({year, cell, people, row.line()});
    area.min_year = std::min(area.min_year, year);
    area.max_year = std::max(area.max_year, year);
  }

  std::vector<PopulationTable> tables;
  tables.reserve(areas.size());
  for (AreaRows& area : areas) {
    area.table.variant = variant;
    tables.push_back(complete(area, file, areas.size() > 1, population_column));
    area.records = {};
  }
  return tables;
}

const PopulationTable& find_area(const std::vector<PopulationTable>& areas, const std::filesystem::path& file,
                                 const std::string& area_code, const InputLocation& asked_at) {
  for (const PopulationTable& table : areas) {
    if (table.area_code == area_code) return table;
  }
  std::string held;
  for (std::size_t k = 0; k < areas.size(); ++k) {
    if (k == 6 && areas.size() > 8) {  // all of England holds over 300
      held += " and " + std::to_string(areas.size() - k) + " more";
      break;
    }
    held += (k == 0 ? "" : ", ") + areas[k].area_code + " " + areas[k].area_name;
  }
  if (asked_at.file.empty())
    throw InputError({file, 0, 0, "area_code"}, "no rows for area '" + area_code + "' (the file holds " + held + ")");
  throw InputError(asked_at, "no rows for area '" + area_code + "' in " + file.string() + " (it holds " + held + ")");
}

PopulationTable load_population_table(const std::filesystem::path& file, PopulationTableLayout layout,
                                      const std::string& expected_area_code) {
  std::vector<PopulationTable> areas = load_population_areas(file, layout);
  const PopulationTable& table = find_area(areas, file, expected_area_code);
  return std::move(areas[static_cast<std::size_t>(&table - areas.data())]);
}

}  // namespace dayopps::inputs
