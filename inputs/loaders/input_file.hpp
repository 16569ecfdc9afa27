#pragma once
// Opens an input file for reading, refusing with the file named what would otherwise be misreported: a path
// that does not exist, or a folder given where a file is expected (which reads as an empty file).
#include <filesystem>
#include <fstream>
#include <string>

namespace dayopps::inputs {

// `what` names the file in messages, e.g. "the scenario file". Throws InputError.
std::ifstream open_input_file(const std::filesystem::path& file, const std::string& what = "the file");

}  // namespace dayopps::inputs
