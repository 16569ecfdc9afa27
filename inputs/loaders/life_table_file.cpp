#include "inputs/loaders/life_table_file.hpp"

#include <array>
#include <set>
#include <string_view>

#include "inputs/loaders/csv_table.hpp"

namespace dayopps::inputs {

namespace {

constexpr double kMaxRadix = 100000.0;  // ONS life tables start 100,000 births
constexpr std::string_view kRadixText = "100,000";
constexpr double kMaxLifeExpectancy = 130.0;  // years
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
    // Not used by the model, but a broken lx, dx or ex means the row was not copied whole: each must be what a
    // life table can hold (survivors and deaths of a radix of at most 100,000 at birth, a lifetime to come).
    if (row.number("lx", 0.0) > kMaxRadix) throw row.error("lx", "more than " + std::string(kRadixText) + " survivors");
    if (target.dx[age] > kMaxRadix) throw row.error("dx", "more than " + std::string(kRadixText) + " deaths");
    if (row.number("ex", 0.0) > kMaxLifeExpectancy)
      throw row.error("ex", row.text("ex") + " years of life to come is implausible (at most 130)");
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
