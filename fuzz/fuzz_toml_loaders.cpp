// libFuzzer target: every TOML loader of inputs (scenario, care-need and day-services parameters, the data
// sources manifest). The first byte picks the loader, the rest is the file.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_input_file.hpp"
#include "inputs/loaders/care_need_parameters.hpp"
#include "inputs/loaders/data_sources.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/scenario.hpp"
#include "inputs/loaders/service_parameters.hpp"

using namespace dayopps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const auto file = fuzz::scratch_file(data + 1, size - 1, "input.toml");
  try {
    switch (data[0] % 4) {
      case 0: {
        inputs::Scenario scenario = inputs::load_scenario(file);
        inputs::apply_overrides(scenario, {});
        (void)inputs::resolved_scenario_toml(scenario);
        break;
      }
      case 1:
        inputs::load_care_need_parameters(file);
        break;
      case 2:
        inputs::load_service_parameters(file);
        break;
      default:
        inputs::load_data_sources(file);
    }
  } catch (const inputs::InputError&) {
    // the expected outcome of a bad file
  }
  return 0;
}
