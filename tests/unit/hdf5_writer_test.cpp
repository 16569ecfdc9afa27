// Round trip through the HDF5 library: values, dimension scales attached to the right axes, attributes.
#include "outputs/hdf5_writer.hpp"

#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <hdf5_hl.h>

#include "test_support.hpp"

namespace dayopps::outputs {
namespace {

ResultsDocument small_document() {
  ResultsDocument document;
  document.attributes = {{"title", std::string("test")},
                         {"master_seed", std::uint64_t{18446744073709551615ULL}},
                         {"replications", std::int64_t{2}}};
  Group group;
  group.name = "population";
  group.dimensions = {{"replication", std::vector<std::int32_t>{0, 1}, {{"units", std::string("1")}}},
                      {"sex", std::vector<std::string>{"female", "male"}, {}},
                      {"year", std::vector<std::int32_t>{2022, 2023, 2024}, {}}};
  group.variables = {{"people",
                      {"replication", "sex", "year"},
                      std::vector<std::int32_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
                      {{"units", std::string("persons")}}},
                     {"mean_people", {"sex", "year"}, std::vector<double>{0.5, 1.5, 2.5, 3.5, 4.5, 5.5}, {}}};
  document.groups.push_back(group);
  return document;
}

TEST(Hdf5Writer, RoundTripsValuesScalesAndAttributes) {
  testing::TempFolder folder;
  const auto path = folder.path() / "r.h5";
  write_hdf5(small_document(), path);

  H5::H5File file(path.string(), H5F_ACC_RDONLY);
  std::uint64_t seed = 0;
  file.openAttribute("master_seed").read(H5::PredType::NATIVE_UINT64, &seed);
  EXPECT_EQ(seed, 18446744073709551615ULL);
  std::string title;
  H5::Attribute title_attribute = file.openAttribute("title");
  title_attribute.read(title_attribute.getStrType(), title);
  EXPECT_EQ(title, "test");

  H5::DataSet people = file.openDataSet("/population/people");
  hsize_t dims[3];
  people.getSpace().getSimpleExtentDims(dims);
  EXPECT_EQ(dims[0], 2u);
  EXPECT_EQ(dims[1], 2u);
  EXPECT_EQ(dims[2], 3u);
  std::vector<std::int32_t> values(12);
  people.read(values.data(), H5::PredType::NATIVE_INT32);
  EXPECT_EQ(values[11], 12);

  H5::DataSet year = file.openDataSet("/population/year");
  H5::DataSet sex = file.openDataSet("/population/sex");
  EXPECT_EQ(H5DSis_scale(year.getId()), 1);
  EXPECT_EQ(H5DSis_attached(people.getId(), year.getId(), 2), 1);
  EXPECT_EQ(H5DSis_attached(people.getId(), sex.getId(), 1), 1);
  EXPECT_EQ(H5DSis_attached(people.getId(), year.getId(), 0), 0);
}

TEST(Hdf5Writer, MismatchedShapeIsALogicError) {
  ResultsDocument document = small_document();
  document.groups[0].variables[0].data = std::vector<std::int32_t>{1, 2, 3};
  testing::TempFolder folder;
  EXPECT_THROW(write_hdf5(document, folder.path() / "r.h5"), std::logic_error);
}

TEST(Hdf5Writer, UnwritablePathIsARuntimeError) {
  EXPECT_THROW(write_hdf5(small_document(), "/nonexistent-folder/r.h5"), std::runtime_error);
}

}  // namespace
}  // namespace dayopps::outputs
