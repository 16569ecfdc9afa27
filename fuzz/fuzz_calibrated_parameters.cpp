// libFuzzer target: the reader of the results file `dayopps calibrate` writes (calibrated_parameters.toml),
// then the check a run makes against its own inputs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "fuzz/fuzz_input_file.hpp"
#include "inputs/loaders/calibrated_parameters.hpp"
#include "inputs/loaders/input_error.hpp"

using namespace dayopps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = fuzz::scratch_file(data, size, "calibrated_parameters.toml");
  try {
    const inputs::CalibratedParametersFile calibrated = inputs::load_calibrated_parameters(file);
    // The digests of the seed's inputs (fuzz/seeds/calibrated_parameters.toml), so that the completeness checks
    // (every input named, none unknown) run on every mutation, not only the digest comparison.
    static const std::vector<std::pair<std::string, std::string>> kDigests = {
        {"population_projection", "44adae5cd86442ace92e42c7ac18d87a906dd0107b4512577eb2741afd69f984"},
        {"life_table", "fcec3ed5684281bfd2b56ff6bbabb6d50f15220aa1af1b7e542cdfb1c804ab81"},
        {"care_need", "3f480b77a4fdd485b6d5a57ade985b067ce621a8d9d711dd8a79cccebdf5481b"},
        {"day_services", "774a9ee5e4ebb141076e2639a3a77cd1b9652153584c7d3887da2a91f642d98d"},
        {"usage_1", "4966621bdbaf04716c2e1a24196150fbb0052ed7716b6284d229a6505ebc3871"}};
    inputs::check_calibration_matches(calibrated, file, "E08000025", 2022, kDigests);
    // What a run accepts must write back to a file it accepts again (complete and consistent).
    const auto again = fuzz::scratch_file_text(inputs::calibrated_parameters_toml(calibrated), "again.toml");
    const inputs::CalibratedParametersFile reread = inputs::load_calibrated_parameters(again);
    inputs::check_calibration_matches(reread, again, "E08000025", 2022, kDigests);
  } catch (const inputs::InputError&) {
    // the expected outcome of a bad file
  }
  return 0;
}
