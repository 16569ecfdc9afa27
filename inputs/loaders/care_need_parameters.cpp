#include "inputs/loaders/care_need_parameters.hpp"

#include <algorithm>
#include <array>
#include <sstream>

#include "inputs/loaders/area_code.hpp"
#include "inputs/loaders/toml_fields.hpp"
#include "model/age_sex.hpp"

namespace dayopps::inputs {

namespace {

struct ParameterSpec {
  const char* name;
  const char* unit;
  double max_value;
};

// Every parameter the care-need model reads, with its unit and the largest value that makes sense.
constexpr std::array<ParameterSpec, 12> kSpecs = {{
    {"learning_disability_moderate_severe_prevalence", "proportion of all residents", 1.0},
    {"learning_disability_mild_prevalence", "proportion of all residents", 1.0},
    {"learning_disability_moderate_severe_excess_mortality", "ratio to population death probability", 100.0},
    {"learning_disability_mild_excess_mortality", "ratio to population death probability", 100.0},
    {"learning_disability_moderate_severe_entry_trend", "relative change per year", 1.0},
    {"autism_prevalence_with_learning_disability", "proportion", 1.0},
    {"autism_prevalence_without_learning_disability", "proportion", 1.0},
    {"dementia_prevalence", "proportion", 1.0},
    {"dementia_excess_mortality", "ratio to population death probability", 100.0},
    {"physical_disability_moderate_prevalence", "proportion", 1.0},
    {"physical_disability_serious_prevalence", "proportion", 1.0},
    {"physical_disability_serious_excess_mortality", "ratio to population death probability", 100.0},
}};

const ParameterSpec* find_spec(const std::string& name) {
  for (const ParameterSpec& s : kSpecs) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

std::string spec_names() {
  std::string names;
  for (const ParameterSpec& s : kSpecs) names += (names.empty() ? "" : ", ") + std::string(s.name);
  return names;
}

// Bands of one area (empty: the default) and one sex (or of both, sex = -1) must tile 0..90.
void check_coverage(const std::filesystem::path& file, const Parameter& p, const std::string& area, int sex) {
  std::vector<const ParameterBand*> bands;
  for (const ParameterBand& b : p.bands) {
    if (b.area == area && (b.sex == sex || b.sex == -1)) bands.push_back(&b);
  }
  std::sort(bands.begin(), bands.end(), [](auto* a, auto* b) { return a->first_age < b->first_age; });
  int next_age = 0;
  const std::string who = (sex < 0 ? "" : std::string(" for ") + std::string(model::sex_name(sex))) +
                          (area.empty() ? "" : " in area " + area);
  for (const ParameterBand* b : bands) {
    if (b->first_age != next_age) {
      throw InputError(
          b->ages_at,
          b->first_age > next_age
              ? "ages " + std::to_string(next_age) + "-" + std::to_string(b->first_age - 1) + " are not covered" + who
              : "band starting at age " + std::to_string(b->first_age) + " overlaps an earlier band" + who);
    }
    next_age = b->last_age + 1;
  }
  if (next_age != model::kAgeCount) {
    throw InputError(bands.empty() ? InputLocation{file, 0, 0, "parameter." + p.name} : bands.back()->ages_at,
                     "ages " + std::to_string(next_age) + "-90 are not covered" + who);
  }
}

}  // namespace

double Parameter::value(int sex, int age) const {
  for (const ParameterBand& b : bands) {
    if ((b.sex == -1 || b.sex == sex) && age >= b.first_age && age <= b.last_age) return b.value;
  }
  throw std::logic_error("parameter " + name + " has no band for this age");  // excluded by validation
}

bool Parameter::any_assumption() const {
  return std::any_of(bands.begin(), bands.end(), [](const ParameterBand& b) { return b.assumption; });
}

CareNeedParameters load_care_need_parameters(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  const TomlFields top(file, root, "");
  top.only_keys({"parameter"});
  const toml::table& table = top.table("parameter");
  CareNeedParameters result;
  result.file = file;

  for (auto&& [key, node] : table) {
    const std::string name(key.str());
    const ParameterSpec* spec = find_spec(name);
    const TomlFields parameters(file, table, "parameter");
    if (spec == nullptr)
      throw parameters.error_at(key.source(), name, "unknown parameter (known: " + spec_names() + ")");
    const TomlFields fields(file, parameters.table(name), "parameter." + name);
    fields.only_keys({"unit", "meaning", "band"});
    Parameter p;
    p.name = name;
    p.unit = fields.string("unit");
    if (p.unit != spec->unit)
      throw fields.error("unit", "expected '" + std::string(spec->unit) + "', found '" + p.unit + "'");
    p.meaning = fields.string("meaning");
    const toml::array* bands = fields.optional_array_of_tables("band");
    if (bands == nullptr) throw fields.error("band", "at least one [[parameter." + name + ".band]] is needed");
    for (const toml::node& entry : *bands) {
      const TomlFields b(file, *entry.as_table(), "parameter." + name + ".band");
      b.only_keys({"ages", "sex", "value", "assumption", "source", "derivation", "area"});
      ParameterBand band;
      band.line = static_cast<long>(entry.source().begin.line);
      band.ages_at = b.error("ages", {}).where();
      band.value_at = b.error("value", {}).where();
      const toml::node* ages = entry.as_table()->get("ages");
      if (ages == nullptr || !ages->is_array() || ages->as_array()->size() != 2 ||
          !ages->as_array()->get(0)->is_integer() || !ages->as_array()->get(1)->is_integer()) {
        throw b.error("ages", "expected [first_age, last_age], e.g. [65, 69]; 90 means 90 and over");
      }
      // Checked as read (64-bit), before narrowing: 4294967361 must not pass as 65.
      const std::int64_t first = ages->as_array()->get(0)->as_integer()->get();
      const std::int64_t last = ages->as_array()->get(1)->as_integer()->get();
      if (first < 0 || last > model::kOpenAgeGroup || first > last) {
        throw b.error("ages", "must satisfy 0 <= first <= last <= 90");
      }
      band.first_age = static_cast<int>(first);
      band.last_age = static_cast<int>(last);
      const std::string sex = b.optional_string("sex").value_or("all");
      if (sex == "female") {
        band.sex = 0;
      } else if (sex == "male") {
        band.sex = 1;
      } else if (sex != "all") {
        throw b.error("sex", "'" + sex + "' is not one of: all,female,male");
      }
      const std::optional<double> value = b.optional_number("value", 0.0, 1e9);
      if (!value) throw b.error("value", "required key is missing");
      if (*value > spec->max_value) {
        std::ostringstream text;
        text << *value << " is above " << spec->max_value << " (" << spec->unit << ")";
        if (spec->max_value == 1.0 && *value <= 100.0) text << "; write a percentage such as 45% as 0.45";
        throw b.error("value", text.str());
      }
      band.value = *value;
      const toml::node* assumption = entry.as_table()->get("assumption");
      if (assumption == nullptr || !assumption->is_boolean()) {
        throw b.error("assumption", "required: true if this is not a published figure, false if it is");
      }
      band.assumption = assumption->as_boolean()->get();
      band.source = b.string("source");
      band.derivation = b.optional_string("derivation").value_or("");
      band.area = b.optional_string("area").value_or("");
      if (!band.area.empty() && !is_ons_area_code(band.area))
        throw b.error("area", "'" + band.area + "' is not an ONS area code (a letter and 8 digits, e.g. E08000025)");
      if (band.assumption && band.derivation.empty()) {
        throw b.error("derivation",
                      "an assumption must say how its value was derived from the nearest published figure");
      }
      p.bands.push_back(band);
    }
    std::vector<std::string> areas = {""};  // the default bands, then each area with its own
    for (const ParameterBand& b : p.bands)
      if (std::find(areas.begin(), areas.end(), b.area) == areas.end()) areas.push_back(b.area);
    for (const std::string& area : areas) {
      const auto in_area = [&](const ParameterBand& x) { return x.area == area; };
      const bool by_sex =
          std::any_of(p.bands.begin(), p.bands.end(), [&](const ParameterBand& x) { return in_area(x) && x.sex >= 0; });
      const bool both =
          std::any_of(p.bands.begin(), p.bands.end(), [&](const ParameterBand& x) { return in_area(x) && x.sex < 0; });
      if (by_sex && both) throw fields.error("band", "mixes bands for both sexes with sex-specific bands");
      if (by_sex) {
        check_coverage(file, p, area, 0);
        check_coverage(file, p, area, 1);
      } else {
        check_coverage(file, p, area, -1);
      }
    }
    result.parameters.emplace(name, std::move(p));
  }
  for (const ParameterSpec& spec : kSpecs) {
    if (result.parameters.count(spec.name) == 0) {
      throw top.error("parameter", "missing [parameter." + std::string(spec.name) + "]");
    }
  }
  return result;
}

CareNeedParameters for_area(const CareNeedParameters& parameters, const std::string& area_code) {
  CareNeedParameters result = parameters;
  for (auto& [name, p] : result.parameters) {
    const bool own =
        std::any_of(p.bands.begin(), p.bands.end(), [&](const ParameterBand& b) { return b.area == area_code; });
    std::erase_if(p.bands, [&](const ParameterBand& b) { return b.area != (own ? area_code : std::string()); });
  }
  return result;
}

}  // namespace dayopps::inputs
