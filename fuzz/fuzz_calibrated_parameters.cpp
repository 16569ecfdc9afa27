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
    // The run's inputs as the file records them, so that the comparison and the write-back run on every
    // mutation that reads, not only the reader's own checks.
    std::vector<inputs::InputFingerprint> inputs;
    for (const auto& [role, records] : calibrated.input_records) {
      inputs::InputFingerprint& input = inputs.emplace_back(inputs::InputFingerprint{role, file, {}});
      for (const auto& [key, digest] : records) input.records.push_back({key, digest, {}});
    }
    inputs::check_calibration_matches(calibrated, file, "E08000025", 2022, inputs);
    // What a run accepts must write back to a file it accepts again (complete and consistent).
    const auto again = fuzz::scratch_file_text(inputs::calibrated_parameters_toml(calibrated), "again.toml");
    const inputs::CalibratedParametersFile reread = inputs::load_calibrated_parameters(again);
    inputs::check_calibration_matches(reread, again, "E08000025", 2022, inputs);
  } catch (const inputs::InputError&) {
    // the expected outcome of a bad file
  }
  return 0;
}
