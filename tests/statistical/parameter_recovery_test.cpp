// Calibration on a synthetic truth: data simulated from known parameters are fitted, and the known values
// must lie within their standard errors (|estimate - truth| < 3.5 SE for each, a two-sided 0.05% test per
// parameter if the errors are right). The engagement prior is checked against its closed form: with tallies
// n_internal, n_external and no usage data on the choice, the external constant's estimate is
// log(n_external / n_internal) with standard error sqrt(1/n_internal + 1/n_external).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <random>
#include <utility>
#include <vector>

#include "calibration/fit.hpp"
#include "model/runner.hpp"

namespace dayopps::calibration {
namespace {

using model::FreeParameter;
using model::Service;

constexpr auto idx(Service s) { return static_cast<std::size_t>(s); }
constexpr auto idx(FreeParameter p) { return static_cast<std::size_t>(p); }

model::ProjectionInputs area_inputs() {
  constexpr int kYears = 9;  // 2022..2030
  std::mt19937 engine(5);
  std::uniform_int_distribution<int> people(120, 220);
  model::ProjectionInputs inputs;
  inputs.base_year = 2022;
  inputs.horizon = 2022 + kYears - 1;
  inputs.people.first_year = 2022;
  inputs.people.counts.resize(kYears, model::kCellCount);
  for (int c = 0; c < model::kCellCount; ++c) {
    const int base = people(engine);
    for (int y = 0; y < kYears; ++y) inputs.people.counts(y, c) = base + y;
  }
  for (int c = 0; c < model::kCellCount; ++c) inputs.annual_death_probability(c) = 0.0002 * model::age_of_cell(c);
  model::CareNeedRates care;
  care.learning_disability_moderate_severe = model::RatesByCell::Constant(0.04);
  care.base_year = 2022;
  inputs.care_need = care;
  model::ServiceRates services;
  const auto ld = static_cast<std::size_t>(model::SupportReason::learning_disability);
  services.start_probability[ld] = model::RatesByCell::Constant(0.05);
  services.transition_at_adulthood[ld] = 0.3;
  services.continuation.fill(0.9);
  services.continuation[0] = 0.0;
  for (auto& constants : services.choice_constant) constants.fill(model::kNotOffered);
  services.choice_constant[ld][idx(Service::internal_day_centre)] = std::log(0.5);
  services.choice_constant[ld][idx(Service::external_day_centre)] = std::log(0.5);
  services.internal_centres = {{5000, 1900, 9999}};
  inputs.services = services;
  return inputs;
}

UsageObservation observation(int year, UsageMeasure measure, int service) {
  UsageObservation o;
  o.year = year;
  o.measure = measure;
  o.service = service;
  o.where = "synthetic";
  return o;
}

// What a council would hold: users by centre type in the base year, starters by centre type and leavers
// every year after it, up to `last_year`.
std::vector<UsageObservation> observation_design(int last_year) {
  const int internal = static_cast<int>(Service::internal_day_centre);
  const int external = static_cast<int>(Service::external_day_centre);
  std::vector<UsageObservation> design = {observation(2022, UsageMeasure::users, internal),
                                          observation(2022, UsageMeasure::users, external)};
  for (int year = 2023; year <= last_year; ++year) {
    design.push_back(observation(year, UsageMeasure::starters, internal));
    design.push_back(observation(year, UsageMeasure::starters, external));
    design.push_back(observation(year, UsageMeasure::leavers, kAll));
  }
  return design;
}

// PSS EX1's day-care series, every council's: users of learning disability 18-64, physical disability 18-64
// and everyone 65+, yearly for kSeriesYears years from 2022.
constexpr int kSeriesYears = 6;
std::vector<UsageObservation> day_care_series() {
  const auto ld = static_cast<int>(model::SupportReason::learning_disability);
  const auto pd = static_cast<int>(model::SupportReason::physical_disability);
  std::vector<UsageObservation> series;
  for (int year = 2022; year < 2022 + kSeriesYears; ++year) {
    for (const auto& [reason, age] : {std::pair{ld, 0}, std::pair{pd, 0}, std::pair{kAll, 1}}) {
      UsageObservation o = observation(year, UsageMeasure::users, kAll);
      o.support_reason = reason;
      o.age_group = age;
      o.label = "series " + std::to_string(reason) + "/" + std::to_string(age);
      series.push_back(o);
    }
  }
  return series;
}

// Each free parameter's estimate lies within `bound` standard errors of the truth, and its standard error is
// informative: below a quarter of `scale(parameter)`.
template <typename Scale>
void expect_recovered(const FitResult& fit, const FitSettings& settings, const model::FreeParameterValues& truth,
                      double bound, Scale scale) {
  for (std::size_t k = 0; k < settings.free.size(); ++k) {
    const auto p = idx(settings.free[k]);
    const double se = fit.standard_error[k];
    ASSERT_GT(se, 0.0);
    std::printf("%s: truth %.5g, estimate %.5g, SE %.3g, z %.2f\n", model::kFreeParameters[p].name.data(), truth[p],
                fit.estimate[p], se, (fit.estimate[p] - truth[p]) / se);
    EXPECT_LT(std::abs(fit.estimate[p] - truth[p]), bound * se)
        << model::kFreeParameters[p].name << ": estimate " << fit.estimate[p] << ", truth " << truth[p] << ", SE "
        << se;
    EXPECT_LT(se, 0.25 * scale(p));
  }
}

TEST(ParameterRecovery, KnownParametersAreRecoveredWithinTheirStandardErrors) {
  const model::ProjectionInputs inputs = area_inputs();
  model::FreeParameterValues truth = model::neutral_free_parameters(*inputs.services);
  truth[idx(FreeParameter::start_scale)] = 1.3;
  truth[idx(FreeParameter::continuation)] = 0.85;
  truth[idx(FreeParameter::external_choice_constant)] = 0.4;

  // The "observed" data: one realisation of the truth, on a seed the fit never uses.
  std::vector<UsageObservation> observed = observation_design(2030);
  FitSettings truth_run;
  truth_run.replications = 1;
  truth_run.master_seed = 987654;
  const SimulatedObservations data = simulate_observations(inputs, truth, observed, truth_run);
  for (std::size_t i = 0; i < observed.size(); ++i) observed[i].count = data.mean[i];

  FitSettings settings;
  settings.free = {FreeParameter::start_scale, FreeParameter::continuation, FreeParameter::external_choice_constant};
  settings.start = model::neutral_free_parameters(*inputs.services);
  settings.replications = 8;
  settings.master_seed = 11;
  settings.threads = 2;
  const FitResult fit = fit_parameters(inputs, observed, EngagementPrior{}, settings);

  ASSERT_TRUE(fit.identified);
  EXPECT_TRUE(fit.converged) << fit.optimiser_status;
  // The errors are informative: a fit that knows nothing would have SEs as wide as the parameter itself.
  expect_recovered(fit, settings, truth, 3.5, [&](std::size_t p) { return std::max(0.5, std::abs(truth[p])); });
  // 23 Poisson counts, 3 parameters: the deviance is about chi-squared with 20 degrees of freedom.
  std::printf("deviance %.2f on %zu counts, %d evaluations, %s\n", fit.deviance, observed.size(), fit.evaluations,
              fit.optimiser_status.c_str());
  EXPECT_LT(fit.deviance, 20.0 + 4.0 * std::sqrt(40.0));
}

// The shape of Birmingham's real data (inputs/data/birmingham_pss_ex1_day_care_users_2009_2014.csv and the 2019
// users): yearly stocks of day-care users for six years by client group (learning disability 18-64, physical
// disability 18-64, everyone 65+), then users by centre type some years later. The four parameters the shipped
// calibration frees are recovered. Stocks of consecutive years repeat the same people, so the Poisson standard
// errors, which count them as independent, understate the error by up to sqrt(T) for T years of one series (if
// the years were perfectly correlated they would carry one year's information): the bound is 4 sqrt(T) SE.
TEST(ParameterRecovery, KnownParametersFromADayCareHistoryOfTheRealShape) {
  model::ProjectionInputs inputs = area_inputs();
  const auto pd = static_cast<std::size_t>(model::SupportReason::physical_disability);
  const auto ld = static_cast<std::size_t>(model::SupportReason::learning_disability);
  inputs.services->choice_constant[pd] = inputs.services->choice_constant[ld];
  model::FreeParameterValues truth = model::neutral_free_parameters(*inputs.services);
  truth[idx(FreeParameter::start_scale)] = 1.2;
  truth[idx(FreeParameter::external_choice_constant)] = 0.3;
  truth[idx(FreeParameter::physical_support_start_18_64)] = 1e-3;
  truth[idx(FreeParameter::physical_support_start_65_over)] = 5e-3;

  std::vector<UsageObservation> observed = day_care_series();
  observed.push_back(observation(2030, UsageMeasure::users, static_cast<int>(Service::internal_day_centre)));
  observed.push_back(observation(2030, UsageMeasure::users, static_cast<int>(Service::external_day_centre)));
  FitSettings truth_run;
  truth_run.replications = 1;
  truth_run.master_seed = 24680;
  const SimulatedObservations data = simulate_observations(inputs, truth, observed, truth_run);
  for (std::size_t i = 0; i < observed.size(); ++i) observed[i].count = data.mean[i];

  FitSettings settings;
  settings.free = {FreeParameter::start_scale, FreeParameter::external_choice_constant,
                   FreeParameter::physical_support_start_18_64, FreeParameter::physical_support_start_65_over};
  settings.start = search_start(model::neutral_free_parameters(*inputs.services), settings.free);
  settings.replications = 8;
  settings.master_seed = 13;
  settings.threads = 2;
  const FitResult fit = fit_parameters(inputs, observed, EngagementPrior{}, settings);

  ASSERT_TRUE(fit.identified);
  EXPECT_TRUE(fit.converged) << fit.optimiser_status;
  // Informative: the rates per head to within a quarter of themselves, the others as in the test above.
  expect_recovered(fit, settings, truth, 4.0 * std::sqrt(double{kSeriesYears}), [&](std::size_t p) {
    const bool rate = model::kFreeParameters[p].name.starts_with("physical_support_start");
    return rate ? truth[p] : std::max(0.5, std::abs(truth[p]));
  });
  std::printf("deviance %.2f on %zu counts, dispersion %.2f, %d evaluations\n", fit.deviance, observed.size(),
              fit.dispersion, fit.evaluations);
}

// Several councils, each calibrated on its own series alone (what `dayopps calibrate` does per area): two areas of
// different sizes and different truths, with the day-care series only (no count splits users by service, so the
// choice stays as derived), each recover their own parameters. Bound as in the test above.
TEST(ParameterRecovery, EachAreaRecoversItsOwnParametersFromItsSeries) {
  struct Area {
    int people_scale;
    double start_scale, start_18_64, start_65_over;
    std::uint64_t data_seed;
  };
  for (const Area& area : {Area{1, 1.2, 1e-3, 5e-3, 111}, Area{3, 0.7, 4e-4, 2e-3, 222}}) {
    model::ProjectionInputs inputs = area_inputs();
    inputs.people.counts *= area.people_scale;
    const auto pd = static_cast<std::size_t>(model::SupportReason::physical_disability);
    const auto ld = static_cast<std::size_t>(model::SupportReason::learning_disability);
    inputs.services->choice_constant[pd] = inputs.services->choice_constant[ld];
    model::FreeParameterValues truth = model::neutral_free_parameters(*inputs.services);
    truth[idx(FreeParameter::start_scale)] = area.start_scale;
    truth[idx(FreeParameter::physical_support_start_18_64)] = area.start_18_64;
    truth[idx(FreeParameter::physical_support_start_65_over)] = area.start_65_over;
    std::vector<UsageObservation> observed = day_care_series();
    FitSettings truth_run;
    truth_run.replications = 1;
    truth_run.master_seed = area.data_seed;
    const SimulatedObservations data = simulate_observations(inputs, truth, observed, truth_run);
    for (std::size_t i = 0; i < observed.size(); ++i) observed[i].count = data.mean[i];

    FitSettings settings;
    settings.free = {FreeParameter::start_scale, FreeParameter::physical_support_start_18_64,
                     FreeParameter::physical_support_start_65_over};
    settings.start = search_start(model::neutral_free_parameters(*inputs.services), settings.free);
    settings.replications = 8;
    settings.master_seed = 13;
    settings.threads = 2;
    const FitResult fit = fit_parameters(inputs, observed, EngagementPrior{}, settings);
    std::printf("area of %d x people:\n", area.people_scale);
    ASSERT_TRUE(fit.identified);
    EXPECT_TRUE(fit.converged) << fit.optimiser_status;
    expect_recovered(fit, settings, truth, 4.0 * std::sqrt(double{kSeriesYears}), [&](std::size_t p) {
      const bool rate = model::kFreeParameters[p].name.starts_with("physical_support_start");
      return rate ? truth[p] : std::max(0.5, std::abs(truth[p]));
    });
  }
}

TEST(ParameterRecovery, EngagementTalliesGiveTheMultinomialEstimateAndStandardError) {
  const model::ProjectionInputs inputs = area_inputs();
  std::vector<UsageObservation> observed = {observation(2022, UsageMeasure::users, kAll)};
  FitSettings truth_run;
  truth_run.replications = 1;
  truth_run.master_seed = 4;
  observed[0].count =
      simulate_observations(inputs, model::neutral_free_parameters(*inputs.services), observed, truth_run).mean[0];
  EngagementPrior prior;
  prior.respondents[idx(Service::internal_day_centre)] = 30;
  prior.respondents[idx(Service::external_day_centre)] = 90;

  FitSettings settings;
  settings.free = {FreeParameter::start_scale, FreeParameter::external_choice_constant};
  settings.start = model::neutral_free_parameters(*inputs.services);
  settings.replications = 4;
  settings.master_seed = 3;
  settings.threads = 2;
  const FitResult fit = fit_parameters(inputs, observed, prior, settings);
  ASSERT_TRUE(fit.identified);
  EXPECT_NEAR(fit.estimate[idx(FreeParameter::external_choice_constant)], std::log(3.0), 1e-3);
  EXPECT_NEAR(fit.standard_error[1], std::sqrt(1.0 / 30 + 1.0 / 90), 0.01 * std::sqrt(1.0 / 30 + 1.0 / 90));
  EXPECT_LT(fit.prior_deviance, 1e-6);  // the choice fits the tallies exactly
}

TEST(ParameterRecovery, TooFewObservationsAreRefused) {
  const model::ProjectionInputs inputs = area_inputs();
  std::vector<UsageObservation> observed = {observation(2022, UsageMeasure::users, kAll)};
  observed[0].count = 100;
  FitSettings settings;
  settings.free = {FreeParameter::start_scale, FreeParameter::continuation};
  settings.start = model::neutral_free_parameters(*inputs.services);
  EXPECT_THROW(fit_parameters(inputs, observed, EngagementPrior{}, settings), std::invalid_argument);
}

TEST(DevianceResidual, MatchesThePoissonDeviance) {
  EXPECT_DOUBLE_EQ(deviance_residual(10.0, 10.0), 0.0);
  EXPECT_NEAR(deviance_residual(12.0, 10.0), std::sqrt(2.0 * (12.0 * std::log(1.2) - 2.0)), 1e-12);
  EXPECT_LT(deviance_residual(8.0, 10.0), 0.0);
  EXPECT_NEAR(deviance_residual(0.0, 3.0), -std::sqrt(6.0), 1e-12);
}

}  // namespace
}  // namespace dayopps::calibration
