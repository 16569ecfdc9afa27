#pragma once
// Publishes a file only when it is complete: writers write to a temporary name in the same folder, and
// commit() renames it into place (atomic on POSIX). If the object is destroyed without commit(), e.g. by an
// exception or a cancelled run, the temporary file is removed and any earlier results stay untouched.
#include <filesystem>
#include <string>

namespace dayopps::outputs {

class AtomicOutputFile {
 public:
  explicit AtomicOutputFile(std::filesystem::path destination);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  const std::filesystem::path& temporary_path() const { return temporary_; }
  const std::filesystem::path& destination() const { return destination_; }
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  bool committed_ = false;
};

// Writes `text` as the whole content of the file's temporary copy (commit() publishes it). Throws
// std::runtime_error if it cannot be written.
void write_text(AtomicOutputFile& file, const std::string& text);

// Creates `folder` if needed and proves a file can be created in it, so an unwritable output folder is
// reported before the simulation rather than after. Throws std::runtime_error with the reason.
void ensure_writable_folder(const std::filesystem::path& folder);

}  // namespace dayopps::outputs
