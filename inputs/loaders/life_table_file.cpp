#include "inputs/loaders/life_table_file.hpp"

#include <array>
#include <set>
#include <string_view>

#include "inputs/loaders/csv_table.hpp"

namespace dayopps::inputs {

namespace {

constexpr std::array<std::string_view, 9> kColumns = {"area", "period", "sex", "age", "mx", "qx", "lx", "dx", "ex"};
constexpr std::array<std::string_view, 2> kSexNames = {"female", "male"};
constexpr int kLastLifeTableAge = 100;  // ONS national life tables stop at age 100

}  // namespace

LifeTable load_life_table(const std::filesystem::path& file, const std::string& period) {
  const CsvTable csv(file, kColumns);
  LifeTable table;
  table.period = period;
  constexpr auto ages = static_cast<std::size_t>(kLastLifeTableAge + 1);
  for (LifeTableSex* sex : {&table.female, &table.male}) {
    sex->mx.assign(ages, -1.0);
    sex->qx.assign(ages, -1.0);
    sex->dx.assign(ages, -1.0);
  }
  std::set<std::string> periods_seen;
  for (const CsvRow& row : csv.rows()) {
    // One table covers one area: a row of another (pasted in from another table) is refused, not mixed in.
    if (table.area.empty()) table.area = row.text("area");
    if (row.text("area") != table.area) {
      throw row.error("area", "'" + row.text("area") + "' differs from '" + table.area + "' on earlier rows");
    }
    const std::string& row_period = row.text("period");
    periods_seen.insert(row_period);
    if (row_period != period) continue;
    const int sex = row.choice("sex", kSexNames);
    const auto age = static_cast<std::size_t>(row.integer("age", 0, kLastLifeTableAge));
    LifeTableSex& target = sex == 0 ? table.female : table.male;
    if (target.qx[age] >= 0.0) {
      throw row.error("age", "duplicate row for period " + period + ", " +
                                 std::string(kSexNames[static_cast<std::size_t>(sex)]) + ", age " +
                                 std::to_string(age));
    }
    const double qx = row.number("qx", 0.0);
    if (qx > 1.0) throw row.error("qx", "a probability must be at most 1, found " + row.text("qx"));
    target.qx[age] = qx;
    target.mx[age] = row.number("mx", 0.0);
    target.dx[age] = row.number("dx", 0.0);
    // Not used by the model, but a broken lx or ex means the row was not copied whole.
    row.number("lx", 0.0);
    row.number("ex", 0.0);
  }
  if (periods_seen.count(period) == 0) {
    std::string available;
    for (const std::string& p : periods_seen) available += (available.empty() ? "" : ", ") + p;
    throw InputError({file, 0, 0, "period"}, "no rows for period '" + period + "' (the file has: " + available + ")");
  }
  for (int sex = 0; sex < 2; ++sex) {
    const LifeTableSex& s = sex == 0 ? table.female : table.male;
    for (std::size_t age = 0; age < ages; ++age) {
      if (s.qx[age] < 0.0) {
        throw InputError({file, 0, 0, "age"}, "period " + period + " has no row for " +
                                                  std::string(kSexNames[static_cast<std::size_t>(sex)]) + ", age " +
                                                  std::to_string(age) + " (ages 0-100 are needed)");
      }
    }
  }
  return table;
}

}  // namespace dayopps::inputs
