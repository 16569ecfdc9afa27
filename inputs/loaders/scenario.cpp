#include "inputs/loaders/scenario.hpp"

#include "inputs/loaders/input_file.hpp"
#include "model/seeds.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/toml_fields.hpp"
#include "model/free_parameters.hpp"

namespace dayopps::inputs {

namespace {

constexpr std::int64_t kEarliestYear = 1900;
constexpr std::int64_t kLatestYear = 2200;
constexpr auto kMaxSeed = static_cast<std::int64_t>(model::kMaxSeed);  // the one seed range (model/seeds.hpp)

std::filesystem::path relative_to(const std::filesystem::path& scenario_file, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute()) return p;
  return (scenario_file.parent_path() / p).lexically_normal();
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in = open_input_file(file, "the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr std::string_view kPathKeys[] = {"data_sources", "population_projection", "life_table",
                                          "care_need",    "day_services",          "calibrated_parameters",
                                          "unit_costs",   "gdp_deflator",          "forecast"};

// Input paths of an inherited file are relative to that file: make them absolute before merging.
void absolutise_input_paths(toml::table& root, const std::filesystem::path& file) {
  toml::table* in = root["inputs"].as_table();
  if (in == nullptr) return;
  const auto absolute = [&](toml::node& node) {
    if (auto* value = node.as_string()) {
      value->get() = std::filesystem::absolute(relative_to(file, value->get())).lexically_normal().string();
    }
  };
  for (const std::string_view key : kPathKeys) {
    if (toml::node* node = in->get(key)) absolute(*node);
  }
  for (const char* list : {"population_estimates", "usage", "engagement"}) {
    if (toml::array* files = (*in)[list].as_array()) {
      for (toml::node& node : *files) absolute(node);
    }
  }
}

// Parent under child: tables merge key by key, and any other value (arrays included) the child gives
// replaces the parent's; [[assumption]] entries add up, the parent's first. The child's own nodes stay in
// place (copies of TOML nodes lose their line numbers), so errors in what the child wrote keep file and line.
void merge_parent_into(toml::table& child, const toml::table& parent, bool top_level) {
  for (auto&& [key, node] : parent) {
    toml::node* mine = child.get(key);
    if (mine == nullptr) {
      child.insert_or_assign(key, node);
    } else if (top_level && key.str() == "assumption" && mine->is_array() && node.is_array()) {
      toml::array& entries = *mine->as_array();
      entries.insert(entries.begin(), node.as_array()->begin(), node.as_array()->end());
    } else if (mine->is_table() && node.is_table()) {
      merge_parent_into(*mine->as_table(), *node.as_table(), false);
    }
  }
}

// The scenario's table with everything it inherits merged in.
toml::table merged_table(const std::filesystem::path& file, const std::string& text, int depth,
                         std::filesystem::path* inherits) {
  toml::table root = parse_toml_text(text, file);
  const toml::table* scenario = root["scenario"].as_table();
  const toml::node* parent_node = scenario != nullptr ? scenario->get("inherits") : nullptr;
  if (parent_node == nullptr) return root;
  const TomlFields fields(file, *scenario, "scenario");
  const std::string parent_name = fields.string("inherits");
  if (depth >= kMaxInheritanceDepth) {
    throw fields.error("inherits", "inheritance deeper than " + std::to_string(kMaxInheritanceDepth) +
                                       " files (a file that inherits from itself?)");
  }
  const std::filesystem::path parent_file = relative_to(file, parent_name);
  if (inherits != nullptr) *inherits = parent_file;
  std::error_code error;
  if (std::filesystem::is_directory(parent_file, error))
    throw fields.error("inherits", "'" + parent_name + "' is a folder, not a scenario file to inherit from");
  std::string parent_text;
  try {
    parent_text = read_text(parent_file);
  } catch (const InputError&) {
    throw fields.error("inherits", "cannot open " + parent_file.string());
  }
  toml::table parent = merged_table(parent_file, parent_text, depth + 1, nullptr);
  absolutise_input_paths(parent, parent_file);
  // The child names itself: the parent's name, description and inherits do not carry over.
  if (toml::table* parent_scenario = parent["scenario"].as_table()) {
    parent_scenario->erase("name");
    parent_scenario->erase("description");
    parent_scenario->erase("inherits");
    // area_code and areas are two spellings of one choice: the child's, whichever it uses, replaces the parent's.
    if (const toml::table* own = root["scenario"].as_table()) {
      if (own->contains("areas")) parent_scenario->erase("area_code");
      if (own->contains("area_code")) parent_scenario->erase("areas");
    }
  }
  merge_parent_into(root, parent, true);
  return root;
}

// Validates a list of area codes (none: every area of the file) and stores it.
template <typename Problem>
void set_areas(Scenario& s, const std::vector<std::string>& codes, Problem problem) {
  for (std::size_t k = 0; k < codes.size(); ++k) {
    const std::string& code = codes[k];
    if (!is_ons_area_code(code)) throw problem("'" + code + "' is not an ONS area code such as E08000025");
    if (!is_council_code(code)) throw problem(not_a_council(code));
    if (std::find(codes.begin(), codes.begin() + static_cast<std::ptrdiff_t>(k), code) !=
        codes.begin() + static_cast<std::ptrdiff_t>(k))
      throw problem("'" + code + "' is listed twice");
  }
  s.areas = codes;
}

// A multi-area run simulates each area from its own rows of the input files. What cannot be one area's is
// refused rather than applied to every area: engagement tallies (they name no area) and one calibrated-parameters
// file (a fit of one area).
template <typename Problem>
void check_multi_area(const Scenario& s, Problem problem) {
  if (!s.engagement.empty())
    throw problem("inputs.engagement",
                  "is set, but engagement tallies name no area, so a multi-area run cannot tell whose they are; "
                  "run that council on its own");
  if (!s.calibrated_parameters.empty() &&
      s.calibrated_parameters.string().find(kAreaCodePlaceholder) == std::string::npos)
    throw problem("inputs.calibrated_parameters",
                  "names one file, but each area has its own fit: write the path with {area_code} where the "
                  "area's code goes (dayopps calibrate writes output_dir/<code>/calibrated_parameters.toml)");
}

}  // namespace

// [forecast]: the trend choice after the base year, overriding the forecast settings' (inputs.forecast).
void read_forecast(const TomlFields& f, Scenario& s) {
  f.only_keys({"trend_after_last_count", "damping"});
  if (s.forecast_settings.empty())
    throw f.error("trend_after_last_count", "[forecast] needs inputs.forecast (the settings and the national panel)");
  if (const auto choice = f.optional_string("trend_after_last_count")) {
    if (choice != "stops" && choice != "damped" && choice != "continues")
      throw f.error("trend_after_last_count", "'" + *choice + "' is not one of stops, damped, continues");
    s.trend_choice = *choice;
  }
  if (const auto damping = f.optional_number("damping", 0.0, 1.0)) {
    if (*damping <= 0.0) throw f.error("damping", "must be above 0 (1 = no damping; use stops for none)");
    s.damping = *damping;
  }
}

Scenario load_scenario(const std::filesystem::path& file) {
  Scenario s;
  s.file = file;
  s.text = read_text(file);
  const toml::table root = merged_table(file, s.text, 0, &s.inherits);
  {
    std::ostringstream merged;
    merged << root;
    s.merged_toml = merged.str();
  }
  const TomlFields top(file, root, "");
  top.only_keys({"scenario", "run", "inputs", "assumption", "levers", "finance", "calibration", "area", "forecast"});

  const TomlFields scenario(file, top.table("scenario"), "scenario");
  scenario.only_keys({"name", "description", "area_code", "areas", "base_year", "horizon", "inherits"});
  s.name = scenario.string("name");
  s.name_at = scenario.error("name", {}).where();
  for (const char c : s.name) {
    const bool allowed =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!allowed)
      throw scenario.error("name", "use letters, digits, - and _ only (it names the scenario's group in results.h5)");
  }
  s.description = scenario.optional_string("description").value_or("");
  if (const toml::node* areas = top.table("scenario").get("areas")) {
    if (top.table("scenario").get("area_code") != nullptr)
      throw scenario.error("areas", "give area_code (one area) or areas (several), not both");
    if (const auto* all = areas->as_string()) {
      if (all->get() != "all")
        throw scenario.error_at(areas->source(), "areas", "expected \"all\" or a list of area codes");
      s.all_areas = true;
    } else {
      s.areas = scenario.string_array("areas");
      if (s.areas.empty()) throw scenario.error("areas", "name at least one area code (or \"all\")");
    }
    set_areas(s, s.all_areas ? std::vector<std::string>{} : s.areas,
              [&](const std::string& problem) { return scenario.error("areas", problem); });
    s.area_code_at = scenario.error("areas", {}).where();
  } else {
    s.area_code = scenario.string("area_code");
    s.area_code_at = scenario.error("area_code", {}).where();
  }
  s.base_year = static_cast<int>(scenario.integer("base_year", kEarliestYear, kLatestYear));
  s.horizon = static_cast<int>(scenario.optional_integer("horizon", kEarliestYear, kLatestYear).value_or(2040));
  if (s.horizon < s.base_year)
    throw scenario.error("horizon", "must not be before base_year " + std::to_string(s.base_year));
  s.base_year_at = scenario.error("base_year", {}).where();
  s.horizon_at = scenario.error("horizon", {}).where();

