#include "inputs/loaders/calibrated_parameters.hpp"

#include <optional>

#include <array>

#include <algorithm>

#include <cmath>
#include <iomanip>
#include <map>
#include <sstream>

#include <Eigen/Eigenvalues>

#include "inputs/loaders/toml_fields.hpp"

namespace dayopps::inputs {

namespace {

const char* scale_name(model::ParameterScale scale) {
  switch (scale) {
    case model::ParameterScale::log:
      return "log";
    case model::ParameterScale::logit:
      return "logit";
    case model::ParameterScale::identity:
      break;
  }
  return "identity";
}

std::string quoted(const std::string& text) {
  std::ostringstream out;
  out << toml::value<std::string>(text);
  return out.str();
}

}  // namespace

std::string calibrated_parameters_toml(const CalibratedParametersFile& f) {
  std::ostringstream out;
  out << std::setprecision(17);
  out << "# dayopps calibrated parameters, written by `dayopps calibrate` and read by `dayopps run`\n"
         "# ([inputs] calibrated_parameters or --calibration). Values are departures from the rates derived from\n"
         "# the published figures (docs/model.md, \"Calibration\"); the covariance is on the search scale of each\n"
         "# parameter (log, logit or identity). Do not edit: a run checks the digests of its inputs' values below.\n\n";
  out << "[calibration]\n"
      << "format_version = " << kCalibratedParametersFormat << "\n"
      << "area_code = " << quoted(f.area_code) << "\n"
      << "base_year = " << f.base_year << "\n"
      << "scenario = " << quoted(f.scenario_name) << "\n"
      << "created_utc = " << quoted(f.created_utc) << "\n"
      << "dayopps_version = " << quoted(f.dayopps_version) << "\n"
      << "optimiser = " << quoted(f.optimiser_status) << "\n"
      << "engagement_prior = " << quoted(f.engagement_prior) << "\n"
      << "deviance = " << f.deviance << "\n"
      << "observations = " << f.observations << "\n"
      << "identified = " << (f.identified ? "true" : "false") << "\n"
      << "dispersion = " << f.dispersion << "\n";
  if (f.history_from) out << "history_from = " << *f.history_from << "\n";
  if (f.validate_to_year) out << "validate_to_year = " << *f.validate_to_year << "\n";
  out << "\n";
  out << "[inputs]  # sha256 of the values the calibration read from each input (records in [input_records])\n";
  for (const auto& [role, digest] : f.input_digests) out << role << " = " << quoted(digest) << "\n";
  for (int p = 0; p < model::kFreeParameterCount; ++p) {
    const auto& info = model::kFreeParameters[static_cast<std::size_t>(p)];
    out << "\n[parameter." << info.name << "]\n"
        << "unit = " << quoted(std::string(info.unit)) << "\n"
        << "scale = \"" << scale_name(info.scale) << "\"\n";
    bool free = false;
    for (std::size_t k = 0; k < f.parameters.free.size(); ++k) {
      if (static_cast<int>(f.parameters.free[k]) != p) continue;
      free = true;
      out << "free = true\nestimate = " << f.parameters.estimate[static_cast<std::size_t>(p)] << "\n";
      if (k < f.standard_errors.size() && std::isfinite(f.standard_errors[k]))
        out << "standard_error = " << f.standard_errors[k] << "\n";
    }
    if (!free) out << "free = false\nestimate = " << f.parameters.estimate[static_cast<std::size_t>(p)] << "\n";
  }
  out << "\n[covariance]\nparameters = [";
  for (std::size_t k = 0; k < f.parameters.free.size(); ++k)
    out << (k ? ", " : "") << '"' << model::kFreeParameters[static_cast<std::size_t>(f.parameters.free[k])].name << '"';
  out << "]\nsearch_scale = [";
  const Eigen::MatrixXd& c = f.parameters.covariance;
  for (Eigen::Index i = 0; i < c.rows(); ++i) {
    out << (i ? ", " : "") << "[";
    for (Eigen::Index j = 0; j < c.cols(); ++j) out << (j ? ", " : "") << (std::isfinite(c(i, j)) ? c(i, j) : 0.0);
    out << "]";
  }
  out << "]\n";
  // What the fit compared with, for the report's history chart (not read back into the model).
  for (const CalibrationHistoryRow& row : f.history) {
    out << "\n[[history]]\nseries = " << quoted(row.series) << "\nyear = " << row.year
        << "\nobserved = " << row.observed << "\nfitted = " << row.fitted << "\n";
    if (std::isfinite(row.backcast))
      out << "backcast = " << row.backcast << "\nbackcast_role = \"" << (row.predicted ? "predicted" : "fitted")
          << "\"\n";
  }
  for (const BackcastError& e : f.backcast_errors)
    out << "\n[[backcast_error]]\nseries = " << quoted(e.series) << "\nheld_out_years = " << e.held_out_years
        << "\nmape_percent = " << e.mape_percent << "\n";
  // Last, so the lines above stay where they were: what each digest of [inputs] is made of, record by record.
  for (const auto& [role, records] : f.input_records) {
    out << "\n[input_records." << role << "]\n";
    for (const auto& [key, digest] : records) out << quoted(key) << " = " << quoted(digest) << "\n";
  }
  return out.str();
}

namespace {

// [input_records.<role>]: a table of 16-digit record digests for every role of [inputs] (but the synthetic
// truth's mark), which must add up to that role's digest: a file edited by hand is refused at the key edited.
void read_input_records(const std::filesystem::path& file, const TomlFields& top, CalibratedParametersFile& f) {
  static const toml::table kNone;
  const toml::table* tables = top.optional_table("input_records");
  const TomlFields records_fields(file, tables != nullptr ? *tables : kNone, "input_records");
  for (const auto& [role, digest] : f.input_digests) {
    if (role == "synthetic_truth") continue;
    const toml::node* node = tables != nullptr ? tables->get(role) : nullptr;
    if (node != nullptr && !node->is_table()) throw records_fields.error(role, "expected a table of record digests");
    if (node == nullptr)
      throw InputError(f.key_locations.at("inputs." + role),
                       "no [input_records." + role +
                           "] table: the key was renamed, or the file is from an earlier "
                           "dayopps; run `dayopps calibrate` again");
    const TomlFields records(file, *node->as_table(), "input_records." + role);
    InputFingerprint fingerprint{role, file, {}};
    std::vector<std::pair<std::string, std::string>> listed;
    for (auto&& [key, value] : *node->as_table()) {
      const auto* text = value.as_string();
      if (text == nullptr || text->get().size() != 16)
        throw records.error(key.str(), "expected a record digest (16 hex digits)");
      fingerprint.records.push_back({std::string(key.str()), text->get(), {}});
      listed.emplace_back(std::string(key.str()), text->get());
    }
    if (fingerprint.digest() != digest)
      throw InputError(f.key_locations.at("inputs." + role),
                       "does not match the records of [input_records." + role + "] (the file was edited?)");
    f.input_records[role] = std::move(listed);
  }
  if (tables != nullptr) {
    for (auto&& [role, node] : *tables) {
      bool named = false;
      for (const auto& [input, digest] : f.input_digests) named = named || input == role.str();
      if (!named || !node.is_table())
        throw records_fields.error(role.str(), "is not an input of [inputs] (the file was edited?)");
    }
  }
}

bool required_boolean(const TomlFields& fields, const toml::table& table, std::string_view key) {
  const toml::node* node = table.get(key);
  if (node == nullptr) throw fields.error(key, "required key is missing (true or false)");
  if (!node->is_boolean()) throw fields.error(key, "expected true or false");
  return node->as_boolean()->get();
}

}  // namespace

CalibratedParametersFile load_calibrated_parameters(const std::filesystem::path& file) {
  const toml::table root = parse_toml_file(file);
  const TomlFields top(file, root, "");
  top.only_keys({"calibration", "inputs", "parameter", "covariance", "history", "backcast_error", "input_records"});
  CalibratedParametersFile f;
  const TomlFields c(file, top.table("calibration"), "calibration");
  c.only_keys({"format_version", "area_code", "base_year", "scenario", "created_utc", "dayopps_version", "optimiser",
               "engagement_prior", "deviance", "observations", "identified", "dispersion", "history_from",
               "validate_to_year"});
  if (c.integer("format_version", 0, 1000) != kCalibratedParametersFormat)
    throw c.error("format_version", "this dayopps reads format " + std::to_string(kCalibratedParametersFormat) +
                                        "; run dayopps calibrate again");
  f.area_code = c.string("area_code");
  f.base_year = static_cast<int>(c.integer("base_year", 1900, 2200));
  f.key_locations["calibration.area_code"] = c.error("area_code", {}).where();
  f.key_locations["calibration.base_year"] = c.error("base_year", {}).where();
  f.scenario_name = c.string("scenario");
  f.created_utc = c.optional_string("created_utc").value_or("");
  f.dayopps_version = c.optional_string("dayopps_version").value_or("");
  f.optimiser_status = c.optional_string("optimiser").value_or("");
  f.engagement_prior = c.optional_string("engagement_prior").value_or("");
  f.deviance = c.optional_number("deviance", 0.0, 1e300).value_or(0.0);
  f.observations = static_cast<int>(c.optional_integer("observations", 0, 100000000).value_or(0));
  const bool identified_as_written = required_boolean(c, top.table("calibration"), "identified");
  f.dispersion = c.optional_number("dispersion", 1.0, 1e12).value_or(1.0);
  if (const auto year = c.optional_integer("history_from", 1900, 2200)) f.history_from = static_cast<int>(*year);
  if (const auto year = c.optional_integer("validate_to_year", 1900, 2200))
    f.validate_to_year = static_cast<int>(*year);
  if (const toml::array* rows = top.optional_array_of_tables("history")) {
    for (const toml::node& node : *rows) {
      const TomlFields h(file, *node.as_table(), "history");
      h.only_keys({"series", "year", "observed", "fitted", "backcast", "backcast_role"});
      CalibrationHistoryRow row;
      row.series = h.string("series");
      row.year = static_cast<int>(h.integer("year", 1900, 2200));
      row.observed = h.number("observed", 0.0, 1e12);
      row.fitted = h.number("fitted", 0.0, 1e12);
      if (const auto backcast = h.optional_number("backcast", 0.0, 1e12)) {
        row.backcast = *backcast;
        const std::string role = h.optional_string("backcast_role").value_or("");
        if (role != "fitted" && role != "predicted")
          throw h.error("backcast_role", "expected \"fitted\" or \"predicted\" with a backcast value");
        row.predicted = role == "predicted";
      } else if (h.optional_string("backcast_role")) {
        throw h.error("backcast_role", "given without a backcast value");
      }
      f.history.push_back(std::move(row));
    }
  }
  if (const toml::array* rows = top.optional_array_of_tables("backcast_error")) {
    for (const toml::node& node : *rows) {
      const TomlFields b(file, *node.as_table(), "backcast_error");
      b.only_keys({"series", "held_out_years", "mape_percent"});
      f.backcast_errors.push_back({b.string("series"), static_cast<int>(b.integer("held_out_years", 1, 1000)),
                                   b.number("mape_percent", 0.0, 1e6)});
    }
  }

  const toml::table& digests = top.table("inputs");
  f.key_locations["inputs"] = top.error("inputs", {}).where();
  for (auto&& [role, node] : digests) {
    const auto* digest = node.as_string();
    if (digest == nullptr || digest->get().size() != 64)
      throw TomlFields(file, digests, "inputs").error(role.str(), "expected a sha256 (64 hex digits)");
    f.input_digests.emplace_back(std::string(role.str()), digest->get());
    f.key_locations["inputs." + std::string(role.str())] =
        TomlFields(file, digests, "inputs").error(role.str(), {}).where();
  }
  read_input_records(file, top, f);

  const TomlFields parameters(file, top.table("parameter"), "parameter");
  std::map<std::string, model::FreeParameter> by_name;
  std::array<bool, model::kFreeParameterCount> free_as_written{};
  std::array<std::optional<double>, model::kFreeParameterCount> standard_errors_as_written{};
  std::array<const toml::table*, model::kFreeParameterCount> parameter_tables{};
  for (int p = 0; p < model::kFreeParameterCount; ++p) {
    const auto& info = model::kFreeParameters[static_cast<std::size_t>(p)];
    by_name.emplace(std::string(info.name), static_cast<model::FreeParameter>(p));
    const TomlFields entry(file, parameters.table(info.name), "parameter." + std::string(info.name));
    entry.only_keys({"unit", "scale", "free", "estimate", "standard_error"});
    // Every key is checked against what dayopps calibrate writes: a file read back must be whole and consistent.
    if (entry.string("unit") != info.unit)
      throw entry.error("unit", "expected '" + std::string(info.unit) + "' (the file was edited?)");
    if (entry.string("scale") != scale_name(info.scale))
      throw entry.error("scale", "expected \"" + std::string(scale_name(info.scale)) + "\" (the file was edited?)");
    free_as_written[static_cast<std::size_t>(p)] = required_boolean(entry, parameters.table(info.name), "free");
    standard_errors_as_written[static_cast<std::size_t>(p)] = entry.optional_number("standard_error", 0.0, 1e300);
    parameter_tables[static_cast<std::size_t>(p)] = &parameters.table(info.name);
    const double lower = info.scale == model::ParameterScale::identity ? -50.0 : 0.0;
    const double upper = info.scale == model::ParameterScale::logit ? 1.0 : 50.0;  // probabilities are logit
    const auto value = entry.optional_number("estimate", lower, upper);
    if (!value) throw entry.error("estimate", "missing");
    // A fixed value may be 0 (e.g. no physical-support starts); a fitted one lives inside its search scale's range.
    const bool fitted = free_as_written[static_cast<std::size_t>(p)];
    if (info.scale != model::ParameterScale::identity && !(*value > 0.0) && (fitted || *value < 0.0))
      throw entry.error("estimate", "must be positive");
    if (info.scale == model::ParameterScale::logit && fitted && !(*value < 1.0))
      throw entry.error("estimate", "a fitted probability must be below 1");
    f.parameters.estimate[static_cast<std::size_t>(p)] = *value;
  }
  const TomlFields covariance(file, top.table("covariance"), "covariance");
  covariance.only_keys({"parameters", "search_scale"});
  for (const std::string& name : covariance.string_array("parameters")) {
    const auto found = by_name.find(name);
    if (found == by_name.end()) throw covariance.error("parameters", "'" + name + "' is not a free parameter");
    f.parameters.free.push_back(found->second);
  }
  const auto n = static_cast<Eigen::Index>(f.parameters.free.size());
  f.parameters.covariance = Eigen::MatrixXd::Zero(n, n);
  const toml::array* rows = top.table("covariance").get_as<toml::array>("search_scale");
  if (rows == nullptr || static_cast<Eigen::Index>(rows->size()) != n)
    throw covariance.error("search_scale", "expected a " + std::to_string(n) + " x " + std::to_string(n) + " matrix");
  for (Eigen::Index i = 0; i < n; ++i) {
    const toml::array* row = (*rows)[static_cast<std::size_t>(i)].as_array();
    if (row == nullptr || static_cast<Eigen::Index>(row->size()) != n)
      throw covariance.error("search_scale",
                             "row " + std::to_string(i + 1) + " is not " + std::to_string(n) + " numbers");
    for (Eigen::Index j = 0; j < n; ++j) {
      const auto v = (*row)[static_cast<std::size_t>(j)].value<double>();
      if (!v || !std::isfinite(*v))
        throw covariance.error("search_scale", "entry (" + std::to_string(i + 1) + ", " + std::to_string(j + 1) +
                                                   ") is not a finite number");
      f.parameters.covariance(i, j) = *v;
    }
  }
  const Eigen::MatrixXd& cov = f.parameters.covariance;
  if (n > 0) {
    if (!cov.isApprox(cov.transpose(), 1e-9) && cov.norm() > 0.0)
      throw covariance.error("search_scale", "the covariance is not symmetric (the file was edited?)");
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(cov);
    if (eigen.eigenvalues().minCoeff() < -1e-12 * std::max(1.0, eigen.eigenvalues().maxCoeff()))
      throw covariance.error("search_scale", "the covariance is not positive semi-definite (the file was edited?)");
  }
  f.identified = n > 0 && cov.diagonal().minCoeff() > 0.0;
  // Standard errors on each parameter's own scale (delta method from the search scale, as calibration/fit does).
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto p = static_cast<std::size_t>(f.parameters.free[static_cast<std::size_t>(k)]);
    const double slope = model::natural_scale_slope(model::kFreeParameters[p].scale, f.parameters.estimate[p]);
    f.standard_errors.push_back(slope * std::sqrt(cov(k, k)));
  }
  if (identified_as_written != f.identified)
    throw c.error("identified", std::string("is ") + (identified_as_written ? "true" : "false") +
                                    " but the covariance says otherwise (the file was edited?)");
  // free = true exactly for the parameters the covariance names; their standard errors are its diagonal.
  for (int p = 0; p < model::kFreeParameterCount; ++p) {
    const auto& info = model::kFreeParameters[static_cast<std::size_t>(p)];
    const TomlFields entry(file, *parameter_tables[static_cast<std::size_t>(p)], "parameter." + std::string(info.name));
    const auto listed =
        std::find(f.parameters.free.begin(), f.parameters.free.end(), static_cast<model::FreeParameter>(p));
    const bool in_covariance = listed != f.parameters.free.end();
    if (free_as_written[static_cast<std::size_t>(p)] != in_covariance)
      throw entry.error("free", std::string("is ") + (in_covariance ? "false" : "true") + " but [covariance] " +
                                    (in_covariance ? "names" : "does not name") + " " + std::string(info.name));
    const std::optional<double>& se = standard_errors_as_written[static_cast<std::size_t>(p)];
    if (!in_covariance && se) throw entry.error("standard_error", "a fixed parameter has no standard error");
    if (in_covariance) {
      const double expected = f.standard_errors[static_cast<std::size_t>(listed - f.parameters.free.begin())];
      if (se.has_value() != (expected > 0.0) || (se && std::abs(*se - expected) > 1e-6 * std::max(1.0, expected)))
        throw entry.error("standard_error", "does not match the covariance (the file was edited?)");
    }
  }
  return f;
}

