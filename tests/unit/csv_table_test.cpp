#include "inputs/loaders/csv_table.hpp"

#include <gtest/gtest.h>

#include <array>

#include "test_support.hpp"

namespace dayopps::inputs {
namespace {

using testing::expect_input_error;
constexpr std::array<std::string_view, 3> kColumns = {"name", "count", "share"};

TEST(CsvTable, ReadsQuotedFieldsWindowsLineEndingsAndTrailingBlankLines) {
  testing::TempFolder folder;
  const auto file = folder.write("t.csv", "name,count,share\r\n\"Smith, J \"\"Jo\"\"\",12,0.5\r\nplain,0,1\r\n\r\n\n");
  const CsvTable table(file, kColumns);
  ASSERT_EQ(table.rows().size(), 2u);
  EXPECT_EQ(table.rows()[0].text("name"), "Smith, J \"Jo\"");
  EXPECT_EQ(table.rows()[0].integer("count", 0, 100), 12);
  EXPECT_DOUBLE_EQ(table.rows()[0].number("share", 0.0), 0.5);
  EXPECT_EQ(table.rows()[1].line(), 3);
}

TEST(CsvTable, RejectsWrongHeader) {
  testing::TempFolder folder;
  const auto file = folder.write("t.csv", "name,cnt,share\nx,1,0\n");
  expect_input_error([&] { CsvTable(file, kColumns); }, file, 1, 0, "", "wrong header: expected 'name,count,share'");
}

TEST(CsvTable, RejectsByteOrderMark) {
  testing::TempFolder folder;
  const auto file = folder.write("t.csv", "\xEF\xBB\xBFname,count,share\nx,1,0\n");
  expect_input_error([&] { CsvTable(file, kColumns); }, file, 1, 1, "", "byte-order mark");
}

TEST(CsvTable, RejectsShortRowsBlankLinesAndBadQuotes) {
  testing::TempFolder folder;
  const auto short_row = folder.write("a.csv", "name,count,share\nx,1\n");
  expect_input_error([&] { CsvTable(short_row, kColumns); }, short_row, 2, 0, "", "expected 3 fields, found 2");
  const auto blank = folder.write("b.csv", "name,count,share\nx,1,0\n\ny,2,0\n");
  expect_input_error([&] { CsvTable(blank, kColumns); }, blank, 3, 0, "", "blank line inside the table");
  const auto quote = folder.write("c.csv", "name,count,share\n\"x,1,0\n");
  expect_input_error([&] { CsvTable(quote, kColumns); }, quote, 2, 1, "", "malformed quoted field");
  const auto empty = folder.write("d.csv", "");
  expect_input_error([&] { CsvTable(empty, kColumns); }, empty, 0, 0, "", "empty");
}

TEST(CsvTable, FieldParsersNameLineColumnAndField) {
  testing::TempFolder folder;
  const auto file = folder.write("t.csv", "name,count,share\nx,\"1,234\",#N/A\ny,,-0.5\nz,12.0,0.1\n");
  const CsvTable table(file, kColumns);
  const auto& rows = table.rows();
  expect_input_error([&] { rows[0].integer("count", 0, 10000); }, file, 2, 2, "count", "'1,234' is not a whole number");
  expect_input_error([&] { rows[0].number("share", 0.0); }, file, 2, 3, "share", "'#N/A' is not a number");
  expect_input_error([&] { rows[1].integer("count", 0, 10); }, file, 3, 2, "count", "missing value");
  expect_input_error([&] { rows[1].number("share", 0.0); }, file, 3, 3, "share", "below the minimum 0");
  expect_input_error([&] { rows[2].integer("count", 0, 10); }, file, 4, 2, "count", "'12.0' is not a whole number");
  expect_input_error([&] { rows[2].integer("share", 0, 10); }, file, 4, 3, "share", "not a whole number");
}

TEST(CsvTable, MissingFileIsAnInputError) {
  expect_input_error([] { CsvTable("/nonexistent/x.csv", kColumns); }, "/nonexistent/x.csv", 0, 0, "",
                     "does not exist");
}

TEST(CsvTable, AFolderIsNotReadAsAnEmptyFile) {
  testing::TempFolder folder;
  expect_input_error([&] { CsvTable(folder.path(), kColumns); }, folder.path(), 0, 0, "", "is a folder, not a file");
}

TEST(CsvTable, ARepeatedHeaderIsNamedWithItsLine) {
  testing::TempFolder folder;
  const auto file = folder.write("twice.csv", "name,count,share\nx,1,0.5\nname,count,share\ny,2,0.5\n");
  expect_input_error([&] { CsvTable(file, kColumns); }, file, 3, 1, "name", "the header row is repeated");
}

}  // namespace
}  // namespace dayopps::inputs