  const TomlFields run(file, top.table("run"), "run");
  run.only_keys({"replications", "master_seed", "threads", "output_dir", "parameter_uncertainty", "base_year_users"});
  s.replications = static_cast<int>(run.integer("replications", 1, kMaxReplications));
  s.master_seed = static_cast<std::uint64_t>(run.integer("master_seed", 0, kMaxSeed));
  s.threads = static_cast<int>(run.optional_integer("threads", 0, kMaxThreads).value_or(0));
  s.output_dir = run.string("output_dir");
  if (const toml::node* uncertainty = top.table("run").get("parameter_uncertainty")) {
    if (!uncertainty->is_boolean())
      throw run.error_at(uncertainty->source(), "parameter_uncertainty", "expected true or false");
    s.parameter_uncertainty = uncertainty->as_boolean()->get();
  }
  if (const auto base_year_users = run.optional_string("base_year_users")) {
    if (*base_year_users != "observed" && *base_year_users != "model")
      throw run.error("base_year_users", "expected \"observed\" or \"model\", found \"" + *base_year_users + "\"");
    s.base_year_users_observed = *base_year_users == "observed";
  }

  const TomlFields in(file, top.table("inputs"), "inputs");
  in.only_keys({"data_sources", "population_projection", "population_estimates", "life_table", "life_table_period",
                "care_need", "day_services", "usage", "engagement", "calibrated_parameters", "unit_costs",
                "gdp_deflator", "forecast"});
  s.data_sources = relative_to(file, in.string("data_sources"));
  s.population_projection = relative_to(file, in.string("population_projection"));
  for (const std::string& p : in.string_array("population_estimates")) {
    const std::filesystem::path estimate = relative_to(file, p);
    if (std::find(s.population_estimates.begin(), s.population_estimates.end(), estimate) !=
        s.population_estimates.end())
      throw in.error("population_estimates", "'" + p + "' is listed twice");
    s.population_estimates.push_back(estimate);
  }
  s.life_table = relative_to(file, in.string("life_table"));
  s.life_table_period = in.string("life_table_period");
  if (const auto care_need = in.optional_string("care_need")) s.care_need = relative_to(file, *care_need);
  if (const auto services = in.optional_string("day_services")) {
    if (s.care_need.empty())
      throw in.error("day_services", "needs inputs.care_need: services are used by people with a support reason");
    s.day_services = relative_to(file, *services);
    // Services are priced from published unit costs moved to one price base with the GDP deflator.
    s.unit_costs = relative_to(file, in.string("unit_costs"));
    s.gdp_deflator = relative_to(file, in.string("gdp_deflator"));
    if (const auto forecast = in.optional_string("forecast")) s.forecast_settings = relative_to(file, *forecast);
  } else {
    for (const char* key : {"unit_costs", "gdp_deflator"}) {
      if (in.optional_string(key)) throw in.error(key, "needs inputs.day_services (it prices the services)");
    }
    if (in.optional_string("forecast"))
      throw in.error("forecast", "needs inputs.day_services (the trend moves the starts of services)");
  }
  for (const std::string& p : in.string_array("usage")) s.usage.push_back(relative_to(file, p));
  // Where the list is written, also when it is empty (a run that needs counts is refused there).
  const InputLocation usage_key_at = in.error("usage", {}).where();
  const bool usage_written = top.table("inputs").contains("usage");
  if (usage_written) s.usage_at = usage_key_at;
  for (const std::string& p : in.string_array("engagement")) s.engagement.push_back(relative_to(file, p));
  if (const auto calibrated = in.optional_string("calibrated_parameters")) {
    if (calibrated->empty())
      throw in.error("calibrated_parameters",
                     "names no file (give a calibrated_parameters.toml, or leave the key out "
                     "for the derived rates)");
    if (s.day_services.empty()) throw in.error("calibrated_parameters", "needs inputs.day_services");
    s.calibrated_parameters = relative_to(file, *calibrated);
    s.calibrated_parameters_at = in.error("calibrated_parameters", {}).where();
  }
  // A folder named where a file is expected is said so at the key, before any file is read.
  const auto not_a_folder = [&](const char* key, const std::filesystem::path& path) {
    std::error_code error;
    if (!path.empty() && std::filesystem::is_directory(path, error))
      throw in.error(key, "'" + path.filename().string() + "' is a folder, not a file");
  };
  for (const auto& [key, path] : std::initializer_list<std::pair<const char*, const std::filesystem::path*>>{
           {"data_sources", &s.data_sources},
           {"population_projection", &s.population_projection},
           {"life_table", &s.life_table},
           {"care_need", &s.care_need},
           {"day_services", &s.day_services},
           {"unit_costs", &s.unit_costs},
           {"gdp_deflator", &s.gdp_deflator},
           {"calibrated_parameters", &s.calibrated_parameters}})
    not_a_folder(key, *path);
  for (const auto& [key, paths] :
       std::initializer_list<std::pair<const char*, const std::vector<std::filesystem::path>*>>{
           {"population_estimates", &s.population_estimates}, {"usage", &s.usage}, {"engagement", &s.engagement}})
    for (const std::filesystem::path& path : *paths) not_a_folder(key, path);
  if (s.base_year_users_observed && s.usage.empty()) {
    if (usage_written)  // an empty list where the counts were expected: named where it is written
      throw InputError(s.usage_at, "an empty list, but run.base_year_users = \"observed\" needs the counts to meet");
    throw run.error("base_year_users", "\"observed\" needs inputs.usage (the counts to meet)");
  }
  if (s.parameter_uncertainty && s.calibrated_parameters.empty())
    throw run.error("parameter_uncertainty", "needs inputs.calibrated_parameters (the distribution to draw from)");

