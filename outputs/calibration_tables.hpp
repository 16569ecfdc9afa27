#pragma once
// The fit report's tables, as CSV text: observed against fitted per observation (fit and held-out), the
// parameter estimates, the backcast error, the synthetic truth. outputs/charts/fit_report.py draws them.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "calibration/fit.hpp"
#include "inputs/loaders/observations.hpp"

namespace dayopps::outputs {

struct CalibrationReport {
  std::vector<inputs::UsageObservation> fitted_observations;
  std::vector<inputs::UsageObservation> held_out;
  calibration::SimulatedObservations held_out_simulated;  // at the estimate
  calibration::FitSettings settings;
  calibration::FitResult fit;
  std::optional<model::FreeParameterValues> truth;  // synthetic-truth runs only
  // The backcast check ([calibration] validate_to_year): a second fit on the observations up to that year,
  // and its values for every fitted observation (fitted up to the year, predicted after it).
  std::optional<int> validate_to_year;
  std::optional<calibration::FitResult> validation;
  calibration::SimulatedObservations backcast;
  std::vector<std::pair<std::string, std::string>> summary;  // key, value
};

struct MapeRow {
  std::string series;
  int held_out_years = 0;
  double mape_percent = 0.0;
};

// Mean absolute percentage error of the held-out observations, per series (label), plus "all" (the mean
// over every held-out observation). Observations of 0 are left out (their percentage error is undefined).
std::vector<MapeRow> backcast_mape(const std::vector<inputs::UsageObservation>& held_out,
                                   const std::vector<double>& predicted);

std::string fit_observations_csv(const CalibrationReport& report);
std::string fit_parameters_csv(const CalibrationReport& report);
std::string fit_summary_csv(const CalibrationReport& report);
std::string backcast_mape_csv(const std::vector<MapeRow>& rows);
std::string synthetic_truth_csv(const CalibrationReport& report);

}  // namespace dayopps::outputs
