#include "inputs/loaders/service_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>
#include <tuple>

#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/finance_tables.hpp"
#include "inputs/loaders/toml_fields.hpp"

namespace dayopps::inputs {

namespace {

struct GroupSpec {
  const char* name;
  std::vector<std::string> keys;
  double min_value;
  double max_value;
  const char* unit_hint;  // shown when the value is out of range
  // Keys with a narrower range than the group's (e.g. shares among ages): name, min, max, hint.
  std::vector<std::tuple<std::string, double, double, const char*>> key_ranges = {};
  // Keys that count or date something (people, places, years, ages): whole numbers only.
  std::vector<std::string> whole_keys = {};
  // Keys of the group's table besides the provenance and `values` (e.g. [capacity] policy), read by the caller.
  std::vector<std::string> other_keys = {};
};

const std::vector<std::string> kServices = {"internal_day_centre", "external_day_centre", "community", "direct_payment",
                                            "supported_employment"};

const std::vector<GroupSpec>& group_specs() {
  static const std::vector<GroupSpec> specs = {
      {"anchor",
       {"users", "year"},
       0.0,
       1e7,
       "people; a year",
       {{"users", 1.0, 1e7, "people (at least 1)"}, {"year", 1990.0, 2100.0, "a calendar year"}},
       {"users", "year"}},
      {"user_mix",
       {"learning_disability_18_64", "learning_disability_65_over", "autism_18_64", "autism_65_over",
        "physical_disability_18_64", "physical_disability_65_over", "dementia_18_64", "dementia_65_over"},
       0.0,
       1e12,
       "a non-negative weight"},
      {"continuation", kServices, 0.0, 1.0, "a probability per year (0.9, not 90)"},
      {"choice_shares", kServices, 0.0, 1.0, "a share of new users (0.5, not 50)"},
      {"carers",
       {"share_with_family_carer_0_17", "share_with_family_carer_18_64", "share_with_family_carer_65_over",
        "carer_age_gap", "carer_breakdown_age", "breakdown_start_multiplier"},
       0.0,
       120.0,
       "shares in [0, 1], ages in years, a multiplier",
       {{"share_with_family_carer_0_17", 0.0, 1.0, "a share in [0, 1] (0.37, not 37)"},
        {"share_with_family_carer_18_64", 0.0, 1.0, "a share in [0, 1] (0.37, not 37)"},
        {"share_with_family_carer_65_over", 0.0, 1.0, "a share in [0, 1] (0.37, not 37)"},
        {"carer_breakdown_age", 1.0, 120.0, "the carer's age in years at which care breaks down (at least 1)"}},
       {"carer_age_gap", "carer_breakdown_age"}},
      {"days_per_week", kServices, 0.0, 7.0, "days attended per week (0 to 7)"},
      {"assumed_unit_costs",
       {"community", "supported_employment"},
       0.0,
       10.0,
       "a multiple of the direct-payment cost (1.0 = the same)"},
  };
  return specs;
}

// The optional `area` of a group or centre: the council its figures describe.
std::string area_of(const TomlFields& fields) {
  const std::optional<std::string> area = fields.optional_string("area");
  if (!area) return {};
  if (!is_council_code(*area))
    throw fields.error("area", "'" + *area + "' is not a council's ONS code (E06, E07, E08, E09, W06, S12 or N09)");
  return *area;
}

// `prefix`: where the group sits ("" at the top, "area.<code>." for one council's), for the fields of errors.
ValueGroup read_group(const std::filesystem::path& file, const toml::table& root, const GroupSpec& spec,
                      const std::string& prefix = {}) {
  const TomlFields top(file, root, prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1));
  const toml::table& table = top.table(spec.name);
  const TomlFields fields(file, table, prefix + spec.name);
  std::vector<std::string_view> table_keys = {"unit", "assumption", "source", "derivation", "values", "area"};
  table_keys.insert(table_keys.end(), spec.other_keys.begin(), spec.other_keys.end());
  fields.only_keys(table_keys);
  ValueGroup group;
  group.name = spec.name;
  group.area = area_of(fields);
  group.line = static_cast<long>(table.source().begin.line);
  group.unit = fields.string("unit");
  const toml::node* assumption = table.get("assumption");
  if (assumption == nullptr || !assumption->is_boolean()) {
    throw fields.error("assumption", "required: true if these are not published figures, false if they are");
  }
  group.assumption = assumption->as_boolean()->get();
  group.source = fields.string("source");
  group.derivation = fields.optional_string("derivation").value_or("");
  if (group.assumption && group.derivation.empty()) {
    throw fields.error("derivation",
                       "an assumption must say how its values were derived from the nearest published figure");
  }
  const TomlFields values(file, fields.table("values"), prefix + spec.name + ".values");
  group.values_at = fields.error("values", {}).where();
  std::set<std::string> seen;
  for (auto&& [key, node] : *table.get("values")->as_table()) {
    const std::string name(key.str());
    const bool known = spec.keys.empty() || std::find(spec.keys.begin(), spec.keys.end(), name) != spec.keys.end();
    if (!known) {
      std::string allowed;
      for (const std::string& k : spec.keys) allowed += (allowed.empty() ? "" : ", ") + k;
      throw values.error_at(key.source(), name, "unknown key (allowed here: " + allowed + ")");
    }
    const std::optional<double> v = values.optional_number(name, -1e300, 1e300);
    double min_value = spec.min_value, max_value = spec.max_value;
    const char* hint = spec.unit_hint;
    for (const auto& [key_name, key_min, key_max, key_hint] : spec.key_ranges) {
      if (key_name == name) std::tie(min_value, max_value, hint) = std::tie(key_min, key_max, key_hint);
    }
    if (*v < min_value || *v > max_value) {
      std::ostringstream text;
      text << *v << " is out of range: expected " << hint;
      throw values.error(name, text.str());
    }
    if (std::find(spec.whole_keys.begin(), spec.whole_keys.end(), name) != spec.whole_keys.end() &&
        *v != std::floor(*v)) {
      std::ostringstream text;
      text << *v << " is not a whole number (" << hint << ")";
      throw values.error(name, text.str());
    }
    group.values[name] = *v;
    group.value_at[name] = values.error(name, {}).where();
    seen.insert(name);
  }
  for (const std::string& k : spec.keys) {
    if (seen.count(k) == 0) throw values.error(k, "required key is missing");
  }
  return group;
}

}  // namespace