  if (const toml::table* calibration = top.optional_table("calibration")) {
    const TomlFields c(file, *calibration, "calibration");
    c.only_keys({"free", "replications", "master_seed", "output_dir", "users_compared_with", "fit_to_year",
                 "max_evaluations", "history_from", "validate_to_year"});
    CalibrationSettings& settings = s.calibration;
    settings.present = true;
    settings.line = calibration->source().begin.line;
    settings.free = c.string_array("free");
    if (settings.free.empty()) throw c.error("free", "name at least one parameter to fit");
    for (const std::string& name : settings.free) {
      bool known = false;
      for (const auto& info : model::kFreeParameters) known = known || info.name == name;
      if (!known)
        throw c.error("free", "'" + name +
                                  "' is not a free parameter (start_scale, continuation, external_choice_constant, "
                                  "dementia_onset_multiplier, physical_support_start_18_64, "
                                  "physical_support_start_65_over)");
    }
    settings.replications = static_cast<int>(c.optional_integer("replications", 1, 1000).value_or(10));
    settings.master_seed = static_cast<std::uint64_t>(c.optional_integer("master_seed", 0, kMaxSeed).value_or(1));
    settings.output_dir = c.string("output_dir");
    const std::string compared = c.optional_string("users_compared_with").value_or("users");
    if (compared != "users" && compared != "demand")
      throw c.error("users_compared_with", "'" + compared + "' is not users or demand");
    settings.users_as_demand = compared == "demand";
    if (const auto year = c.optional_integer("fit_to_year", kEarliestYear, kLatestYear)) {
      settings.fit_to_year = static_cast<int>(*year);
      settings.fit_to_year_at = c.error("fit_to_year", {}).where();
    }
    settings.max_evaluations = static_cast<int>(c.optional_integer("max_evaluations", 5, 10000).value_or(60));
    if (const auto year = c.optional_integer("history_from", kEarliestYear, kLatestYear)) {
      settings.history_from = static_cast<int>(*year);
      settings.history_from_at = c.error("history_from", {}).where();
      if (*settings.history_from > s.base_year)
        throw c.error("history_from", std::to_string(*settings.history_from) + " is after the base year " +
                                          std::to_string(s.base_year) + ": the history must start by then");
      if (*settings.history_from < s.base_year && s.population_estimates.empty())
        throw c.error("history_from",
                      "a history before the base year needs inputs.population_estimates "
                      "(the mid-year estimates its population is built from)");
    }
    if (const auto year = c.optional_integer("validate_to_year", kEarliestYear, kLatestYear)) {
      settings.validate_to_year = static_cast<int>(*year);
      settings.validate_to_year_at = c.error("validate_to_year", {}).where();
      if (settings.fit_to_year && *settings.validate_to_year >= *settings.fit_to_year)
        throw c.error("validate_to_year", "must be before fit_to_year " + std::to_string(*settings.fit_to_year) +
                                              " (the backcast predicts observations the estimate uses)");
    }
    if (s.usage.empty()) throw c.error("free", "calibration needs inputs.usage (the observed counts to fit)");
  }

