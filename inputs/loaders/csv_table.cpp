#include "inputs/loaders/csv_table.hpp"

#include "inputs/loaders/input_file.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <sstream>

namespace dayopps::inputs {

namespace {

// Splits one line into fields, honouring double quotes. Returns false (and the 1-based column of the
// problem) on an unterminated quote or text after a closing quote.
bool split_fields(std::string_view line, std::vector<std::string>& fields, long& bad_column) {
  fields.clear();
  std::string field;
  std::size_t i = 0;
  for (;;) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      const std::size_t open = i++;
      for (;;) {
        if (i >= line.size()) {
          bad_column = static_cast<long>(open) + 1;
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field += line[i++];
      }
      if (i < line.size() && line[i] != ',') {
        bad_column = static_cast<long>(i) + 1;
        return false;
      }
    } else {
      while (i < line.size() && line[i] != ',') field += line[i++];
    }
    fields.push_back(field);
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::string quoted_list(std::span<const std::string_view> names) {
  std::string text;
  for (std::size_t k = 0; k < names.size(); ++k) text += (k ? "," : "") + std::string(names[k]);
  return text;
}

}  // namespace

CsvTable::CsvTable(const std::filesystem::path& file, std::span<const std::string_view> expected_columns)
    : file_(file) {
  std::ifstream in = open_input_file(file);
  std::string line;
  long line_number = 0;
  long first_blank_line = 0;
  std::vector<std::string> fields;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) {
      throw InputError({file, 1, 1, {}}, "the file starts with a UTF-8 byte-order mark; save it as CSV without BOM");
    }
    if (line.empty()) {
      if (first_blank_line == 0) first_blank_line = line_number;
      continue;
    }
    if (first_blank_line != 0) {
      throw InputError({file, first_blank_line, 0, {}},
                       "blank line inside the table (only trailing blank lines are allowed)");
    }
    long bad_column = 0;
    if (!split_fields(line, fields, bad_column)) {
      throw InputError({file, line_number, bad_column, {}}, "malformed quoted field");
    }
    if (line_number == 1) {
      columns_ = fields;
      bool same = columns_.size() == expected_columns.size();
      for (std::size_t k = 0; same && k < columns_.size(); ++k) same = columns_[k] == expected_columns[k];
      if (!same) {
        throw InputError({file, 1, 0, {}}, "wrong header: expected '" + quoted_list(expected_columns) + "'");
      }
      continue;
    }
    if (fields == columns_) {  // two files pasted together, or a header written twice
      throw InputError({file, line_number, 1, columns_.front()},
                       "the header row is repeated here (first on line 1): two files joined together?");
    }
    if (fields.size() != columns_.size()) {
      throw InputError({file, line_number, 0, {}}, "expected " + std::to_string(columns_.size()) + " fields, found " +
                                                       std::to_string(fields.size()));
    }
    rows_.emplace_back(*this, line_number, fields);
  }
  if (line_number == 0) throw InputError({file, 0, 0, {}}, "the file is empty (expected a header row)");
  last_line_ = line_number;
}

std::size_t CsvRow::index_of(std::string_view column) const {
  const auto& columns = table_->columns();
  for (std::size_t k = 0; k < columns.size(); ++k) {
    if (columns[k] == column) return k;
  }
  throw std::logic_error("CsvRow: no column " + std::string(column));
}

InputError CsvRow::error(std::string_view column, const std::string& problem) const {
  return InputError({table_->file(), line_, static_cast<long>(index_of(column)) + 1, std::string(column)}, problem);
}

const std::string& CsvRow::raw(std::string_view column) const { return fields_[index_of(column)]; }

const std::string& CsvRow::text(std::string_view column) const {
  const std::string& value = fields_[index_of(column)];
  if (value.empty()) throw error(column, "missing value");
  return value;
}

std::int64_t CsvRow::integer(std::string_view column, std::int64_t min, std::int64_t max) const {
  const std::string& value = text(column);
  std::int64_t parsed = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size()) {
    throw error(column, "'" + value + "' is not a whole number");
  }
  if (parsed < min || parsed > max) {
    throw error(column, std::to_string(parsed) + " is out of range (expected " + std::to_string(min) + " to " +
                            std::to_string(max) + ")");
  }
  return parsed;
}

double CsvRow::number(std::string_view column, double min) const {
  const std::string& value = text(column);
  double parsed = 0.0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(parsed)) {
    throw error(column, "'" + value + "' is not a number");
  }
  if (parsed < min) {
    std::ostringstream bound;
    bound << min;
    throw error(column, value + " is below the minimum " + bound.str());
  }
  return parsed;
}

int CsvRow::choice(std::string_view column, std::span<const std::string_view> allowed) const {
  const std::string& value = text(column);
  for (std::size_t k = 0; k < allowed.size(); ++k) {
    if (value == allowed[k]) return static_cast<int>(k);
  }
  throw error(column, "'" + value + "' is not one of: " + quoted_list(allowed));
}

}  // namespace dayopps::inputs
