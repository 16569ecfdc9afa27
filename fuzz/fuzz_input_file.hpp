#pragma once
// The loaders read files, so each fuzz input is written to a per-process scratch file and the loader is
// run on it exactly as `dayopps run` would. A loader may only succeed or throw InputError: any other
// exception escapes the harness and libFuzzer reports it as a crash, as it does sanitizer findings.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

namespace dayopps::fuzz {

// Writes `size` bytes to a scratch file named `name` (the extension matters to nothing but messages).
inline std::filesystem::path scratch_file(const std::uint8_t* data, std::size_t size, const std::string& name) {
  static const std::filesystem::path folder = [] {
    const std::filesystem::path f =
        std::filesystem::temp_directory_path() / ("dayopps-fuzz-" + std::to_string(::getpid()));
    std::filesystem::create_directories(f);
    return f;
  }();
  const std::filesystem::path file = folder / name;
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  return file;
}

// The same for a text the harness made itself (e.g. a file written back by the writer under test).
inline std::filesystem::path scratch_file_text(const std::string& text, const std::string& name) {
  return scratch_file(reinterpret_cast<const std::uint8_t*>(text.data()), text.size(), name);
}

}  // namespace dayopps::fuzz