void record_calibration_inputs(CalibratedParametersFile& calibrated, const std::vector<InputFingerprint>& inputs) {
  for (const InputFingerprint& input : inputs) {
    calibrated.input_digests.emplace_back(input.role, input.digest());
    auto& records = calibrated.input_records[input.role];
    for (const FingerprintRecord& r : input.records) records.emplace_back(r.key, r.digest);
  }
}

namespace {

// Where `calibrated`'s records of one input first part from this run's: the run's record that differs or is new,
// or the calibration's record this run lacks. Throws InputError there.
[[noreturn]] void refuse_first_difference(const std::vector<std::pair<std::string, std::string>>& calibrated,
                                          const InputFingerprint& run, const std::filesystem::path& calibrated_file,
                                          const InputLocation& calibrated_key) {
  const std::string again = " than " + calibrated_file.filename().string() + " was calibrated on (inputs." + run.role +
                            "): run `dayopps calibrate` again on the current inputs";
  std::map<std::string, std::string> fitted(calibrated.begin(), calibrated.end());
  for (const FingerprintRecord& r : run.records) {
    const auto found = fitted.find(r.key);
    const InputLocation at = r.at.file.empty() ? InputLocation{run.file, 0, 0, {}} : r.at;
    const std::string what = at.field == r.key ? std::string() : r.key + ": ";  // the key once, not twice
    if (found == fitted.end()) throw InputError(at, what + "a row or table more" + again);
    if (found->second != r.digest) throw InputError(at, what + "other values" + again);
    fitted.erase(found);
  }
  if (!fitted.empty()) throw InputError({run.file, 0, 0, {}}, fitted.begin()->first + ": a row or table less" + again);
  throw InputError(calibrated_key, "does not match its records (the file was edited?)");
}

}  // namespace