  if (const toml::array* assumptions = top.optional_array_of_tables("assumption")) {
    for (const toml::node& entry : *assumptions) {
      const TomlFields a(file, *entry.as_table(), "assumption");
      a.only_keys({"name", "statement"});
      s.assumptions.push_back({a.string("name"), a.string("statement")});
    }
  }
  if (const toml::table* levers = top.optional_table("levers")) {
    s.levers = read_levers(TomlFields(file, *levers, "levers"), s.base_year, s.horizon);
  }
  // [area.<code>.levers]: one area's levers in a multi-area run, in place of [levers] for that area.
  if (const toml::table* areas = top.optional_table("area")) {
    for (auto&& [key, node] : *areas) {
      const std::string code(key.str());
      const std::string field = "area." + code;
      if (!s.multi_area())
        throw top.error_at(key.source(), field, "per-area settings need several areas ([scenario] areas)");
      if (!s.all_areas && std::find(s.areas.begin(), s.areas.end(), code) == s.areas.end())
        throw top.error_at(key.source(), field, "'" + code + "' is not one of the scenario's areas");
      const toml::table* table = node.as_table();
      if (table == nullptr) throw top.error_at(key.source(), field, "expected a table, e.g. [" + field + ".levers]");
      const TomlFields per_area(file, *table, field);
      per_area.only_keys({"levers"});
      s.area_levers[code] =
          read_levers(TomlFields(file, per_area.table("levers"), field + ".levers"), s.base_year, s.horizon);
    }
  }
  if (const toml::table* forecast = top.optional_table("forecast"))
    read_forecast(TomlFields(file, *forecast, "forecast"), s);
  if (const toml::table* finance = top.optional_table("finance")) {
    s.finance = read_finance(TomlFields(file, *finance, "finance"), s.base_year, s.horizon);
  }
  if (s.multi_area())
    check_multi_area(s, [&](const std::string& key, const std::string& problem) {
      if (const toml::node* node = root.at_path(key).node()) return top.error_at(node->source(), key, problem);
      return InputError({file, 0, 0, key}, problem);
    });
  return s;
}

