#pragma once
// The calibrated-parameters file (TOML) that `dayopps calibrate` writes and `dayopps run` reads, so every
// scenario of a study reuses one calibration. It records what it was fitted on (area, base year, and for every
// input that shaped it a digest of the values it read, record by record: inputs/loaders/input_fingerprint.hpp);
// a run on other values is refused, naming the first record that differs, rather than silently mixed.
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/input_fingerprint.hpp"
#include "model/free_parameters.hpp"

namespace dayopps::inputs {

// 3: digests of the values read (record by record), no longer of the files' bytes.
inline constexpr int kCalibratedParametersFormat = 3;

// One observation the calibration compared with, as the report shows it (observed against fitted, and the
// backcast check's value where there is one).
struct CalibrationHistoryRow {
  std::string series;  // e.g. "users, all services, learning_disability, 18-64"
  int year = 0;
  double observed = 0.0;
  double fitted = 0.0;                                         // at the estimate, mean over the fit's replications
  double backcast = std::numeric_limits<double>::quiet_NaN();  // the backcast fit's value; NaN: no backcast
  bool predicted = false;  // the backcast value is a prediction (the year is after validate_to_year)
};

struct BackcastError {
  std::string series;  // or "all"
  int held_out_years = 0;
  double mape_percent = 0.0;
};

struct CalibratedParametersFile {
  std::string area_code;
  int base_year = 0;
  std::string scenario_name;
  std::string created_utc;
  std::string dayopps_version;
  std::string optimiser_status;
  std::string engagement_prior;  // "flat: ..." or the respondents counted
  double deviance = 0.0;
  int observations = 0;
  bool identified = false;
  double dispersion = 1.0;              // the covariance's scale for counts scattering more than Poisson
  std::optional<int> history_from;      // first year simulated by the fit, when before the base year
  std::optional<int> validate_to_year;  // the backcast check fitted the observations up to this year
  std::vector<CalibrationHistoryRow> history;
  std::vector<BackcastError> backcast_errors;
  std::vector<std::pair<std::string, std::string>> input_digests;  // (role, sha256 of the values read)
  // Per role, (record key, record digest) in the fingerprint's order: what each digest above was made of.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> input_records;
  model::CalibratedParameters parameters;  // estimate, free, covariance (draw_per_replication: false)
  std::vector<double> standard_errors;     // natural scale, per free parameter
  // Where the keys checked against a run were read ("calibration.area_code", "inputs.<role>", ...), so a
  // mismatch names its line; absent when the file was not read from disk.
  std::map<std::string, InputLocation> key_locations;
};

// The file's text (written atomically by the caller).
std::string calibrated_parameters_toml(const CalibratedParametersFile& file);

// Reads and validates: format version, every parameter present and in range, a symmetric positive
// semi-definite covariance matching the free list. Throws InputError naming file, line and key.
CalibratedParametersFile load_calibrated_parameters(const std::filesystem::path& file);

// The digests a calibration of these inputs records (role and sha256 of the values, then each role's records).
void record_calibration_inputs(CalibratedParametersFile& calibrated, const std::vector<InputFingerprint>& inputs);

// Throws InputError if the file was calibrated for another area or base year, or on other inputs than this run's
// `fingerprints`: an input it does not name or names under another role (at the calibrated file's key), or one
// whose values differ (at the first record that differs, in the input's file, with the calibrated file named).
void check_calibration_matches(const CalibratedParametersFile& calibrated, const std::filesystem::path& file,
                               const std::string& area_code, int base_year,
                               const std::vector<InputFingerprint>& fingerprints);

}  // namespace dayopps::inputs