void check_calibration_matches(const CalibratedParametersFile& calibrated, const std::filesystem::path& file,
                               const std::string& area_code, int base_year,
                               const std::vector<InputFingerprint>& fingerprints) {
  const auto at = [&](const std::string& key) {
    const auto found = calibrated.key_locations.find(key);
    return found != calibrated.key_locations.end() ? found->second : InputLocation{file, 0, 0, key};
  };
  if (calibrated.area_code != area_code)
    throw InputError(at("calibration.area_code"),
                     "calibrated for area " + calibrated.area_code + ", but this run is for " + area_code);
  if (calibrated.base_year != base_year)
    throw InputError(at("calibration.base_year"), "calibrated from base year " + std::to_string(calibrated.base_year) +
                                                      ", not " + std::to_string(base_year));
  const auto run_reads = [&](const std::string& role) {
    for (const InputFingerprint& f : fingerprints)
      if (f.role == role) return true;
    return false;
  };
  // A role this run does not read is named at its own key first: a renamed key is the likelier slip than a
  // missing one, and is then found where it was written.
  for (const auto& [role, digest] : calibrated.input_digests) {
    if (role == "synthetic_truth")
      throw InputError(at("inputs.synthetic_truth"),
                       "this file is the method check of `dayopps calibrate --synthetic-truth`, fitted to simulated "
                       "data: it is not a calibration of the area");
    if (!run_reads(role))
      throw InputError(at("inputs." + role),
                       "names an input '" + role +
                           "' this run does not read (the file was "
                           "edited, or calibrated with other inputs): run `dayopps calibrate` again");
  }
  for (const InputFingerprint& run : fingerprints) {
    const auto named = std::find_if(calibrated.input_digests.begin(), calibrated.input_digests.end(),
                                    [&](const auto& entry) { return entry.first == run.role; });
    if (named == calibrated.input_digests.end())
      throw InputError(at("inputs"), "no sha256 for " + run.role +
                                         ", an input this calibration depends on (the file was edited or is from "
                                         "another dayopps): run `dayopps calibrate` again");
    if (named->second == run.digest()) continue;
    const auto records = calibrated.input_records.find(run.role);
    refuse_first_difference(records != calibrated.input_records.end()
                                ? records->second
                                : std::vector<std::pair<std::string, std::string>>{},
                            run, file, at("inputs." + run.role));
  }
}

}  // namespace dayopps::inputs
