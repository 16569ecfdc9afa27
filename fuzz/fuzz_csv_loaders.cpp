// libFuzzer target: every CSV loader. The first byte picks the loader, the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_input_file.hpp"
#include "inputs/loaders/csv_table.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/life_table_file.hpp"
#include "inputs/loaders/population_table.hpp"
#include "inputs/loaders/usage_data.hpp"

using namespace dayopps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto file = fuzz::scratch_file(data + 1, size - 1, "input.csv");
  try {
    switch (data[0] % 6) {
      case 0:
        inputs::load_population_table(file, inputs::PopulationTableLayout::projection, "E08000025");
        break;
      case 1:
        inputs::load_population_table(file, inputs::PopulationTableLayout::estimate, "E08000025");
        break;
      case 2:
        inputs::load_life_table(file, "2016-2018");
        break;
      case 3:
        inputs::load_usage_observations(file, "E08000025", {"Alderman Bowen", "Ebrook", "Moseley"});
        break;
      case 4: {
        inputs::EngagementPrior prior;
        inputs::load_engagement_tallies(file, prior);
        break;
      }
      default: {
        static constexpr std::string_view columns[] = {"a", "b", "c"};
        const inputs::CsvTable table(file, columns);
        for (const inputs::CsvRow& row : table.rows()) {
          (void)row.number("a", 0.0);
          (void)row.integer("b", -10, 10);
          (void)row.text("c");
        }
      }
    }
  } catch (const inputs::InputError&) {
    // the expected outcome of a bad file
  }
  return 0;
}
