#pragma once
// The provenance manifest that sits beside the data files (inputs/data/sources.toml): for each file its
// publisher, table and licence, and the totals its publisher states, which the loaders check the file
// against so that a truncated or edited table cannot pass silently.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "inputs/loaders/population_table.hpp"

namespace dayopps::inputs {

struct PublishedTotal {
  std::string area_code;  // empty: the file's only area
  int year = 0;
  int sex = -1;  // -1 = both sexes, otherwise model sex index
  double persons = 0.0;
  double tolerance = 0.5;  // persons; rounding in the published figure
  long line = 0;           // where it is stated in the manifest
};

struct DataSource {
  std::string file_name;
  std::string title, publisher, table, licence, url, found_at, notes;
  std::vector<PublishedTotal> published_totals;
};

struct DataSources {
  std::filesystem::path manifest;
  std::vector<DataSource> sources;

  // The entry for a data file, by its file name. Throws InputError if the manifest does not describe it:
  // every input dayopps reads must say where it comes from.
  const DataSource& describe(const std::filesystem::path& data_file) const;
};

DataSources load_data_sources(const std::filesystem::path& manifest);

// Compares the areas' sums (every area of one data file) with every published total of its source. A total
// names its area_code when the file holds several areas. Throws InputError naming the file and the manifest
// line of the total that does not add up.
void check_published_totals(const std::vector<PopulationTable>& areas, const std::filesystem::path& data_file,
                            const DataSource& source, const std::filesystem::path& manifest);

}  // namespace dayopps::inputs