ServiceParameters load_service_parameters(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  const TomlFields top(file, root, "");
  std::vector<std::string_view> allowed_top = {"capacity", "centre", "unit_costs", "transition_at_18", "area"};
  for (const GroupSpec& s : group_specs()) allowed_top.emplace_back(s.name);
  for (auto&& [key, value] : root) {
    if (std::find(allowed_top.begin(), allowed_top.end(), key.str()) == allowed_top.end()) {
      std::string list;
      for (const auto k : allowed_top) list += (list.empty() ? "" : ", ") + std::string(k);
      throw top.error_at(key.source(), key.str(), "unknown key (allowed here: " + list + ")");
    }
  }
  ServiceParameters p;
  p.file = file;
  for (const GroupSpec& spec : group_specs()) p.groups.emplace(spec.name, read_group(file, root, spec));
  // [area.<code>.<group>]: one council's own figures for a group, in place of the file's for that council.
  if (const toml::table* areas = top.optional_table("area")) {
    for (auto&& [key, node] : *areas) {
      const std::string code(key.str());
      if (!is_council_code(code))
        throw top.error_at(key.source(), "area." + code,
                           "'" + code + "' is not a council's ONS code (E06, E07, E08, E09, W06, S12 or N09)");
      const toml::table* own = node.as_table();
      if (own == nullptr)
        throw top.error_at(key.source(), "area." + code, "expected tables such as [area." + code + ".choice_shares]");
      for (auto&& [group_key, group_node] : *own) {
        const std::string group_name(group_key.str());  // a structured binding cannot be captured in clang 14
        const auto spec = std::find_if(group_specs().begin(), group_specs().end(),
                                       [&](const GroupSpec& g) { return group_name == g.name; });
        if (spec == group_specs().end())
          throw top.error_at(group_key.source(), "area." + code + "." + std::string(group_key.str()),
                             "not a group a council can have of its own (anchor, user_mix, continuation, "
                             "choice_shares, carers, days_per_week, assumed_unit_costs)");
        ValueGroup group = read_group(file, *own, *spec, "area." + code + ".");
        group.area = code;
        p.area_groups[code].emplace(spec->name, std::move(group));
      }
    }
  }
  // Shares of a whole must add up to it (a typo such as 0.5 + 0.6 is caught, not silently rescaled).
  const auto check_shares = [&](const ValueGroup& shares) {
    double sum = 0.0;
    for (const auto& [name, value] : shares.values) sum += value;
    if (std::abs(sum - 1.0) > 1e-9) {
      std::ostringstream text;
      text << "the shares add up to " << sum << ", not 1";
      throw InputError(shares.values_at, text.str());
    }
  };
  check_shares(p.groups.at("choice_shares"));
  for (const auto& [code, groups] : p.area_groups)
    if (const auto shares = groups.find("choice_shares"); shares != groups.end()) check_shares(shares->second);
  {
    // [unit_costs]: provenance of the published unit costs and the financial years averaged.
    const toml::table& table = top.table("unit_costs");
    const TomlFields u(file, table, "unit_costs");
    u.only_keys({"unit", "assumption", "source", "derivation", "years", "fallback_area"});
    ValueGroup& g = p.unit_costs;
    g.name = "unit_costs";
    g.line = static_cast<long>(table.source().begin.line);
    g.unit = u.string("unit");
    const toml::node* assumption = table.get("assumption");
    if (assumption == nullptr || !assumption->is_boolean())
      throw u.error("assumption", "required: true if these are not published figures, false if they are");
    g.assumption = assumption->as_boolean()->get();
    g.source = u.string("source");
    g.derivation = u.string("derivation");
    p.unit_cost_years = u.string_array("years");
    if (p.unit_cost_years.empty()) throw u.error("years", "name at least one financial year, e.g. [\"2013-14\"]");
    std::set<std::string> years;
    for (const std::string& y : p.unit_cost_years) {
      if (!is_financial_year(y)) throw u.error("years", "'" + y + "' is not a financial year such as \"2013-14\"");
      if (!years.insert(y).second) throw u.error("years", "'" + y + "' is listed twice");
    }
    p.unit_costs_at = u.error("years", "").where();
    p.unit_costs_fallback_area = u.optional_string("fallback_area").value_or("");
    if (!p.unit_costs_fallback_area.empty() && !is_ons_area_code(p.unit_costs_fallback_area))
      throw u.error("fallback_area", "'" + p.unit_costs_fallback_area + "' is not an ONS area code (e.g. E92000001)");
  }
  if (root.contains("transition_at_18")) {  // optional: otherwise derived (see calibration/service_derivation)
    p.groups.emplace("transition_at_18",
                     read_group(file, root,
                                {"transition_at_18",
                                 {"learning_disability", "autism", "physical_disability", "dementia"},
                                 0.0,
                                 1.0,
                                 "a probability (0.3, not 30)"}));
  }

  const toml::table& capacity = top.table("capacity");
  const TomlFields cap(file, capacity, "capacity");
  cap.only_keys({"policy", "unit", "assumption", "source", "derivation", "values"});
  p.capacity_policy = cap.string("policy");
  if (p.capacity_policy != "wait" && p.capacity_policy != "next_best") {
    throw cap.error("policy", "'" + p.capacity_policy + "' is not one of: wait, next_best");
  }
  // The rest of [capacity] is a value group (external places), read like the others, read in place so that its
  // values keep their lines.
  p.centres_provenance = read_group(
      file, root,
      {"capacity", {"external_places"}, -1.0, 1e7, "places, or -1 for no limit", {}, {"external_places"}, {"policy"}});

  // No [[centre]]: council centres have no capacity limit (an assumption the run states).
  const toml::array* centres = top.optional_array_of_tables("centre");
  std::set<std::pair<std::string, std::string>> names;
  static const toml::array kNoCentres;
  for (const toml::node& entry : centres == nullptr ? kNoCentres : *centres) {
    const TomlFields c(file, *entry.as_table(), "centre");
    c.only_keys({"name", "places", "open_from_year", "closed_from_year", "area"});
    CentreRow row;
    row.line = static_cast<long>(entry.source().begin.line);
    row.name = c.string("name");
    row.area = area_of(c);
    if (!names.emplace(row.area, row.name).second) throw c.error("name", "centre '" + row.name + "' is listed twice");
    row.places = static_cast<int>(c.integer("places", 0, 100000));
    row.open_from_year = static_cast<int>(c.optional_integer("open_from_year", 1900, 2200).value_or(1900));
    row.closed_from_year = static_cast<int>(c.optional_integer("closed_from_year", 1900, 9999).value_or(9999));
    if (row.closed_from_year <= row.open_from_year) throw c.error("closed_from_year", "must be after open_from_year");
    p.internal_centres.push_back(row);
  }
  if (p.internal_centres.size() > 250) throw top.error("centre", "at most 250 internal centres");
  return p;
}

ServiceParameters for_area(const ServiceParameters& parameters, const std::string& area_code) {
  ServiceParameters result = parameters;
  if (const auto own = parameters.area_groups.find(area_code); own != parameters.area_groups.end())
    for (const auto& [name, group] : own->second) result.groups[name] = group;
  std::erase_if(result.internal_centres, [&](const CentreRow& c) { return !c.area.empty() && c.area != area_code; });
  return result;
}

}  // namespace dayopps::inputs
