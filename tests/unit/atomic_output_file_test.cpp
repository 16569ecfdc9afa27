#include "outputs/atomic_output_file.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "test_support.hpp"

namespace dayopps::outputs {
namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(AtomicOutputFile, UncommittedFileVanishesAndEarlierResultsStay) {
  testing::TempFolder folder;
  const auto destination = folder.write("results.h5", "earlier results");
  {
    AtomicOutputFile file(destination);
    std::ofstream(file.temporary_path()) << "half written";
    EXPECT_TRUE(std::filesystem::exists(file.temporary_path()));
    EXPECT_EQ(file.temporary_path().parent_path(), destination.parent_path());  // same folder: rename is atomic
  }                                                                             // e.g. an exception unwinds here
  EXPECT_EQ(read(destination), "earlier results");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(folder.path()), {}), 1);
}

TEST(AtomicOutputFile, CommitPublishesTheNewFile) {
  testing::TempFolder folder;
  const auto destination = folder.write("results.h5", "earlier results");
  AtomicOutputFile file(destination);
  std::ofstream(file.temporary_path()) << "new results";
  file.commit();
  EXPECT_EQ(read(destination), "new results");
  EXPECT_FALSE(std::filesystem::exists(file.temporary_path()));
}

TEST(AtomicOutputFile, UnwritableFolderIsReportedUpFront) {
  testing::TempFolder folder;
  const auto blocker = folder.write("not-a-folder", "x");
  EXPECT_THROW(ensure_writable_folder(blocker / "results"), std::runtime_error);
  EXPECT_NO_THROW(ensure_writable_folder(folder.path() / "new" / "nested"));
  EXPECT_TRUE(std::filesystem::is_directory(folder.path() / "new" / "nested"));
}

}  // namespace
}  // namespace dayopps::outputs
