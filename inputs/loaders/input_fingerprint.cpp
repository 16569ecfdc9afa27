#include "inputs/loaders/input_fingerprint.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "inputs/loaders/file_digest.hpp"
#include "inputs/loaders/toml_fields.hpp"
#include "model/age_sex.hpp"
#include "model/population.hpp"

namespace dayopps::inputs {

namespace {

// Every double as the shortest text that reads back to the same value: "0.004268" and "4.268e-3" agree.
std::string number_text(double x) {
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%.17g", x);
  return text.data();
}

// A scalar of a TOML file as canonical text, with its type (so 1 and 1.0 stay different, as the loaders see them).
std::string scalar_text(const toml::node& node) {
  if (const auto* s = node.as_string()) return "s:" + s->get();
  if (const auto* i = node.as_integer()) return "i:" + std::to_string(i->get());
  if (const auto* d = node.as_floating_point()) return "f:" + number_text(d->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "b:true" : "b:false";
  std::ostringstream other;  // dates and times: toml++'s own text, which does not depend on how it was written
  node.visit([&](const auto& value) { other << value; });
  return "t:" + other.str();
}

// Adds a record for `table` (its scalars and arrays of scalars) and recurses into the tables it holds.
void add_table_records(InputFingerprint& fingerprint, const toml::table& table, const std::string& path) {
  std::string values;
  for (auto&& [key, node] : table) {  // toml++ keeps keys sorted, so the order of the file does not matter
    if (node.is_table()) continue;
    if (const auto* array = node.as_array(); array != nullptr && array->is_array_of_tables()) continue;
    values += std::string(key.str()) + "=";
    if (const auto* array = node.as_array()) {
      values += "[";
      for (const toml::node& element : *array) values += scalar_text(element) + ";";
      values += "]";
    } else {
      values += scalar_text(node);
    }
    values += "\n";
  }
  if (!values.empty()) {
    const auto& begin = table.source().begin;
    fingerprint.add(path.empty() ? "(top level)" : path, values,
                    {fingerprint.file, static_cast<long>(begin.line), static_cast<long>(begin.column), path});
  }
  for (auto&& [key, node] : table) {
    const std::string child = path.empty() ? std::string(key.str()) : path + "." + std::string(key.str());
    if (const auto* inner = node.as_table()) add_table_records(fingerprint, *inner, child);
    if (const auto* array = node.as_array(); array != nullptr && array->is_array_of_tables()) {
      for (std::size_t k = 0; k < array->size(); ++k)
        add_table_records(fingerprint, *(*array)[k].as_table(), child + "[" + std::to_string(k + 1) + "]");
    }
  }
}

}  // namespace

std::string record_digest_of(const std::string& text) { return sha256_hex_of(text).substr(0, 16); }

void InputFingerprint::add(std::string key, const std::string& canonical_values, InputLocation at) {
  records.push_back({std::move(key), record_digest_of(canonical_values), std::move(at)});
}

std::string InputFingerprint::digest() const {
  // By key, so that the digest does not depend on the order records are listed in (a TOML table sorts them).
  std::vector<std::string> lines;
  for (const FingerprintRecord& r : records) lines.push_back(r.key + "\t" + r.digest + "\n");
  std::sort(lines.begin(), lines.end());
  std::string all;
  for (const std::string& line : lines) all += line;
  return sha256_hex_of(all);
}

InputFingerprint population_fingerprint(const std::string& role, const std::filesystem::path& file,
                                        const PopulationTable& area) {
  InputFingerprint fingerprint{role, file, {}};
  for (int year = area.first_year; year <= area.last_year(); ++year) {
    for (int sex = 0; sex < model::kSexCount; ++sex) {
      std::string values;
      for (int age = 0; age < model::kAgeCount; ++age)
        values += std::to_string(std::llround(area.people(year - area.first_year, model::cell_index(sex, age)))) + ",";
      fingerprint.add(area.area_code + " " + std::to_string(year) + " " + std::string(model::sex_name(sex)), values,
                      {file, 0, 0, "population"});
    }
  }
  return fingerprint;
}

InputFingerprint life_table_fingerprint(const std::string& role, const std::filesystem::path& file,
                                        const LifeTable& table) {
  InputFingerprint fingerprint{role, file, {}};
  for (int sex = 0; sex < model::kSexCount; ++sex) {
    const LifeTableSex& columns = sex == 0 ? table.female : table.male;
    std::string values;
    for (std::size_t age = 0; age < columns.qx.size(); ++age)
      values +=
          number_text(columns.mx[age]) + "," + number_text(columns.qx[age]) + "," + number_text(columns.dx[age]) + "\n";
    fingerprint.add(table.period + " " + std::string(model::sex_name(sex)), values, {file, 0, 0, "qx"});
  }
  return fingerprint;
}

InputFingerprint usage_fingerprint(const std::string& role, const std::filesystem::path& file,
                                   const std::vector<UsageObservation>& counts) {
  InputFingerprint fingerprint{role, file, {}};
  for (const UsageObservation& o : counts)
    fingerprint.add(o.label + ", " + std::to_string(o.year), number_text(o.count), o.count_at);
  return fingerprint;
}

InputFingerprint engagement_fingerprint(const std::string& role, const std::filesystem::path& file,
                                        const EngagementPrior& tallies) {
  InputFingerprint fingerprint{role, file, {}};
  for (int s = 1; s < model::kServiceCount; ++s)
    fingerprint.add("respondents preferring " + std::string(model::kServiceNames[static_cast<std::size_t>(s)]),
                    number_text(tallies.respondents[static_cast<std::size_t>(s)]), {file, 0, 0, "count"});
  fingerprint.add("respondents preferring another option", number_text(tallies.respondents_other),
                  {file, 0, 0, "count"});
  return fingerprint;
}

InputFingerprint toml_fingerprint(const std::string& role, const std::filesystem::path& file) {
  InputFingerprint fingerprint{role, file, {}};
  add_table_records(fingerprint, parse_toml_file(file), "");
  return fingerprint;
}

}  // namespace dayopps::inputs
