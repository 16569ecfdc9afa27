#include "model/free_parameters.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include <Eigen/Eigenvalues>

#include "model/random_draws.hpp"

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
      continuation = std::numeric_limits<double>::quiet_NaN();
      break;
    }
  }
  values[index(FreeParameter::continuation)] = continuation;
  values[index(FreeParameter::physical_support_start_18_64)] = services.physical_support_start[0];
  values[index(FreeParameter::physical_support_start_65_over)] = services.physical_support_start[1];
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
  const double physical_young = values[index(FreeParameter::physical_support_start_18_64)];
  const double physical_old = values[index(FreeParameter::physical_support_start_65_over)];
  if (!(scale >= 0.0) || !(continuation >= 0.0 && continuation <= 1.0) || !(onset >= 0.0) ||
      !(physical_young >= 0.0 && physical_young <= 1.0) || !(physical_old >= 0.0 && physical_old <= 1.0) ||
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
  services.physical_support_start = {physical_young, physical_old};
  // Physical support is either a condition with a prevalence or a start per head, never both: a person who
  // leaves drops the reason, which would erase a prevalent condition.
  if (services.physical_support_per_head() &&
      ((care.physical_disability_serious > 0.0).any() || (care.physical_disability_moderate > 0.0).any() ||
       (care.physical_disability_onset > 0.0).any()))
    throw std::invalid_argument(
        "physical support starts per head cannot be combined with a physical-disability prevalence");
}

FreeParameterValues parameters_for_replication(const CalibratedParameters& calibrated, std::uint64_t master_seed,
                                               std::uint32_t replication) {
  if (!calibrated.draw_per_replication || calibrated.free.empty()) return calibrated.estimate;
  const auto n = static_cast<Eigen::Index>(calibrated.free.size());
  if (calibrated.covariance.rows() != n || calibrated.covariance.cols() != n)
    throw std::invalid_argument("the covariance does not match the free parameters");
  // A symmetric square root (eigen-decomposition) also serves a covariance that is only semi-definite.
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(calibrated.covariance);
  if (eigen.eigenvalues().minCoeff() < -1e-12 * std::max(1.0, eigen.eigenvalues().maxCoeff()))
    throw std::invalid_argument("the covariance of the calibrated parameters is not positive semi-definite");
  const Eigen::MatrixXd root = eigen.eigenvectors() * eigen.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal();
  Eigen::VectorXd normal(n);
  for (Eigen::Index k = 0; k < n; k += 2) {  // Box-Muller: two normals per Philox block
    const RandomWords w = random_words(master_seed, replication, kParameterDrawPerson, static_cast<std::uint32_t>(k),
                                       RandomEvent::parameter_draw);
    const double u1 = 1.0 - uniform_01(w[0], w[1]);  // (0, 1]
    const double u2 = uniform_01(w[2], w[3]);
    const double radius = std::sqrt(-2.0 * std::log(u1));
    normal(k) = radius * std::cos(2.0 * std::numbers::pi * u2);
    if (k + 1 < n) normal(k + 1) = radius * std::sin(2.0 * std::numbers::pi * u2);
  }
  const Eigen::VectorXd shift = root * normal;
  FreeParameterValues values = calibrated.estimate;
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto p = static_cast<std::size_t>(calibrated.free[static_cast<std::size_t>(k)]);
    const ParameterScale scale = kFreeParameters[p].scale;
    values[p] = from_search_scale(scale, to_search_scale(scale, values[p]) + shift(k));
  }
  return values;
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
