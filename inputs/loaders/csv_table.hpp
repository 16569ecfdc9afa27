#pragma once
// A strict reader for the tidy CSV tables dayopps ships and councils supply: one header row, then one
// record per line. Accepted: quoted fields ("a, b" and doubled quotes), Windows line endings, trailing
// blank lines. Rejected with file/line/column: a byte-order mark, a header other than the expected one,
// a row with the wrong number of fields, blank lines between records, unterminated quotes.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "inputs/loaders/input_error.hpp"

namespace dayopps::inputs {

class CsvTable;

class CsvRow {
 public:
  CsvRow(const CsvTable& table, long line, std::vector<std::string> fields)
      : table_(&table), line_(line), fields_(std::move(fields)) {}

  long line() const { return line_; }
  const std::string& text(std::string_view column) const;  // non-empty
  const std::string& raw(std::string_view column) const;   // as in the file, possibly empty
  // Whole number in [min, max]; rejects "12.0", "1,234", "#N/A", blanks.
  std::int64_t integer(std::string_view column, std::int64_t min, std::int64_t max) const;
  // Finite number >= min (the whole field must be the number).
  double number(std::string_view column, double min) const;
  // One of the allowed spellings; returns its index.
  int choice(std::string_view column, std::span<const std::string_view> allowed) const;

  InputError error(std::string_view column, const std::string& problem) const;

 private:
  std::size_t index_of(std::string_view column) const;
  const CsvTable* table_;
  long line_;
  std::vector<std::string> fields_;
};

class CsvTable {
 public:
  // Reads the whole file; the header must equal expected_columns exactly and in order.
  CsvTable(const std::filesystem::path& file, std::span<const std::string_view> expected_columns);
  CsvTable(const CsvTable&) = delete;  // rows point back at their table
  CsvTable& operator=(const CsvTable&) = delete;

  const std::filesystem::path& file() const { return file_; }
  const std::vector<std::string>& columns() const { return columns_; }
  const std::vector<CsvRow>& rows() const { return rows_; }
  long last_line() const { return last_line_; }

 private:
  std::filesystem::path file_;
  std::vector<std::string> columns_;
  std::vector<CsvRow> rows_;
  long last_line_ = 0;
};

}  // namespace dayopps::inputs