Scenario scenario_for_area(const Scenario& scenario, const std::string& area_code) {
  Scenario area = scenario;
  area.area_code = area_code;
  area.areas.clear();
  area.all_areas = false;
  area.one_of_areas = true;
  if (const auto own = scenario.area_levers.find(area_code); own != scenario.area_levers.end())
    area.levers = own->second;
  area.area_levers.clear();
  return area;
}

std::filesystem::path area_calibrated_parameters(const Scenario& scenario) {
  std::string path = scenario.calibrated_parameters.string();
  for (std::size_t at = path.find(kAreaCodePlaceholder); at != std::string::npos;
       at = path.find(kAreaCodePlaceholder, at + scenario.area_code.size()))
    path.replace(at, kAreaCodePlaceholder.size(), scenario.area_code);
  return path;
}

void apply_overrides(Scenario& scenario, const ScenarioOverrides& overrides) {
  const auto fail = [&](const std::string& option, const std::string& problem) {
    throw InputError({"command line", 0, 0, option}, problem);
  };
  if (overrides.replications) {
    if (*overrides.replications < 1 || *overrides.replications > kMaxReplications) {
      fail("--replications", "must be between 1 and " + std::to_string(kMaxReplications));
    }
    scenario.replications = *overrides.replications;
  }
  if (overrides.master_seed) {
    if (*overrides.master_seed > static_cast<std::uint64_t>(kMaxSeed)) fail("--seed", "must be at most 2^63-1");
    scenario.master_seed = *overrides.master_seed;
  }
  if (overrides.threads) {
    if (*overrides.threads < 0 || *overrides.threads > kMaxThreads) {
      fail("--threads", "must be between 0 (all cores) and " + std::to_string(kMaxThreads));
    }
    scenario.threads = *overrides.threads;
  }
  if (overrides.horizon) {
    if (*overrides.horizon < scenario.base_year)
      fail("--horizon", "must not be before the base year " + std::to_string(scenario.base_year));
    scenario.horizon = *overrides.horizon;
    scenario.horizon_at = {"command line", 0, 0, "--horizon"};
  }
  if (overrides.output_dir) scenario.output_dir = *overrides.output_dir;
  if (overrides.areas) {
    const auto problem = [&](const std::string& text) { return InputError({"command line", 0, 0, "--areas"}, text); };
    std::vector<std::string> codes;
    if (*overrides.areas != "all") {
      std::stringstream list(*overrides.areas);
      for (std::string code; std::getline(list, code, ',');) codes.push_back(code);
      if (codes.empty()) throw problem("expected \"all\" or area codes separated by commas");
    }
    scenario.all_areas = codes.empty();
    scenario.areas = codes;
    scenario.area_code.clear();
    scenario.area_code_at = {"command line", 0, 0, "--areas"};
    set_areas(scenario, codes, problem);
  }
  if (overrides.calibrated_parameters) {
    if (scenario.day_services.empty()) fail("--calibration", "the scenario has no day services to calibrate");
    if (overrides.calibrated_parameters->empty())
      fail("--calibration", "names no file (give a calibrated_parameters.toml, or \"none\" for the derived rates)");
    if (*overrides.calibrated_parameters == "none") {
      // The derived rates alone, for a sensitivity run: the scenario's calibration and its draws are set aside.
      scenario.calibrated_parameters.clear();
      scenario.parameter_uncertainty = false;
    } else {
      scenario.calibrated_parameters = *overrides.calibrated_parameters;
      scenario.calibrated_parameters_at = {"command line", 0, 0, "--calibration"};
    }
  }
  if (scenario.multi_area() && (overrides.areas || overrides.calibrated_parameters)) {
    const char* option = overrides.calibrated_parameters ? "--calibration" : "--areas";
    check_multi_area(scenario, [&](const std::string& key, const std::string& text) {
      return InputError({"command line", 0, 0, option}, "the scenario's " + key + " " + text);
    });
  }
  if (overrides.parameter_uncertainty) {
    if (scenario.calibrated_parameters.empty())
      fail("--parameter-uncertainty",
           "needs calibrated parameters (--calibration FILE or inputs.calibrated_parameters)");
    scenario.parameter_uncertainty = true;
  }
}

