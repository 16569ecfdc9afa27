#pragma once
// The one error type for bad input: it names the file, line, column and field, so a council analyst can
// find and fix the cell. The command line turns it into exit code 2.
#include <filesystem>
#include <stdexcept>
#include <string>

namespace dayopps::inputs {

struct InputLocation {
  std::filesystem::path file;
  long line = 0;      // 1-based; 0 = the file as a whole
  long column = 0;    // 1-based; 0 = the line as a whole
  std::string field;  // column or key name; empty if not about one field
};

class InputError : public std::runtime_error {
 public:
  InputError(InputLocation where, const std::string& problem);
  const InputLocation& where() const { return where_; }
  const std::string& problem() const { return problem_; }

 private:
  InputLocation where_;
  std::string problem_;
};

}  // namespace dayopps::inputs
