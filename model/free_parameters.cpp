#include "model/free_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace dayopps::model {

namespace {
constexpr auto kInternal = static_cast<std::size_t>(Service::internal_day_centre);
constexpr auto kExternal = static_cast<std::size_t>(Service::external_day_centre);

constexpr std::size_t index(FreeParameter p) { return static_cast<std::size_t>(p); }
}  // namespace

FreeParameterValues neutral_free_parameters(const ServiceRates& services) {
  FreeParameterValues values{};
  values[index(FreeParameter::start_scale)] = 1.0;
  values[index(FreeParameter::dementia_onset_multiplier)] = 1.0;
  double continuation = -1.0;
  for (int s = 1; s < kServiceCount; ++s) {
    const double c = services.continuation[static_cast<std::size_t>(s)];
    if (continuation < 0.0) continuation = c;
    if (c != continuation) {
      throw std::invalid_argument(
          "services have different continuations; the calibrated continuation is one value for all of them");
    }
  }
  values[index(FreeParameter::continuation)] = continuation;
  // The derived constants are the same for every support reason (choice_constants_from_shares).
  const auto& constants = services.choice_constant[static_cast<std::size_t>(SupportReason::learning_disability)];
  values[index(FreeParameter::external_choice_constant)] =
      std::isfinite(constants[kInternal]) && std::isfinite(constants[kExternal])
          ? constants[kExternal] - constants[kInternal]
          : 0.0;
  return values;
}

void apply_free_parameters(const FreeParameterValues& values, ServiceRates& services, CareNeedRates& care) {
  const double scale = values[index(FreeParameter::start_scale)];
  const double continuation = values[index(FreeParameter::continuation)];
  const double onset = values[index(FreeParameter::dementia_onset_multiplier)];
  if (!(scale >= 0.0) || !(continuation >= 0.0 && continuation <= 1.0) || !(onset >= 0.0) ||
      !std::isfinite(values[index(FreeParameter::external_choice_constant)])) {
    throw std::invalid_argument("a free parameter is outside its range");
  }
  for (auto& start : services.start_probability) start = (start * scale).min(1.0);
  for (double& t : services.transition_at_adulthood) t = std::min(1.0, t * scale);
  for (int s = 1; s < kServiceCount; ++s) services.continuation[static_cast<std::size_t>(s)] = continuation;
  for (auto& constants : services.choice_constant) {
    if (std::isfinite(constants[kInternal]) && std::isfinite(constants[kExternal]))
      constants[kExternal] = constants[kInternal] + values[index(FreeParameter::external_choice_constant)];
  }
  care.dementia_onset = (care.dementia_onset * onset).min(1.0);
}

double to_search_scale(ParameterScale scale, double value) {
  switch (scale) {
    case ParameterScale::log:
      return std::log(value);
    case ParameterScale::logit:
      return std::log(value / (1.0 - value));
    case ParameterScale::identity:
      break;
  }
  return value;
}

double from_search_scale(ParameterScale scale, double search_value) {
  switch (scale) {
    case ParameterScale::log:
      return std::exp(search_value);
    case ParameterScale::logit:
      return 1.0 / (1.0 + std::exp(-search_value));
    case ParameterScale::identity:
      break;
  }
  return search_value;
}

}  // namespace dayopps::model
