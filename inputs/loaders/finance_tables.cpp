#include "inputs/loaders/finance_tables.hpp"

#include <array>
#include <map>
#include <set>
#include <string_view>
#include <tuple>

#include "inputs/loaders/csv_table.hpp"

namespace dayopps::inputs {

namespace {

int first_year_of(const std::string& financial_year) { return std::stoi(financial_year.substr(0, 4)); }

const std::string& financial_year_field(const CsvRow& row, std::string_view column) {
  const std::string& text = row.text(column);
  if (!is_financial_year(text)) throw row.error(column, "'" + text + "' is not a financial year such as 2013-14");
  return text;
}

}  // namespace

bool is_financial_year(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return false;
  for (const std::size_t k : {0U, 1U, 2U, 3U, 5U, 6U}) {
    if (text[k] < '0' || text[k] > '9') return false;
  }
  return (std::stoi(text.substr(0, 4)) + 1) % 100 == std::stoi(text.substr(5, 2));
}

namespace {

constexpr std::array<std::string_view, 16> kUnitCostColumns = {"area_code",      "area_name", "cassr_code",
                                                               "financial_year", "service",   "client_group",
                                                               "age_band",       "provision", "client_count_basis",
                                                               "quantity",       "value",     "value_flag",
                                                               "source_label",   "repo",      "path",
                                                               "commit"};

// The unit_cost_gbp rows of one area; `area_seen`: whether the file has any row for it.
std::vector<derivation::PublishedUnitCost> unit_costs_of(const CsvTable& table, const std::string& area_code,
                                                         bool& area_seen) {
  static constexpr std::array<std::string_view, 2> kServices = {"day_care", "direct_payments"};
  std::vector<derivation::PublishedUnitCost> out;
  std::set<std::tuple<std::string, std::string, std::string, std::string, std::string, std::string>> seen;
  area_seen = false;
  for (const CsvRow& row : table.rows()) {
    if (row.text("area_code") != area_code) continue;
    area_seen = true;
    if (row.text("quantity") != "unit_cost_gbp") continue;
    derivation::PublishedUnitCost cost;
    cost.line = row.line();
    cost.financial_year = financial_year_field(row, "financial_year");
    cost.service = kServices[static_cast<std::size_t>(row.choice("service", kServices))];
    cost.client_group = row.text("client_group");
    cost.age_band = row.text("age_band");
    cost.provision = row.text("provision");
    cost.basis = row.raw("client_count_basis");
    // A flagged cell ("..", "-": not available or suppressed) carries no figure: skip it, it is never used as 0.
    if (!row.raw("value_flag").empty() && row.raw("value").empty()) continue;
    cost.value = row.number("value", 0.0);
    if (cost.value > 1e5) throw row.error("value", row.raw("value") + " is out of range for GBP per client-week");
    if (!seen.insert({cost.financial_year, cost.service, cost.client_group, cost.age_band, cost.provision, cost.basis})
             .second)
      throw row.error("value", "this unit cost (" + cost.financial_year + ", " + cost.service + ", " +
                                   cost.client_group + ", " + cost.age_band + ", " + cost.provision +
                                   ") is given twice");
    out.push_back(cost);
  }
  return out;
}

}  // namespace

AreaUnitCosts load_unit_costs(const std::filesystem::path& file, const std::string& area_code,
                              const std::string& fallback_area) {
  const CsvTable table(file, kUnitCostColumns);
  AreaUnitCosts result{area_code, {}};
  bool area_seen = false;
  result.costs = unit_costs_of(table, area_code, area_seen);
  if (!area_seen && !fallback_area.empty()) {
    result.area_code = fallback_area;
    result.costs = unit_costs_of(table, fallback_area, area_seen);
  }
  if (!area_seen)
    throw InputError({file, 0, 0, "area_code"},
                     "no rows for area " + area_code +
                         (fallback_area.empty() ? std::string(" (the unit costs of another council?)")
                                                : " nor for " + fallback_area + " to fall back on"));
  if (result.costs.empty())
    throw InputError({file, 0, 0, "quantity"}, "no unit_cost_gbp rows for area " + result.area_code);
  return result;
}

derivation::DeflatorSeries load_gdp_deflators(const std::filesystem::path& file) {
  static constexpr std::array<std::string_view, 8> kColumns = {"period_type",
                                                               "period",
                                                               "gdp_deflator_index",
                                                               "pct_change_on_previous_year",
                                                               "money_gdp_cash_gbp_million_nsa",
                                                               "money_gdp_cash_gbp_million_sa",
                                                               "status",
                                                               "index_base"};
  static constexpr std::array<std::string_view, 2> kPeriods = {"financial_year", "calendar_year"};
  const CsvTable table(file, kColumns);
  derivation::DeflatorSeries series;
  for (const CsvRow& row : table.rows()) {
    if (row.choice("period_type", kPeriods) != 0) continue;
    derivation::DeflatorYear year;
    year.financial_year = financial_year_field(row, "period");
    if (!series.years.empty()) {
      const int previous = first_year_of(series.years.back().financial_year);
      const int current = first_year_of(year.financial_year);
      if (current == previous) throw row.error("period", year.financial_year + " is given twice");
      if (current != previous + 1)
        throw row.error("period", year.financial_year + " follows " + series.years.back().financial_year +
                                      ": the financial years must run without gaps, in order");
    }
    // The change is what a forecast year has (its index is not published); an outturn year may leave it blank.
    if (!row.raw("pct_change_on_previous_year").empty() || row.raw("gdp_deflator_index").empty()) {
      const double change = row.number("pct_change_on_previous_year", -50.0);
      if (change > 50.0)
        throw row.error("pct_change_on_previous_year",
                        row.raw("pct_change_on_previous_year") + " is out of range (a per cent change, -50 to 50)");
      year.change = change / 100.0;
    }
    if (!row.raw("gdp_deflator_index").empty()) {
      if (!series.years.empty() && !series.years.back().index)
        throw row.error("gdp_deflator_index", "an outturn index after a forecast year");
      const double index = row.number("gdp_deflator_index", 0.0);
      if (!(index > 0.0) || index > 1e4)
        throw row.error("gdp_deflator_index",
                        row.raw("gdp_deflator_index") + " is out of range (an index, 0 to 10000)");
      year.index = index;
    } else if (series.years.empty()) {
      throw row.error("gdp_deflator_index", "the first financial year needs an outturn index");
    }
    series.index_base = row.raw("index_base");
    series.years.push_back(year);
  }
  if (series.years.empty()) throw InputError({file, 0, 0, "period_type"}, "no financial_year rows");
  return series;
}

}  // namespace dayopps::inputs
