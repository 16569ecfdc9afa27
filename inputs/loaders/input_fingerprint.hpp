#pragma once
// What a calibration read from one input, in a canonical form: a list of records (a row or a table of the file,
// named by a key) each with a short digest of its values as parsed. The file's bytes do not enter, so a copy
// re-saved with other line endings, quoted fields, blank lines at the end, rows of other councils, comments or
// keys in another order is the same input; a change to a value the calibration read changes the record that
// holds it, which a run can then name.
#include <filesystem>
#include <string>
#include <vector>

#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/life_table_file.hpp"
#include "inputs/loaders/observations.hpp"
#include "inputs/loaders/population_table.hpp"

namespace dayopps::inputs {

struct FingerprintRecord {
  std::string key;     // e.g. "E08000025 2031 female", "users, all services, learning_disability, 18-64, 2012"
  std::string digest;  // the first 16 hex digits of the sha256 of the record's canonical values
  InputLocation at;    // where the record is in the file read (line 0 where the loader keeps no line)
};

struct InputFingerprint {
  std::string role;  // e.g. "population_projection", "usage_2"
  std::filesystem::path file;
  std::vector<FingerprintRecord> records;  // in a fixed order

  void add(std::string key, const std::string& canonical_values, InputLocation at = {});
  std::string digest() const;  // sha256 (64 hex digits) of every record's key and digest, sorted by key
};

// The 16-digit record digest of `text` (the start of its sha256: file_digest.hpp).
std::string record_digest_of(const std::string& text);

// An area of a population file: a record per year and sex, the populations rounded to whole people (to which
// the model integerises them), so a copy rounded to whole people is the same input.
InputFingerprint population_fingerprint(const std::string& role, const std::filesystem::path& file,
                                        const PopulationTable& area);
// A life table's period: a record per sex (mx, qx and dx by age, as parsed).
InputFingerprint life_table_fingerprint(const std::string& role, const std::filesystem::path& file,
                                        const LifeTable& table);
// The counts of one usage file for the area: a record per count.
InputFingerprint usage_fingerprint(const std::string& role, const std::filesystem::path& file,
                                   const std::vector<UsageObservation>& counts);
// One engagement file's tallies: a record per service preferred (and one for other options).
InputFingerprint engagement_fingerprint(const std::string& role, const std::filesystem::path& file,
                                        const EngagementPrior& tallies);
// A TOML parameter file: a record per table that holds values (its path, e.g. "parameter.dementia.band[2]").
// Throws InputError on a file that does not parse (the loaders have read it already).
InputFingerprint toml_fingerprint(const std::string& role, const std::filesystem::path& file);

}  // namespace dayopps::inputs
