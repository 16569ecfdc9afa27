#include "calibration/fit.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <unsupported/Eigen/LevenbergMarquardt>

#include "model/runner.hpp"

namespace dayopps::calibration {

namespace {

using model::kCellCount;
using model::kServiceCount;
using model::kSupportReasonCount;

bool matches(int wanted, int value) { return wanted == kAll || wanted == value; }

// Choice probabilities among the services the tallies name (the prior's multinomial cells).
std::vector<double> prior_expectations(const model::ServiceRates& services, const EngagementPrior& prior) {
  const auto p = model::choice_probabilities(services, model::SupportReason::learning_disability);
  double named = 0.0;
  for (int s = 1; s < kServiceCount; ++s)
    if (prior.respondents[static_cast<std::size_t>(s)] > 0.0) named += p[static_cast<std::size_t>(s)];
  std::vector<double> mu;
  for (int s = 1; s < kServiceCount; ++s) {
    if (prior.respondents[static_cast<std::size_t>(s)] <= 0.0) continue;
    mu.push_back(named > 0.0 ? prior.total() * p[static_cast<std::size_t>(s)] / named : 0.0);
  }
  return mu;
}

std::vector<double> prior_counts(const EngagementPrior& prior) {
  std::vector<double> y;
  for (int s = 1; s < kServiceCount; ++s)
    if (prior.respondents[static_cast<std::size_t>(s)] > 0.0)
      y.push_back(prior.respondents[static_cast<std::size_t>(s)]);
  return y;
}

// Everything one evaluation gives: the expectations of the observations and of the tallies.
struct Evaluation {
  SimulatedObservations simulated;
  std::vector<double> prior_mu;
};

class Objective {
 public:
  Objective(const model::ProjectionInputs& inputs, const std::vector<UsageObservation>& observations,
            const EngagementPrior& prior, const FitSettings& settings, const FitProgress& progress,
            const std::atomic<bool>* cancel)
      : inputs_(inputs),
        observations_(observations),
        prior_(prior),
        prior_y_(prior_counts(prior)),
        settings_(settings),
        progress_(progress),
        cancel_(cancel) {}

  int residual_count() const { return static_cast<int>(observations_.size() + prior_y_.size()); }

  model::FreeParameterValues values_at(const Eigen::VectorXd& x) const {
    model::FreeParameterValues values = settings_.start;
    for (std::size_t k = 0; k < settings_.free.size(); ++k) {
      const auto p = static_cast<std::size_t>(settings_.free[k]);
      values[p] = model::from_search_scale(model::kFreeParameters[p].scale, x(static_cast<Eigen::Index>(k)));
    }
    return values;
  }

  Evaluation evaluate(const Eigen::VectorXd& x) {
    const model::FreeParameterValues values = values_at(x);
    Evaluation e;
    e.simulated = simulate_observations(inputs_, values, observations_, settings_, cancel_);
    model::ServiceRates services = *inputs_.services;
    model::CareNeedRates care = *inputs_.care_need;
    model::apply_free_parameters(values, services, care);
    e.prior_mu = prior_expectations(services, prior_);
    return e;
  }

  Eigen::VectorXd residuals(const Evaluation& e) const {
    Eigen::VectorXd r(residual_count());
    Eigen::Index k = 0;
    for (std::size_t i = 0; i < observations_.size(); ++i)
      r(k++) = deviance_residual(observations_[i].count, e.simulated.mean[i]);
    for (std::size_t i = 0; i < prior_y_.size(); ++i) r(k++) = deviance_residual(prior_y_[i], e.prior_mu[i]);
    return r;
  }

  // Expectations (observations then tallies) as one vector, for the Fisher information.
  static Eigen::VectorXd expectations(const Evaluation& e) {
    Eigen::VectorXd mu(static_cast<Eigen::Index>(e.simulated.mean.size() + e.prior_mu.size()));
    Eigen::Index k = 0;
    for (double m : e.simulated.mean) mu(k++) = m;
    for (double m : e.prior_mu) mu(k++) = m;
    return mu;
  }

