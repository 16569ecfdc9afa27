#include "outputs/calibration_tables.hpp"

#include <cmath>
#include <iomanip>
#include <map>
#include <optional>
#include <sstream>

namespace dayopps::outputs {

namespace {

using inputs::kAll;

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

std::string number(double value) {
  if (!std::isfinite(value)) return "";
  std::ostringstream out;
  out << std::setprecision(10) << value;
  return out.str();
}

void observation_rows(std::ostringstream& out, const std::vector<inputs::UsageObservation>& observations,
                      const calibration::SimulatedObservations& simulated, const char* role,
                      const calibration::SimulatedObservations* backcast, std::optional<int> validate_to_year) {
  for (std::size_t i = 0; i < observations.size(); ++i) {
    const auto& o = observations[i];
    const double mu = simulated.mean[i];
    const std::string service = o.service == kAll ? "all" : model::kServiceNames[static_cast<std::size_t>(o.service)];
    const std::string reason =
        o.support_reason == kAll ? "all" : model::kSupportReasonNames[static_cast<std::size_t>(o.support_reason)];
    const std::string age = o.age_group == kAll ? "all" : o.age_group == 0 ? "18-64" : "65+";
    const std::string centre =
        o.measure == inputs::UsageMeasure::centre_users ? o.label.substr(o.label.find(", ") + 2) : std::string();
    out << csv_field(o.label) << ',' << o.year << ',' << inputs::kUsageMeasureNames[static_cast<std::size_t>(o.measure)]
        << ',' << service << ',' << csv_field(centre) << ',' << reason << ',' << age << ',' << number(o.count) << ','
        << number(mu) << ',' << number(simulated.sd[i]) << ','
        << number(mu > 0.0 ? (o.count - mu) / std::sqrt(mu) : 0.0) << ',' << role << ',';
    if (backcast != nullptr && validate_to_year)
      out << number(backcast->mean[i]) << ',' << (o.year > *validate_to_year ? "predicted" : "fitted");
    else
      out << ',';
    out << '\n';
  }
}

}  // namespace

std::vector<MapeRow> backcast_mape(const std::vector<inputs::UsageObservation>& held_out,
                                   const std::vector<double>& predicted) {
  std::map<std::string, std::pair<int, double>> by_series;  // label -> (count, sum of |error| %)
  std::vector<std::string> order;
  int all_count = 0;
  double all_sum = 0.0;
  for (std::size_t i = 0; i < held_out.size(); ++i) {
    const auto& o = held_out[i];
    if (o.count <= 0.0) continue;
    const double error = 100.0 * std::abs(predicted[i] - o.count) / o.count;
    auto [it, inserted] = by_series.try_emplace(o.label, 0, 0.0);
    if (inserted) order.push_back(o.label);
    ++it->second.first;
    it->second.second += error;
    ++all_count;
    all_sum += error;
  }
  std::vector<MapeRow> rows;
  for (const std::string& label : order) {
    const auto& [count, sum] = by_series.at(label);
    rows.push_back({label, count, sum / count});
  }
  if (all_count > 0) rows.push_back({"all", all_count, all_sum / all_count});
  return rows;
}

std::string fit_observations_csv(const CalibrationReport& r) {
  std::ostringstream out;
  out << "series,year,measure,service,centre,primary_support_reason,age_band,observed,fitted,fitted_sd,"
         "pearson_residual,role,backcast,backcast_role\n";
  const bool backcast = r.validation.has_value() && r.backcast.mean.size() == r.fitted_observations.size();
  observation_rows(out, r.fitted_observations, r.fit.fitted, "fit", backcast ? &r.backcast : nullptr,
                   r.validate_to_year);
  observation_rows(out, r.held_out, r.held_out_simulated, "holdout", nullptr, std::nullopt);
  return out.str();
}

std::string fit_parameters_csv(const CalibrationReport& r) {
  std::ostringstream out;
  out << "parameter,unit,scale,free,initial,estimate,standard_error,ci95_lower,ci95_upper\n";
  static constexpr const char* kScales[] = {"log", "logit", "identity"};
  for (int p = 0; p < model::kFreeParameterCount; ++p) {
    const auto& info = model::kFreeParameters[static_cast<std::size_t>(p)];
    const double estimate = r.fit.estimate[static_cast<std::size_t>(p)];
    out << info.name << ',' << csv_field(std::string(info.unit)) << ',' << kScales[static_cast<int>(info.scale)] << ',';
    std::optional<std::size_t> k;
    for (std::size_t j = 0; j < r.settings.free.size(); ++j)
      if (static_cast<int>(r.settings.free[j]) == p) k = j;
    out << (k ? "true" : "false") << ',' << number(r.settings.start[static_cast<std::size_t>(p)]) << ','
        << number(estimate) << ',';
    if (k && r.fit.identified) {
      // The interval is symmetric on the search scale, mapped back (so a scale stays positive).
      const double centre = model::to_search_scale(info.scale, estimate);
      const double half =
          1.96 * std::sqrt(r.fit.covariance(static_cast<Eigen::Index>(*k), static_cast<Eigen::Index>(*k)));
      out << number(r.fit.standard_error[*k]) << ',' << number(model::from_search_scale(info.scale, centre - half))
          << ',' << number(model::from_search_scale(info.scale, centre + half));
    } else {
      out << ",,";
    }
    out << '\n';
  }
  return out.str();
}

std::string fit_summary_csv(const CalibrationReport& r) {
  std::ostringstream out;
  out << "key,value\n";
  for (const auto& [key, value] : r.summary) out << csv_field(key) << ',' << csv_field(value) << '\n';
  return out.str();
}

std::string backcast_mape_csv(const std::vector<MapeRow>& rows) {
  std::ostringstream out;
  out << "series,held_out_years,mape_percent\n";
  for (const MapeRow& row : rows)
    out << csv_field(row.series) << ',' << row.held_out_years << ',' << number(row.mape_percent) << '\n';
  return out.str();
}

std::string synthetic_truth_csv(const CalibrationReport& r) {
  std::ostringstream out;
  out << "parameter,true_value,estimate,standard_error,z\n";
  if (!r.truth) return out.str();
  for (std::size_t k = 0; k < r.settings.free.size(); ++k) {
    const auto p = static_cast<std::size_t>(r.settings.free[k]);
    const double se = r.fit.standard_error[k];
    out << model::kFreeParameters[p].name << ',' << number((*r.truth)[p]) << ',' << number(r.fit.estimate[p]) << ','
        << number(se) << ',' << number(se > 0.0 ? (r.fit.estimate[p] - (*r.truth)[p]) / se : NAN) << '\n';
  }
  return out.str();
}

}  // namespace dayopps::outputs
