#pragma once
// The parameters calibration estimates, and how each one acts on the derived rates. Every value is a
// departure from what the published figures give (calibration/service_derivation), so the values at
// `neutral_free_parameters()` reproduce the uncalibrated model exactly.
#include <Eigen/Core>
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "model/care_need_rates.hpp"
#include "model/service_rates.hpp"

namespace dayopps::model {

enum class FreeParameter : int {
  start_scale = 0,                     // eligibility: multiplier on every start probability (incl. at adulthood)
  continuation = 1,                    // annual probability that a user keeps any offered service
  external_choice_constant = 2,        // log-odds of a new user choosing a commissioned over a council centre
  dementia_onset_multiplier = 3,       // multiplier on the annual dementia onset rate
  physical_support_start_18_64 = 4,    // annual start probability per head for physical support, 18-64
  physical_support_start_65_over = 5,  // the same from 65
};
inline constexpr int kFreeParameterCount = 6;

// How the optimiser sees a parameter: it searches on an unbounded scale, mapped back by the inverse.
enum class ParameterScale : int { log = 0, logit = 1, identity = 2 };

struct FreeParameterInfo {
  std::string_view name;
  std::string_view unit;
  ParameterScale scale;
};

inline constexpr std::array<FreeParameterInfo, kFreeParameterCount> kFreeParameters = {{
    {"start_scale", "multiplier on the derived annual start probabilities", ParameterScale::log},
    {"continuation", "probability per year that a user keeps their service", ParameterScale::logit},
    {"external_choice_constant", "log-odds, commissioned over council centre, of a new user's choice",
     ParameterScale::identity},
    {"dementia_onset_multiplier", "multiplier on the derived annual dementia onset rate", ParameterScale::log},
    {"physical_support_start_18_64",
     "annual probability per resident aged 18-64 without a modelled support reason of starting a day service for "
     "physical support",
     ParameterScale::logit},
    {"physical_support_start_65_over",
     "annual probability per resident aged 65 and over without a modelled support reason of starting a day service "
     "for physical support",
     ParameterScale::logit},
}};

using FreeParameterValues = std::array<double, kFreeParameterCount>;

// The values that leave `rates` as derived: scale 1, the common continuation of the offered services, the
// derived external-over-internal log-odds, onset multiplier 1, the physical-support starts as given (0: none, since
// no published figure sets them; calibration fits them). The continuation is NaN if services have
// different continuations (one common value cannot stand for them, so it cannot be calibrated).
FreeParameterValues neutral_free_parameters(const ServiceRates& services);

// Applies the values to copies of the derived rates (start probabilities are capped at 1).
void apply_free_parameters(const FreeParameterValues& values, ServiceRates& services, CareNeedRates& care);

// A calibration's result as the model uses it: the estimates, and the covariance of the free ones on the
// search scale (rows and columns in the order of `free`). With draw_per_replication, each replication
// draws its own values from the normal approximation (search scale), so forecasts carry parameter
// uncertainty as well as Monte Carlo noise.
struct CalibratedParameters {
  FreeParameterValues estimate{};
  std::vector<FreeParameter> free;
  Eigen::MatrixXd covariance;
  bool draw_per_replication = false;
};

// d value / d search-scale value at `value`: value (log), value (1 - value) (logit), 1 (identity). A standard
// error on the search scale times this is the standard error on the parameter's own scale (delta method).
constexpr double natural_scale_slope(ParameterScale scale, double value) {
  return scale == ParameterScale::log ? value : scale == ParameterScale::logit ? value * (1.0 - value) : 1.0;
}

// The values a replication uses: the estimates, or a keyed draw (identical for any thread count and in
// every scenario of a batch, so scenario comparisons stay paired). Throws std::invalid_argument if the
// covariance is not positive semi-definite or does not match `free`.
FreeParameterValues parameters_for_replication(const CalibratedParameters& calibrated, std::uint64_t master_seed,
                                               std::uint32_t replication);

double to_search_scale(ParameterScale scale, double value);
double from_search_scale(ParameterScale scale, double search_value);

}  // namespace dayopps::model
