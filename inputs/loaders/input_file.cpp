#include "inputs/loaders/input_file.hpp"

#include "inputs/loaders/input_error.hpp"

namespace dayopps::inputs {

std::ifstream open_input_file(const std::filesystem::path& file, const std::string& what) {
  std::error_code error;
  const std::filesystem::file_status status = std::filesystem::status(file, error);
  if (status.type() == std::filesystem::file_type::not_found)
    throw InputError({file, 0, 0, {}}, what + " does not exist");
  if (status.type() == std::filesystem::file_type::directory)
    throw InputError({file, 0, 0, {}}, "is a folder, not a file: give " + what + " itself");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError({file, 0, 0, {}}, "cannot open " + what + " for reading");
  return in;
}

}  // namespace dayopps::inputs