  void count_evaluation(const Eigen::VectorXd& r) {
    ++evaluations_;
    if (progress_) progress_(evaluations_, r.squaredNorm());
  }
  int evaluations() const { return evaluations_; }
  const FitSettings& settings() const { return settings_; }

 private:
  const model::ProjectionInputs& inputs_;
  const std::vector<UsageObservation>& observations_;
  const EngagementPrior& prior_;
  std::vector<double> prior_y_;
  const FitSettings& settings_;
  const FitProgress& progress_;
  const std::atomic<bool>* cancel_;
  int evaluations_ = 0;
};

// Eigen's Levenberg-Marquardt functor: residuals and their Jacobian by central differences (the step is
// wide enough to span many simulated people, so the common-random-number objective is smooth at its scale).
struct LmFunctor : Eigen::DenseFunctor<double> {
  LmFunctor(Objective& objective, int inputs)
      : Eigen::DenseFunctor<double>(inputs, objective.residual_count()), objective_(&objective) {}
  int operator()(const InputType& x, ValueType& residuals) const {
    residuals = objective_->residuals(objective_->evaluate(x));
    objective_->count_evaluation(residuals);
    return 0;
  }
  int df(const InputType& x, JacobianType& jacobian) const {
    const double h = objective_->settings().step;
    jacobian.resize(values(), inputs());
    for (int k = 0; k < inputs(); ++k) {
      InputType up = x, down = x;
      up(k) += h;
      down(k) -= h;
      jacobian.col(k) =
          (objective_->residuals(objective_->evaluate(up)) - objective_->residuals(objective_->evaluate(down))) /
          (2.0 * h);
    }
    return 0;
  }
  Objective* objective_;
};

const char* status_name(Eigen::LevenbergMarquardtSpace::Status status) {
  using namespace Eigen::LevenbergMarquardtSpace;
  switch (status) {
    case RelativeReductionTooSmall:
      return "converged: relative reduction of the deviance below ftol";
    case RelativeErrorTooSmall:
      return "converged: relative change of the parameters below xtol";
    case RelativeErrorAndReductionTooSmall:
      return "converged: parameters and deviance both settled";
    case CosinusTooSmall:
      return "converged: residuals orthogonal to the Jacobian (gradient zero)";
    case TooManyFunctionEvaluation:
      return "stopped: evaluation budget used up";
    case FtolTooSmall:
    case XtolTooSmall:
    case GtolTooSmall:
      return "converged: no further reduction possible at machine precision";
    case ImproperInputParameters:
      return "failed: improper input to the optimiser";
    default:
      return "stopped";
  }
}

}  // namespace

model::FreeParameterValues search_start(const model::FreeParameterValues& neutral,
                                        const std::vector<model::FreeParameter>& free) {
  model::FreeParameterValues start = neutral;
  for (const model::FreeParameter p : free) {
    double& value = start[static_cast<std::size_t>(p)];
    if (model::kFreeParameters[static_cast<std::size_t>(p)].scale != model::ParameterScale::identity && !(value > 0.0))
      value = 1e-4;
  }
  return start;
}

double deviance_residual(double y, double mu) {
  mu = std::max(mu, 1e-9);
  const double term = y > 0.0 ? y * std::log(y / mu) - (y - mu) : mu;
  return (y >= mu ? 1.0 : -1.0) * std::sqrt(std::max(0.0, 2.0 * term));
}

double observed_in(const model::ReplicationOutput& output, const UsageObservation& o, int base_year, int adulthood_age,
                   bool users_as_demand) {
  double total = 0.0;
  switch (o.measure) {
    case UsageMeasure::users: {
      const model::CountsTable& table = users_as_demand ? output.service_demand : output.service_users;
      const Eigen::Index row = std::max(0, o.year - base_year);
      if (row >= table.rows())
        throw std::invalid_argument(o.where + ": year " + std::to_string(o.year) + " is not simulated");
      for (int s = 1; s < kServiceCount; ++s) {
        if (!matches(o.service, s)) continue;
        for (int r = 1; r < kSupportReasonCount; ++r) {
          if (!matches(o.support_reason, r)) continue;
          for (int c = 0; c < kCellCount; ++c) {
            const int age = model::age_of_cell(c);
            const int group = age < adulthood_age ? -2 : model::age_group(age);
            if (group == -2 || !matches(o.age_group, group)) continue;
            total += table(row, model::service_reason_cell(s, r, c));
          }
        }
      }
      return total;
    }
    case UsageMeasure::starters:
    case UsageMeasure::leavers: {
      const model::CountsTable& table =
          o.measure == UsageMeasure::starters ? output.service_starters : output.service_leavers;
      const Eigen::Index row = o.year - base_year - 1;
      if (row < 0 || row >= table.rows())
        throw std::invalid_argument(o.where + ": flows in " + std::to_string(o.year) +
                                    " are not simulated (flows start the year after the base year)");
      for (int s = 1; s < kServiceCount; ++s) {
        if (!matches(o.service, s)) continue;
        for (int r = 1; r < kSupportReasonCount; ++r)
          if (matches(o.support_reason, r)) total += table(row, s * kSupportReasonCount + r);
      }
      return total;
    }
    case UsageMeasure::centre_users: {
      const Eigen::Index row = std::max(0, o.year - base_year);
      if (row >= output.centre_users.rows() || o.centre < 0 || o.centre >= output.centre_users.cols())
        throw std::invalid_argument(o.where + ": the centre or year is not simulated");
      return output.centre_users(row, o.centre);
    }
  }
  return total;
}

SimulatedObservations simulate_observations(const model::ProjectionInputs& inputs,
                                            const model::FreeParameterValues& values,
                                            const std::vector<UsageObservation>& observations,
                                            const FitSettings& settings, const std::atomic<bool>* cancel) {
  if (!inputs.services || !inputs.care_need) throw std::invalid_argument("calibration needs the services");
  model::ProjectionInputs run = inputs;
  int last_year = inputs.base_year;
  for (const auto& o : observations) last_year = std::max(last_year, o.year);
  if (last_year > inputs.people.last_year())
    throw std::invalid_argument("an observation falls after the last year of the population projection");
  run.horizon = last_year;
  run.costs.reset();  // costs are not observed; their price index covers the original horizon only
  // The base year's users are what is fitted: they must come from the parameters, not be pinned to the counts.
  run.services->base_year_users.reset();
  run.calibrated = model::CalibratedParameters{values, {}, {}, false};
  const model::ProjectionResult result =
      model::run_projection(run, {settings.replications, settings.master_seed, settings.threads}, {}, cancel);
  SimulatedObservations out;
  const auto n = observations.size();
  out.mean.assign(n, 0.0);
  out.sd.assign(n, 0.0);
  const double reps = static_cast<double>(result.replications.size());
  for (std::size_t i = 0; i < n; ++i) {
    double sum = 0.0, sum_squares = 0.0;
    for (const auto& replication : result.replications) {
      const double v = observed_in(replication, observations[i], inputs.base_year, inputs.services->adulthood_age,
                                   settings.users_as_demand);
      sum += v;
      sum_squares += v * v;
    }
    out.mean[i] = sum / reps;
    out.sd[i] = reps > 1 ? std::sqrt(std::max(0.0, (sum_squares - sum * sum / reps) / (reps - 1))) : 0.0;
  }
  return out;
}

FitResult fit_parameters(const model::ProjectionInputs& inputs, const std::vector<UsageObservation>& observations,
                         const EngagementPrior& prior, const FitSettings& settings, const FitProgress& progress,
                         const std::atomic<bool>* cancel) {
  if (!inputs.services || !inputs.care_need) throw std::invalid_argument("calibration needs the services");
  Objective objective(inputs, observations, prior, settings, progress, cancel);
  const auto n = static_cast<int>(settings.free.size());
  if (n == 0) throw std::invalid_argument("no free parameters to fit");
  if (objective.residual_count() < n) {
    throw std::invalid_argument("fewer observations (" + std::to_string(objective.residual_count()) +
                                ") than free parameters (" + std::to_string(n) + "): they cannot all be estimated");
  }
  Eigen::VectorXd x(n);
  for (int k = 0; k < n; ++k) {
    const auto p = static_cast<std::size_t>(settings.free[static_cast<std::size_t>(k)]);
    const double start = settings.start[p];
    if (!std::isfinite(start))
      throw std::invalid_argument(std::string(model::kFreeParameters[p].name) +
                                  " has no single starting value (e.g. services with different continuations)");
    x(k) = model::to_search_scale(model::kFreeParameters[p].scale, start);
  }

  LmFunctor functor(objective, n);
  Eigen::LevenbergMarquardt<LmFunctor> lm(functor);
  // Simulated deviances are exact only to their Monte Carlo noise: stop when a step gains under 0.1% of the
  // deviance or moves the parameters by under 0.1% (on the search scale).
  lm.setXtol(1e-3);
  lm.setFtol(1e-3);
  lm.setMaxfev(settings.max_evaluations);
  const Eigen::LevenbergMarquardtSpace::Status status = lm.minimize(x);

  FitResult result;
  result.estimate = objective.values_at(x);
  result.iterations = static_cast<int>(lm.iterations());
  result.optimiser_status = status_name(status);
  result.converged = status != Eigen::LevenbergMarquardtSpace::TooManyFunctionEvaluation &&
                     status != Eigen::LevenbergMarquardtSpace::ImproperInputParameters;

  // At the estimate: fitted values, deviance, and the Fisher information J' diag(1/mu) J of the Poisson
  // counts, J = d mu / d x by central differences.
  const Evaluation at = objective.evaluate(x);
  result.fitted = at.simulated;
  const Eigen::VectorXd r = objective.residuals(at);
  const auto usage_count = static_cast<Eigen::Index>(observations.size());
  result.deviance = r.head(usage_count).squaredNorm();
  result.prior_deviance = r.tail(r.size() - usage_count).squaredNorm();
  const Eigen::VectorXd mu = Objective::expectations(at).cwiseMax(1e-9);
  Eigen::MatrixXd jacobian(mu.size(), n);
  for (int k = 0; k < n; ++k) {
    Eigen::VectorXd up = x, down = x;
    up(k) += settings.step;
    down(k) -= settings.step;
    jacobian.col(k) =
        (Objective::expectations(objective.evaluate(up)) - Objective::expectations(objective.evaluate(down))) /
        (2.0 * settings.step);
  }
  result.evaluations = objective.evaluations();
  // Simulated expectations carry Monte Carlo error: their information is divided by (1 + 1/R). The
  // tallies' expectations are exact.
  const double simulation_inflation = 1.0 + 1.0 / static_cast<double>(settings.replications);
  const Eigen::VectorXd weight = mu.cwiseInverse();
  Eigen::MatrixXd information = Eigen::MatrixXd::Zero(n, n);
  for (Eigen::Index i = 0; i < mu.size(); ++i) {
    const double w = weight(i) / (i < usage_count ? simulation_inflation : 1.0);
    information += w * jacobian.row(i).transpose() * jacobian.row(i);
  }
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(information);
  const double largest = eigen.eigenvalues().maxCoeff();
  result.identified = largest > 0.0 && eigen.eigenvalues().minCoeff() > 1e-8 * largest;
  // Counts that scatter more than Poisson around the fitted model (a trend or a change of definition the model
  // does not follow) carry less information than the Poisson likelihood assumes: the covariance is scaled by
  // the dispersion, deviance over degrees of freedom, when it exceeds 1 (quasi-Poisson; McCullagh and Nelder).
  const auto degrees_of_freedom = static_cast<double>(r.size() - n);
  result.dispersion =
      degrees_of_freedom > 0.0 ? std::max(1.0, (result.deviance + result.prior_deviance) / degrees_of_freedom) : 1.0;
  if (result.identified) {
    result.covariance = information.inverse() * result.dispersion;
  } else {
    result.covariance = Eigen::MatrixXd::Constant(n, n, std::numeric_limits<double>::quiet_NaN());
  }
  for (int k = 0; k < n; ++k) {
    const auto p = static_cast<std::size_t>(settings.free[static_cast<std::size_t>(k)]);
    const double search_se = std::sqrt(result.covariance(k, k));
    result.standard_error.push_back(search_se *
                                    model::natural_scale_slope(model::kFreeParameters[p].scale, result.estimate[p]));
  }
  return result;
}

}  // namespace dayopps::calibration