std::string resolved_scenario_toml(const Scenario& scenario) {
  toml::table root = parse_toml_text(scenario.merged_toml, scenario.file);
  toml::table& sc = *root["scenario"].as_table();
  sc.insert_or_assign("horizon", scenario.horizon);
  if (scenario.multi_area()) {
    sc.erase("area_code");
    if (scenario.all_areas) {
      sc.insert_or_assign("areas", "all");
    } else {
      toml::array codes;
      for (const std::string& code : scenario.areas) codes.push_back(code);
      sc.insert_or_assign("areas", std::move(codes));
    }
  } else {
    sc.erase("areas");
    sc.insert_or_assign("area_code", scenario.area_code);
  }
  toml::table& run = *root["run"].as_table();
  run.insert_or_assign("replications", scenario.replications);
  run.insert_or_assign("master_seed", static_cast<std::int64_t>(scenario.master_seed));
  run.insert_or_assign("threads", scenario.threads);
  run.insert_or_assign("output_dir", scenario.output_dir.string());
  if (scenario.parameter_uncertainty) run.insert_or_assign("parameter_uncertainty", true);
  if (!scenario.calibrated_parameters.empty()) {
    if (toml::table* in = root["inputs"].as_table())
      in->insert_or_assign("calibrated_parameters", scenario.calibrated_parameters.string());
  }
  std::ostringstream out;
  out << "# Resolved scenario: " << scenario.file.string()
      << (scenario.inherits.empty() ? "" : " (merged over " + scenario.inherits.string() + ")")
      << " with command-line overrides applied.\n"
      << root << "\n";
  return out.str();
}

}  // namespace dayopps::inputs
