// libFuzzer target: the reader of the results file `dayopps calibrate` writes (calibrated_parameters.toml),
// then the check a run makes against its own inputs.
#include <cstddef>
#include <cstdint>

#include "fuzz/fuzz_input_file.hpp"
#include "inputs/loaders/calibrated_parameters.hpp"
#include "inputs/loaders/input_error.hpp"

using namespace dayopps;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto file = fuzz::scratch_file(data, size, "calibrated_parameters.toml");
  try {
    const inputs::CalibratedParametersFile calibrated = inputs::load_calibrated_parameters(file);
    inputs::check_calibration_matches(calibrated, file, "E08000025", 2022, {});
    (void)inputs::calibrated_parameters_toml(calibrated);
  } catch (const inputs::InputError&) {
    // the expected outcome of a bad file
  }
  return 0;
}
