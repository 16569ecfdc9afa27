#include "outputs/atomic_output_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace dayopps::outputs {

AtomicOutputFile::AtomicOutputFile(std::filesystem::path destination) : destination_(std::move(destination)) {
  // Built with a stream, not string +: GCC 12 warns falsely (-Wrestrict) about the concatenation.
  std::ostringstream name;
  name << '.' << destination_.filename().string() << ".partial-" << ::getpid();
  temporary_ = destination_.parent_path() / name.str();
}

AtomicOutputFile::~AtomicOutputFile() {
  if (!committed_) {
    std::error_code ignored;
    std::filesystem::remove(temporary_, ignored);
  }
}

void AtomicOutputFile::commit() {
  std::error_code error;
  std::filesystem::rename(temporary_, destination_, error);
  if (error)
    throw std::runtime_error("could not move " + temporary_.string() + " to " + destination_.string() + ": " +
                             error.message());
  committed_ = true;
}

void ensure_writable_folder(const std::filesystem::path& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) throw std::runtime_error("cannot create output folder " + folder.string() + ": " + error.message());
  const std::filesystem::path probe = folder / (".dayopps-write-test-" + std::to_string(::getpid()));
  {
    std::ofstream out(probe);
    if (!out || !(out << "ok") || !out.flush()) {
      throw std::runtime_error("output folder " + folder.string() + " is not writable: " + std::strerror(errno));
    }
  }
  std::filesystem::remove(probe, error);
}

void write_text(AtomicOutputFile& file, const std::string& text) {
  std::ofstream out(file.temporary_path(), std::ios::binary);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + file.temporary_path().string());
}

}  // namespace dayopps::outputs
