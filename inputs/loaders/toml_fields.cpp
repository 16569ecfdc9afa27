#include "inputs/loaders/toml_fields.hpp"

#include "inputs/loaders/input_file.hpp"

#include <algorithm>

#include <fstream>
#include <sstream>

namespace dayopps::inputs {

namespace {

std::string list(std::span<const std::string_view> names) {
  std::string text;
  for (const std::string_view n : names) text += (text.empty() ? "" : ", ") + std::string(n);
  return text;
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a decimal number";
    case toml::node_type::boolean:
      return "true/false";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    default:
      return "a date or time";
  }
}

}  // namespace

std::string TomlFields::qualified(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

const toml::node* TomlFields::node(std::string_view key) const { return table_.get(key); }

InputError TomlFields::error_at(const toml::source_region& where, std::string_view key,
                                const std::string& problem) const {
  // A value inherited from another file (a scenario's baseline) carries that file's name.
  const std::filesystem::path file = where.path ? std::filesystem::path(*where.path) : file_;
  return InputError({file, static_cast<long>(where.begin.line), static_cast<long>(where.begin.column), qualified(key)},
                    problem);
}

InputError TomlFields::error(std::string_view key, const std::string& problem) const {
  const toml::node* n = node(key);
  if (n != nullptr) return error_at(n->source(), key, problem);
  return error_at(table_.source(), key, problem);
}

void TomlFields::only_keys(std::initializer_list<std::string_view> allowed) const {
  only_keys(std::span<const std::string_view>(allowed.begin(), allowed.size()));
}

void TomlFields::only_keys(std::span<const std::string_view> allowed) const {
  for (auto&& [key, value] : table_) {
    bool known = false;
    for (const std::string_view a : allowed) known = known || key.str() == a;
    if (!known) {
      throw error_at(key.source(), key.str(), "unknown key (allowed here: " + list(allowed) + ")");
    }
  }
}

std::optional<std::string> TomlFields::optional_string(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_string()) throw error(key, "expected a string, found " + type_name(*n));
  return n->as_string()->get();
}

std::string TomlFields::string(std::string_view key) const {
  auto value = optional_string(key);
  if (!value) throw error(key, "required key is missing");
  if (value->empty()) throw error(key, "must not be empty");
  return *value;
}

std::optional<std::int64_t> TomlFields::optional_integer(std::string_view key, std::int64_t min,
                                                         std::int64_t max) const {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  if (!n->is_integer()) throw error(key, "expected a whole number, found " + type_name(*n));
  const std::int64_t value = n->as_integer()->get();
  if (value < min || value > max) {
    throw error(key, std::to_string(value) + " is out of range (allowed " + std::to_string(min) + " to " +
                         std::to_string(max) + ")");
  }
  return value;
}

std::int64_t TomlFields::integer(std::string_view key, std::int64_t min, std::int64_t max) const {
  auto value = optional_integer(key, min, max);
  if (!value) throw error(key, "required key is missing");
  return *value;
}

std::optional<double> TomlFields::optional_number(std::string_view key, double min, double max) const {
  const toml::node* n = node(key);
  if (n == nullptr) return std::nullopt;
  double value = 0.0;
  if (n->is_floating_point()) {
    value = n->as_floating_point()->get();
  } else if (n->is_integer()) {
    value = static_cast<double>(n->as_integer()->get());
  } else {
    throw error(key, "expected a number, found " + type_name(*n));
  }
  if (!(value >= min && value <= max)) {
    std::ostringstream text;
    text << value << " is out of range (allowed " << min << " to " << max << ")";
    throw error(key, text.str());
  }
  return value;
}

std::vector<std::string> TomlFields::string_array(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) return {};
  if (!n->is_array()) throw error(key, "expected an array of strings, found " + type_name(*n));
  std::vector<std::string> values;
  for (const toml::node& element : *n->as_array()) {
    if (!element.is_string()) throw error_at(element.source(), key, "expected a string, found " + type_name(element));
    // Every list dayopps reads names things (files, centres, years, areas, parameters): one name twice is a slip.
    const std::string& value = element.as_string()->get();
    if (std::find(values.begin(), values.end(), value) != values.end())
      throw error_at(element.source(), key, "'" + value + "' is listed twice");
    values.push_back(value);
  }
  return values;
}

const toml::table* TomlFields::optional_table(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) return nullptr;
  if (!n->is_table()) throw error(key, "expected a table [" + qualified(key) + "], found " + type_name(*n));
  return n->as_table();
}

const toml::table& TomlFields::table(std::string_view key) const {
  const toml::table* t = optional_table(key);
  if (t == nullptr) throw error(key, "required table [" + qualified(key) + "] is missing");
  return *t;
}

double TomlFields::number(std::string_view key, double min, double max) const {
  const std::optional<double> value = optional_number(key, min, max);
  if (!value) throw error(key, "required key is missing");
  return *value;
}

const toml::array* TomlFields::optional_array_of_tables(std::string_view key) const {
  const toml::node* n = node(key);
  if (n == nullptr) return nullptr;
  if (!n->is_array_of_tables()) throw error(key, "expected [[" + qualified(key) + "]] tables, found " + type_name(*n));
  return n->as_array();
}

toml::table parse_toml_text(std::string_view text, const std::filesystem::path& file) {
  try {
    return toml::parse(text, file.string());
  } catch (const toml::parse_error& e) {
    throw InputError({file, static_cast<long>(e.source().begin.line), static_cast<long>(e.source().begin.column), {}},
                     "TOML syntax error: " + std::string(e.description()));
  }
}

toml::table parse_toml_file(const std::filesystem::path& file) {
  std::ifstream in = open_input_file(file);
  std::ostringstream text;
  text << in.rdbuf();
  return parse_toml_text(text.str(), file);
}

}  // namespace dayopps::inputs
