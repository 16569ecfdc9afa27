#pragma once
// Small helpers shared by the tests: temporary folders and files, and expectations on InputError.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "inputs/loaders/input_error.hpp"

namespace dayopps::testing {

inline std::filesystem::path source_dir() { return DAYOPPS_SOURCE_DIR; }
inline std::filesystem::path bundled_data(const std::string& name) { return source_dir() / "inputs" / "data" / name; }

// A fresh folder under the system temp dir, removed when the test ends.
class TempFolder {
 public:
  TempFolder() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("dayopps-test-" + std::string(info ? info->name() : "x") + "-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    const auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Runs `action`, expects an InputError at the given place, and returns its message for further checks.
template <typename Action>
std::string expect_input_error(Action&& action, const std::filesystem::path& file, long line, long column,
                               const std::string& field, const std::string& message_part) {
  try {
    action();
  } catch (const inputs::InputError& e) {
    EXPECT_EQ(e.where().file, file) << e.what();
    EXPECT_EQ(e.where().line, line) << e.what();
    EXPECT_EQ(e.where().column, column) << e.what();
    EXPECT_EQ(e.where().field, field) << e.what();
    EXPECT_NE(std::string(e.what()).find(message_part), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "expected an InputError mentioning '" << message_part << "'";
  return {};
}

}  // namespace dayopps::testing
