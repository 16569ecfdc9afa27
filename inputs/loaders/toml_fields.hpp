#pragma once
// Strict access to TOML tables: unknown keys and wrong types are errors naming file, line and column.
#include <toml++/toml.h>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "inputs/loaders/input_error.hpp"

namespace dayopps::inputs {

class TomlFields {
 public:
  TomlFields(const std::filesystem::path& file, const toml::table& table, std::string prefix)
      : file_(file), table_(table), prefix_(std::move(prefix)) {}

  // Rejects any key not in `allowed` (catches typos such as "replicatons").
  void only_keys(std::initializer_list<std::string_view> allowed) const;
  void only_keys(std::span<const std::string_view> allowed) const;

  std::optional<std::string> optional_string(std::string_view key) const;
  std::string string(std::string_view key) const;
  std::optional<std::int64_t> optional_integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max) const;
  std::optional<double> optional_number(std::string_view key, double min, double max) const;
  double number(std::string_view key, double min, double max) const;  // required
  std::vector<std::string> string_array(std::string_view key) const;  // missing key = empty
  const toml::table* optional_table(std::string_view key) const;
  const toml::table& table(std::string_view key) const;
  const toml::array* optional_array_of_tables(std::string_view key) const;

  const std::filesystem::path& file() const { return file_; }
  const std::string& prefix() const { return prefix_; }

  InputError error(std::string_view key, const std::string& problem) const;
  InputError error_at(const toml::source_region& where, std::string_view key, const std::string& problem) const;

 private:
  std::string qualified(std::string_view key) const;
  const toml::node* node(std::string_view key) const;
  std::filesystem::path file_;
  const toml::table& table_;
  std::string prefix_;
};

// Parses a TOML file; a syntax error becomes an InputError with its line and column.
toml::table parse_toml_file(const std::filesystem::path& file);
toml::table parse_toml_text(std::string_view text, const std::filesystem::path& file);

}  // namespace dayopps::inputs
