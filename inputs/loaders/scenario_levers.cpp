#include "inputs/loaders/scenario_levers.hpp"

#include <cmath>

#include "inputs/loaders/finance_tables.hpp"
#include "inputs/loaders/toml_fields.hpp"

namespace dayopps::inputs {

namespace {

InputLocation location_of(const TomlFields& fields, std::string_view key) { return fields.error(key, "").where(); }

model::PhasedRate read_phased(const TomlFields& levers, std::string_view key, int base_year, int horizon,
                              double max_value) {
  model::PhasedRate rate;
  const toml::table* table = levers.optional_table(key);
  if (table == nullptr) return rate;
  const std::string prefix = "levers." + std::string(key);
  const TomlFields t(levers.file(), *table, prefix);
  t.only_keys({"start_year", "full_year", "value"});
  rate.start_year = static_cast<int>(t.integer("start_year", base_year + 1, horizon));
  rate.full_year = static_cast<int>(t.optional_integer("full_year", base_year + 1, horizon).value_or(rate.start_year));
  if (rate.full_year < rate.start_year)
    throw t.error("full_year", "must not be before start_year " + std::to_string(rate.start_year));
  const std::optional<double> value = t.optional_number("value", 0.0, max_value);
  if (!value) throw t.error("value", "required key is missing");
  rate.full_value = *value;
  return rate;
}

enum class Services { alternatives, every };

std::map<std::string, double> read_numbers_by_service(const TomlFields& parent, std::string_view key, double max,
                                                      Services services) {
  std::map<std::string, double> values;
  const toml::table* table = parent.optional_table(key);
  if (table == nullptr) return values;
  const TomlFields t(parent.file(), *table, parent.prefix() + "." + std::string(key));
  if (services == Services::alternatives) {
    t.only_keys({"community", "direct_payment", "supported_employment"});
  } else {
    t.only_keys({"internal_day_centre", "external_day_centre", "community", "direct_payment", "supported_employment"});
  }
  for (auto&& [name, node] : *table) {
    (void)node;
    values[std::string(name.str())] = *t.optional_number(name.str(), 0.0, max);
  }
  return values;
}

}  // namespace

ScenarioLevers read_levers(const TomlFields& levers, int base_year, int horizon) {
  levers.only_keys({"new_user_shift", "voluntary_move", "onset_reduction", "start_reduction", "exit_to_independence",
                    "learning_disability_survival", "learning_disability_cohort_trend", "alternative_shares",
                    "consolidation", "costs"});
  ScenarioLevers out;
  out.new_user_shift = read_phased(levers, "new_user_shift", base_year, horizon, 1.0);
  out.voluntary_move = read_phased(levers, "voluntary_move", base_year, horizon, 1.0);
  out.onset_reduction = read_phased(levers, "onset_reduction", base_year, horizon, 1.0);
  out.learning_disability_survival = read_phased(levers, "learning_disability_survival", base_year, horizon, 1.0);
  out.start_reduction = read_phased(levers, "start_reduction", base_year, horizon, 1.0);
  out.exit_to_independence = read_phased(levers, "exit_to_independence", base_year, horizon, 1.0);
  if (const toml::table* table = levers.optional_table("learning_disability_cohort_trend")) {
    const TomlFields t(levers.file(), *table, "levers.learning_disability_cohort_trend");
    t.only_keys({"value"});
    out.learning_disability_cohort_trend = t.number("value", -0.2, 0.2);
    out.learning_disability_cohort_trend_at = t.error("value", {}).where();
  }

  if (levers.optional_table("alternative_shares") != nullptr) {
    out.alternative_shares = read_numbers_by_service(levers, "alternative_shares", 1.0, Services::alternatives);
    out.alternative_shares_at = location_of(levers, "alternative_shares");
    double sum = 0.0;
    for (const auto& [name, share] : out.alternative_shares) sum += share;
    if (std::abs(sum - 1.0) > 1e-9) throw levers.error("alternative_shares", "shares must add up to 1");
  }
  const bool needs_alternatives = out.new_user_shift.active() || out.voluntary_move.active();
  if (needs_alternatives && out.alternative_shares.empty()) {
    throw levers.error(out.new_user_shift.active() ? "new_user_shift" : "voluntary_move",
                       "needs levers.alternative_shares: where shifted or moving users go");
  }

  if (const toml::table* table = levers.optional_table("consolidation")) {
    const TomlFields t(levers.file(), *table, "levers.consolidation");
    t.only_keys({"year", "close", "users", "capacity_policy", "add_places"});
    ConsolidationLever c;
    c.year = static_cast<int>(t.integer("year", base_year + 1, horizon));
    c.close = t.string_array("close");
    if (c.close.empty()) throw t.error("close", "name at least one internal centre to close");
    c.close_at = location_of(t, "close");
    c.users = t.optional_string("users").value_or("reprovision");
    if (c.users != "reprovision" && c.users != "alternative")
      throw t.error("users", "must be \"reprovision\" or \"alternative\", not \"" + c.users + "\"");
    if (c.users == "alternative" && out.alternative_shares.empty())
      throw t.error("users", "\"alternative\" needs levers.alternative_shares");
    c.capacity_policy = t.optional_string("capacity_policy");
    if (c.capacity_policy && *c.capacity_policy != "wait" && *c.capacity_policy != "next_best")
      throw t.error("capacity_policy", "must be \"wait\" or \"next_best\", not \"" + *c.capacity_policy + "\"");
    if (const toml::table* places = t.optional_table("add_places")) {
      c.add_places_at = location_of(t, "add_places");
      const TomlFields p(levers.file(), *places, "levers.consolidation.add_places");
      for (auto&& [name, node] : *places) {
        (void)node;
        c.add_places.emplace_back(std::string(name.str()), static_cast<int>(p.integer(name.str(), 0, 100000)));
      }
    }
    out.consolidation = std::move(c);
  }

  if (const toml::table* table = levers.optional_table("costs")) {
    const TomlFields t(levers.file(), *table, "levers.costs");
    t.only_keys({"cost_per_week", "transport_per_day"});
    out.costs.cost_per_week = read_numbers_by_service(t, "cost_per_week", 100000.0, Services::every);
    if (!out.costs.cost_per_week.empty()) out.costs.cost_per_week_at = location_of(t, "cost_per_week");
    out.costs.transport_per_day = read_numbers_by_service(t, "transport_per_day", 100000.0, Services::every);
    if (!out.costs.transport_per_day.empty()) out.costs.transport_per_day_at = location_of(t, "transport_per_day");
  }
  return out;
}

FinanceSettings read_finance(const TomlFields& finance, int base_year, int horizon) {
  finance.only_keys({"discount_rate", "cumulative_to_year", "price_base", "inflation", "inflation_after_forecast",
                     "centre_running_cost", "centre_running_cost_by_centre"});
  FinanceSettings out;
  out.discount_rate = finance.optional_number("discount_rate", 0.0, 1.0).value_or(out.discount_rate);
  out.cumulative_to_year = static_cast<int>(
      finance.optional_integer("cumulative_to_year", base_year + 2, 2200).value_or(out.cumulative_to_year));
  if (const auto price_base = finance.optional_string("price_base")) {
    if (!is_financial_year(*price_base))
      throw finance.error("price_base", "'" + *price_base + "' is not a financial year such as \"2022-23\"");
    out.price_base = *price_base;
    out.price_base_at = location_of(finance, "price_base");
  }
  out.inflation_after_forecast = finance.optional_number("inflation_after_forecast", -0.2, 0.5);
  if (const toml::table* table = finance.optional_table("inflation")) {
    const TomlFields t(finance.file(), *table, "finance.inflation");
    out.inflation_at = location_of(finance, "inflation");
    for (auto&& [key, node] : *table) {
      (void)node;
      const std::string year(key.str());
      if (!is_financial_year(year)) throw t.error_at(key.source(), year, "not a financial year such as \"2030-31\"");
      const int first = std::stoi(year.substr(0, 4));
      if (first <= base_year || first > horizon)
        throw t.error_at(key.source(), year,
                         "outside the run's financial years " + derivation::financial_year_name(base_year + 1) +
                             " to " + derivation::financial_year_name(horizon));
      out.inflation[year] = *t.optional_number(key.str(), -0.2, 0.5);
    }
  }
  out.centre_running_cost = finance.optional_number("centre_running_cost", 0.0, 1e8).value_or(0.0);
  out.centre_running_cost_at = location_of(finance, "centre_running_cost");
  if (const toml::table* table = finance.optional_table("centre_running_cost_by_centre")) {
    const TomlFields t(finance.file(), *table, "finance.centre_running_cost_by_centre");
    out.centre_running_cost_by_centre_at = location_of(finance, "centre_running_cost_by_centre");
    for (auto&& [key, node] : *table) {
      (void)node;
      out.centre_running_cost_by_centre[std::string(key.str())] = *t.optional_number(key.str(), 0.0, 1e8);
    }
  }
  return out;
}

}  // namespace dayopps::inputs
