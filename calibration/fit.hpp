#pragma once
// Fitting the free parameters (model/free_parameters) to observed usage counts, and to engagement tallies
// as a prior on the choice between centres, by maximum likelihood: the counts are taken as Poisson around
// the model's expected value, estimated by simulation with common random numbers (every evaluation uses
// the same seed, so the objective changes only through the parameters). The optimiser is Eigen's
// Levenberg-Marquardt on the deviance residuals; standard errors come from the Fisher information
// (the expected Hessian of the deviance) at the estimate, the usage part divided by (1 + 1/R) because its
// expectations are simulated with R replications, and the whole scaled by the dispersion when the counts
// scatter more than Poisson. Equations: docs/model.md, "Calibration".
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "inputs/loaders/observations.hpp"
#include "model/free_parameters.hpp"
#include "model/projection_inputs.hpp"
#include "model/replication.hpp"

namespace dayopps::calibration {

// The observed counts and tallies a fit compares with, as the loaders read them (inputs/loaders/observations.hpp).
using inputs::EngagementPrior;
using inputs::kAll;
using inputs::UsageMeasure;
using inputs::UsageObservation;

struct FitSettings {
  std::vector<model::FreeParameter> free;  // estimated; the others keep their `start` value
  model::FreeParameterValues start{};      // starting point of the free ones, value of the fixed ones
  int replications = 10;                   // R: replications per evaluation (common random numbers)
  std::uint64_t master_seed = 1;
  int threads = 1;
  bool users_as_demand = false;  // compare `users` with the people who chose a service (using or waiting)
  double step = 0.02;            // finite-difference step on the search scale
  int max_evaluations = 60;      // simulations of the objective, Jacobians excluded
};

// Where the search begins for each parameter of `free`: its neutral value, except a rate the derivation leaves at 0
// (the physical-support starts per head), which starts at 1 in 10,000 a year, inside its log or logit scale. The
// order of Birmingham's day-care users per resident times the share who leave in a year; the estimate does not
// depend on it.
model::FreeParameterValues search_start(const model::FreeParameterValues& neutral,
                                        const std::vector<model::FreeParameter>& free);

struct SimulatedObservations {
  std::vector<double> mean;  // per observation, over replications
  std::vector<double> sd;    // Monte Carlo standard deviation across replications
};

// The simulated counterpart of each observation, with the given parameter values. Stocks observed before
// the base year are compared with the base year (the model starts there); flows must fall after it.
SimulatedObservations simulate_observations(const model::ProjectionInputs& inputs,
                                            const model::FreeParameterValues& values,
                                            const std::vector<UsageObservation>& observations,
                                            const FitSettings& settings, const std::atomic<bool>* cancel = nullptr);

// The value of one observation in one replication's output.
double observed_in(const model::ReplicationOutput& output, const UsageObservation& observation, int base_year,
                   int adulthood_age, bool users_as_demand);

struct FitResult {
  model::FreeParameterValues estimate{};
  // Search-scale covariance of the free parameters (order of settings.free); NaN when not identified.
  Eigen::MatrixXd covariance;
  std::vector<double> standard_error;  // natural scale (delta method), per free parameter
  bool identified = false;             // the Fisher information has full rank
  SimulatedObservations fitted;        // at the estimate
  double deviance = 0.0;               // usage part
  double prior_deviance = 0.0;         // engagement part (0 with a flat prior)
  double dispersion = 1.0;             // deviance / degrees of freedom when above 1: the covariance is scaled by it
  int iterations = 0;
  int evaluations = 0;
  std::string optimiser_status;
  bool converged = false;
};

using FitProgress = std::function<void(int evaluation, double deviance)>;

// Throws std::invalid_argument if there are fewer observations (and tallies) than free parameters, if a
// free continuation is not one common value, or if an observation cannot be simulated.
FitResult fit_parameters(const model::ProjectionInputs& inputs, const std::vector<UsageObservation>& observations,
                         const EngagementPrior& prior, const FitSettings& settings, const FitProgress& progress = {},
                         const std::atomic<bool>* cancel = nullptr);

// Poisson deviance residual of count y against expectation mu: sign(y - mu) sqrt(2 [y log(y/mu) - (y - mu)]).
double deviance_residual(double y, double mu);

}  // namespace dayopps::calibration
