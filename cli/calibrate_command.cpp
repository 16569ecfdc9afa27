#include "cli/calibrate_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

#include "assembly/run_inputs.hpp"
#include "calibration/fit.hpp"
#include "cli/helper_program.hpp"
#include "cli/run_command.hpp"
#include "cli/run_plan.hpp"
#include "cli/run_steps.hpp"
#include "derivation/history_population.hpp"
#include "inputs/loaders/calibrated_parameters.hpp"
#include "inputs/loaders/input_error.hpp"
#include "model/runner.hpp"
#include "model/seeds.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/build_info.hpp"
#include "outputs/calibration_tables.hpp"

namespace dayopps::cli {

namespace {

// The method check on a synthetic truth: known departures from the derived rates, and what a council's
// records would hold (users by centre type in the base year, starters by centre type and leavers in each
// later year), simulated once on a seed the fit never uses. Later stocks are left out: they repeat the
// same people year after year, so counting them as independent Poisson counts would overstate the data.
constexpr int kSyntheticYears = 8;
constexpr int kSyntheticHeldOutYears = 3;

model::FreeParameterValues synthetic_truth_values(const model::FreeParameterValues& neutral) {
  model::FreeParameterValues truth = neutral;
  truth[static_cast<std::size_t>(model::FreeParameter::start_scale)] = 1.2;
  truth[static_cast<std::size_t>(model::FreeParameter::continuation)] = 0.85;
  truth[static_cast<std::size_t>(model::FreeParameter::external_choice_constant)] = 0.3;
  return truth;
}

std::vector<inputs::UsageObservation> synthetic_design(int base_year) {
  using inputs::UsageMeasure;
  const auto make = [](int year, UsageMeasure measure, int service) {
    inputs::UsageObservation o;
    o.year = year;
    o.measure = measure;
    o.service = service;
    o.source = "synthetic truth";
    o.where = "synthetic truth";
    std::ostringstream label;
    label << inputs::kUsageMeasureNames[static_cast<std::size_t>(measure)] << ", "
          << (service == inputs::kAll ? "all services" : model::kServiceNames[static_cast<std::size_t>(service)])
          << ", all reasons, all ages";
    o.label = label.str();
    return o;
  };
  const int internal = static_cast<int>(model::Service::internal_day_centre);
  const int external = static_cast<int>(model::Service::external_day_centre);
  std::vector<inputs::UsageObservation> design = {make(base_year, UsageMeasure::users, internal),
                                                  make(base_year, UsageMeasure::users, external)};
  for (int year = base_year + 1; year <= base_year + kSyntheticYears; ++year) {
    design.push_back(make(year, UsageMeasure::starters, internal));
    design.push_back(make(year, UsageMeasure::starters, external));
    design.push_back(make(year, UsageMeasure::leavers, inputs::kAll));
  }
  return design;
}

// Fits one area (the scenario's area_code) and writes its tables, then its fit report, into the calibration's
// output_dir. Signal handlers are the caller's.
int calibrate_area(const CalibrateOptions& options, const inputs::Scenario& scenario,
                   const assembly::RunInputs& run_inputs, const std::string& started) {
  const inputs::CalibrationSettings& config = scenario.calibration;
  const std::filesystem::path folder = config.output_dir;
  try {
    outputs::ensure_writable_folder(folder);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dayopps: error: %s\n", e.what());
    return kBadInput;
  }
  const int threads = threads_per_process(scenario.threads);  // as a run counts them

  outputs::CalibrationReport report;
  calibration::FitSettings& settings = report.settings;
  for (const std::string& name : config.free) {
    for (int p = 0; p < model::kFreeParameterCount; ++p)
      if (model::kFreeParameters[static_cast<std::size_t>(p)].name == name)
        settings.free.push_back(static_cast<model::FreeParameter>(p));
  }
  settings.start =
      calibration::search_start(model::neutral_free_parameters(*run_inputs.model_inputs.services), settings.free);
  settings.replications = config.replications;
  settings.master_seed = config.master_seed;
  settings.threads = threads;
  settings.users_as_demand = config.users_as_demand;
  settings.max_evaluations = config.max_evaluations;

  // The fit simulates from the start of the history: before the base year on the population derived from the
  // mid-year estimates (derivation/history_population).
  model::ProjectionInputs fit_inputs = run_inputs.model_inputs;
  // The synthetic-truth check simulates from the base year (its design starts there).
  const int first_year =
      options.synthetic_truth ? scenario.base_year : config.history_from.value_or(scenario.base_year);
  if (first_year < scenario.base_year) {
    std::vector<derivation::PublishedPopulation> estimates;
    for (const inputs::PopulationTable& estimate : run_inputs.estimates)
      estimates.push_back({estimate.first_year, estimate.people.row(0)});
    try {
      fit_inputs.people =
          derivation::history_population(estimates, run_inputs.projection.people, scenario.base_year, first_year);
    } catch (const std::invalid_argument& e) {
      print_error(inputs::InputError(config.history_from_at, e.what()));
      return kBadInput;
    }
    fit_inputs.base_year = first_year;
  }

  int status = kSuccess;
  try {
    std::vector<inputs::UsageObservation> observations = run_inputs.usage;
    std::optional<int> fit_to_year = config.fit_to_year;
    inputs::EngagementPrior prior = run_inputs.engagement;
    if (options.synthetic_truth) {
      observations = synthetic_design(scenario.base_year);
      report.truth = synthetic_truth_values(settings.start);
      calibration::FitSettings truth_run = settings;
      truth_run.replications = 1;
      truth_run.master_seed = model::synthetic_truth_seed(settings.master_seed);
      const auto data =
          calibration::simulate_observations(fit_inputs, *report.truth, observations, truth_run, &stop_requested());
      for (std::size_t i = 0; i < observations.size(); ++i) observations[i].count = data.mean[i];
      fit_to_year = scenario.base_year + kSyntheticYears - kSyntheticHeldOutYears;
      prior = {};
    }
    for (const auto& o : observations)
      (fit_to_year && o.year > *fit_to_year ? report.held_out : report.fitted_observations).push_back(o);
    if (report.fitted_observations.empty() && config.fit_to_year && !options.synthetic_truth && !observations.empty())
      throw inputs::InputError(
          config.fit_to_year_at,
          std::to_string(*config.fit_to_year) + " holds out every observation (the earliest is " +
              std::to_string(std::min_element(observations.begin(), observations.end(),
                                              [](const auto& a, const auto& b) { return a.year < b.year; })
                                 ->year) +
              "): nothing is left to fit");
    if (!options.quiet) {
      std::fprintf(stderr,
                   "dayopps: calibrating %s on %zu observations (%zu held out), %zu free parameters, %d "
                   "replications per evaluation on %d threads\n",
                   scenario.name.c_str(), report.fitted_observations.size(), report.held_out.size(),
                   settings.free.size(), settings.replications, threads);
    }
    const auto started_fit = std::chrono::steady_clock::now();
    report.fit = calibration::fit_parameters(
        fit_inputs, report.fitted_observations, prior, settings,
        [&](int evaluation, double deviance) {
          if (!options.quiet) std::fprintf(stderr, "dayopps: evaluation %d, deviance %.4g\n", evaluation, deviance);
        },
        &stop_requested());
    if (!report.held_out.empty()) {
      report.held_out_simulated = calibration::simulate_observations(fit_inputs, report.fit.estimate, report.held_out,
                                                                     settings, &stop_requested());
    }
    auto mape = outputs::backcast_mape(report.held_out, report.held_out_simulated.mean);
    // The backcast check: fit again, from the same start, on the observations up to validate_to_year only, and
    // predict the later ones with that fit. Free parameters the earlier observations say nothing about keep
    // their starting values, so no later count informs the prediction.
    std::string backcast_note;
    if (config.validate_to_year && !options.synthetic_truth) {
      std::vector<inputs::UsageObservation> earlier, later;
      for (const auto& o : report.fitted_observations)
        (o.year > *config.validate_to_year ? later : earlier).push_back(o);
      if (earlier.empty() || later.empty())
        throw inputs::InputError(config.validate_to_year_at,
                                 std::to_string(*config.validate_to_year) +
                                     (earlier.empty() ? " leaves no observation to fit" : " leaves none to predict"));
      if (!options.quiet)
        std::fprintf(stderr, "dayopps: backcast check: fitting the %zu observations up to %d, predicting %zu\n",
                     earlier.size(), *config.validate_to_year, later.size());
      report.validate_to_year = config.validate_to_year;
      // The split between council and commissioned centres is seen only in counts by service: without one
      // among the earlier observations, the external-choice constant keeps its starting value.
      calibration::FitSettings validation_settings = settings;
      const bool by_service =
          std::any_of(earlier.begin(), earlier.end(), [](const auto& o) { return o.service != inputs::kAll; });
      if (!by_service) std::erase(validation_settings.free, model::FreeParameter::external_choice_constant);
      report.validation = calibration::fit_parameters(
          fit_inputs, earlier, prior, validation_settings,
          [&](int evaluation, double deviance) {
            if (!options.quiet)
              std::fprintf(stderr, "dayopps: backcast fit, evaluation %d, deviance %.4g\n", evaluation, deviance);
          },
          &stop_requested());
      report.backcast = calibration::simulate_observations(fit_inputs, report.validation->estimate,
                                                           report.fitted_observations, settings, &stop_requested());
      if (!by_service)
        backcast_note = "no observation up to " + std::to_string(*config.validate_to_year) +
                        " splits users by service, so the backcast fit keeps the external-choice constant at its "
                        "starting value (the derived choice shares)";
      std::vector<double> predicted;
      for (std::size_t i = 0; i < report.fitted_observations.size(); ++i)
        if (report.fitted_observations[i].year > *config.validate_to_year) predicted.push_back(report.backcast.mean[i]);
      mape = outputs::backcast_mape(later, predicted);
    }
    const double fit_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_fit).count();

    std::ostringstream free_names;
    for (std::size_t k = 0; k < config.free.size(); ++k) free_names << (k ? " " : "") << config.free[k];
    const std::string prior_text =
        prior.total() > 0.0
            ? std::to_string(static_cast<long long>(prior.total())) + " respondents' preferences (engagement tallies)"
            : std::string(
                  "flat: no engagement tallies of preferences were given, so the choice constants rest on the "
                  "usage data alone");
    report.summary = {
        {"area_code", scenario.area_code},
        {"area_name", run_inputs.area_name},
        {"scenario", scenario.name},
        {"data", options.synthetic_truth
                     ? "synthetic truth: counts simulated from known parameters on this scenario's population"
                     : "observed usage data (inputs.usage)"},
        {"observations", std::to_string(report.fitted_observations.size())},
        {"held_out", std::to_string(report.held_out.size())},
        {"free_parameters", free_names.str()},
        {"deviance", std::to_string(report.fit.deviance)},
        {"dispersion", std::to_string(report.fit.dispersion) +
                           (report.fit.dispersion > 1.0
                                ? ": deviance over degrees of freedom; the counts scatter more than Poisson around "
                                  "the fit, so the covariance (and every standard error) is scaled by it"
                                : ": 1 (no overdispersion)")},
        {"engagement_prior", prior_text},
        {"optimiser", "Eigen Levenberg-Marquardt: " + report.fit.optimiser_status},
        {"iterations", std::to_string(report.fit.iterations)},
        {"evaluations", std::to_string(report.fit.evaluations)},
        {"identified", report.fit.identified ? "yes" : "no: the data do not pin every free parameter"},
        {"replications", std::to_string(settings.replications)},
        {"master_seed", std::to_string(settings.master_seed)},
        {"users_compared_with", settings.users_as_demand ? "demand (people who chose the service)" : "users"},
        {"fit_seconds", std::to_string(fit_seconds)},
    };
    if (report.validation) {
      report.summary.emplace_back(
          "backcast", "a second fit on the observations up to " + std::to_string(*report.validate_to_year) +
                          " (deviance " + std::to_string(report.validation->deviance) +
                          ") predicts the later ones: backcast_mape.csv, and the columns backcast and backcast_role "
                          "of fit_observations.csv");
      if (!backcast_note.empty()) report.summary.emplace_back("backcast_note", backcast_note);
    }
    if (first_year < scenario.base_year) {
      report.summary.emplace_back("history_from", std::to_string(first_year));
      report.summary.emplace_back("history_population", derivation::history_population_assumption());
    }
    for (const auto& o : report.fitted_observations) {
      if (o.year < first_year) {
        report.summary.emplace_back("data_note",
                                    "observations before " + std::to_string(first_year) +
                                        " are compared with the first simulated year (the model starts there)");
        break;
      }
    }

    inputs::CalibratedParametersFile file;
    file.area_code = scenario.area_code;
    file.base_year = scenario.base_year;
    file.scenario_name = scenario.name;
    file.created_utc = started;
    file.dayopps_version = std::string(outputs::dayopps_version()) + " (" + std::string(outputs::git_commit()) + ")";
    file.optimiser_status = report.fit.optimiser_status;
    file.engagement_prior = prior_text;
    file.deviance = report.fit.deviance;
    file.observations = static_cast<int>(report.fitted_observations.size());
    file.identified = report.fit.identified;
    inputs::record_calibration_inputs(file, run_inputs.calibration_inputs);
    file.parameters.estimate = report.fit.estimate;
    file.parameters.free = settings.free;
    file.parameters.covariance =
        report.fit.identified ? report.fit.covariance
                              : Eigen::MatrixXd::Zero(report.fit.covariance.rows(), report.fit.covariance.cols());
    file.standard_errors = report.fit.standard_error;
    file.dispersion = report.fit.dispersion;
    if (first_year < scenario.base_year) file.history_from = first_year;
    file.validate_to_year = report.validate_to_year;
    for (std::size_t i = 0; i < report.fitted_observations.size(); ++i) {
      const inputs::UsageObservation& o = report.fitted_observations[i];
      inputs::CalibrationHistoryRow row{o.label, o.year, o.count, report.fit.fitted.mean[i]};
      if (report.validation) {
        row.backcast = report.backcast.mean[i];
        row.predicted = o.year > *report.validate_to_year;
      }
      file.history.push_back(row);
    }
    for (const outputs::MapeRow& m : mape) file.backcast_errors.push_back({m.series, m.held_out_years, m.mape_percent});
    if (options.synthetic_truth) {
      // A method check, not a calibration of the area: its parameters must not be used by a run.
      file.input_digests.emplace_back("synthetic_truth", std::string(64, '0'));
    }

    outputs::AtomicOutputFile parameters_file(folder / "calibrated_parameters.toml");
    outputs::AtomicOutputFile observations_file(folder / "fit_observations.csv");
    outputs::AtomicOutputFile estimates_file(folder / "fit_parameters.csv");
    outputs::AtomicOutputFile summary_file(folder / "fit_summary.csv");
    outputs::write_text(parameters_file, inputs::calibrated_parameters_toml(file));
    outputs::write_text(observations_file, outputs::fit_observations_csv(report));
    outputs::write_text(estimates_file, outputs::fit_parameters_csv(report));
    outputs::write_text(summary_file, outputs::fit_summary_csv(report));
    std::optional<outputs::AtomicOutputFile> mape_file, truth_file;
    if (!mape.empty()) {
      mape_file.emplace(folder / "backcast_mape.csv");
      outputs::write_text(*mape_file, outputs::backcast_mape_csv(mape));
    } else {
      std::filesystem::remove(folder / "backcast_mape.csv");
    }
    if (report.truth) {
      truth_file.emplace(folder / "synthetic_truth.csv");
      outputs::write_text(*truth_file, outputs::synthetic_truth_csv(report));
    } else {
      std::filesystem::remove(folder / "synthetic_truth.csv");
    }
    publish_unless_stopped([&] {
      parameters_file.commit();
      observations_file.commit();
      estimates_file.commit();
      summary_file.commit();
      if (mape_file) mape_file->commit();
      if (truth_file) truth_file->commit();
    });

    if (!options.quiet) {
      for (std::size_t k = 0; k < settings.free.size(); ++k) {
        const auto p = static_cast<std::size_t>(settings.free[k]);
        std::fprintf(stderr, "dayopps: %s = %.4g (SE %.2g)%s\n", model::kFreeParameters[p].name.data(),
                     report.fit.estimate[p], report.fit.standard_error[k],
                     report.truth ? (" truth " + std::to_string((*report.truth)[p])).c_str() : "");
      }
      for (const auto& row : mape)
        std::fprintf(stderr, "dayopps: backcast MAPE %s: %.2f%% over %d held-out values\n", row.series.c_str(),
                     row.mape_percent, row.held_out_years);
      std::fprintf(stderr, "dayopps: wrote %s\n", (folder / "calibrated_parameters.toml").c_str());
    }
  } catch (const model::Cancelled&) {
    std::fprintf(stderr, "dayopps: interrupted; nothing written (earlier files in %s are untouched)\n", folder.c_str());
    status = kInterrupted;
  } catch (const inputs::InputError& e) {
    print_error(e);
    status = kBadInput;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "dayopps: error: cannot calibrate: %s\n", e.what());
    status = kBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dayopps: error: %s\n", e.what());
    status = kRunFailed;
  }
  if (status != kSuccess || !options.charts) return status;

  const std::string python = chart_python();
  const std::filesystem::path script =
      std::filesystem::path(outputs::source_dir()) / "outputs" / "charts" / "fit_report.py";
  const int report_status = run_program({python, script.string(), folder.string()}, {}, &stop_requested());
  if (stop_requested().load()) {
    remove_temporary_chart_files(folder);
    std::fprintf(stderr,
                 "dayopps: interrupted while drawing the fit report; the tables in %s are complete (temporary files "
                 "removed)\n",
                 folder.c_str());
    return kInterrupted;
  }
  if (report_status != 0) {
    std::fprintf(stderr, "dayopps: error: the fit report charts failed; the tables in %s are complete\n",
                 folder.c_str());
    return kChartsFailed;
  }
  if (!options.quiet) std::fprintf(stderr, "dayopps: wrote the fit report %s\n", (folder / "fit_report.md").c_str());
  return kSuccess;
}

}  // namespace

int calibrate_command(const CalibrateOptions& options) {
  const std::string started = utc_now();
  std::vector<inputs::Scenario> areas;
  std::vector<assembly::RunInputs> run_inputs;
  const std::filesystem::path scenario_file =
      options.scenario_file.empty() ? default_scenario_file() : options.scenario_file;
  // Every area's inputs are read and checked before any is fitted, so bad input writes nothing.
  const int loaded = load_inputs(
      [&] {
        inputs::Scenario scenario = inputs::load_scenario(scenario_file);
        if (!scenario.calibration.present)
          throw inputs::InputError({scenario.file, 0, 0, "calibration"},
                                   "no [calibration] table: name the free parameters and the output folder "
                                   "(inputs/scenarios/README.md, \"Calibration\")");
        scenario.calibrated_parameters.clear();  // calibrate from the derived rates, never from an older fit
        scenario.parameter_uncertainty = false;
        // --areas and --threads mean what they mean for `run`, checked by the same code.
        inputs::ScenarioOverrides overrides;
        overrides.areas = options.areas;
        overrides.threads = options.threads;
        inputs::apply_overrides(scenario, overrides);
        if (options.output_dir) scenario.calibration.output_dir = *options.output_dir;
        if (options.replications) {  // of each evaluation of the fit, not of a run
          if (*options.replications < 1 || *options.replications > 1000)
            throw inputs::InputError({"command line", 0, 0, "--replications"}, "must be between 1 and 1000");
          scenario.calibration.replications = *options.replications;
        }
        if (options.synthetic_truth) {
          scenario.horizon = std::max(scenario.horizon, scenario.base_year + kSyntheticYears);
          scenario.calibration.free = {"start_scale", "continuation", "external_choice_constant"};
        }
        // Several areas: each is fitted on its own, with the same settings and seed as if calibrated alone, into
        // output_dir/<code>/ (the areas planned as a multi-area run plans them).
        std::vector<PlannedUnit> units;
        if (scenario.multi_area()) {
          units = plan_areas(scenario);
        } else {
          units.push_back({scenario, assembly::load_run_inputs(scenario), scenario.master_seed});
        }
        for (PlannedUnit& unit : units) {
          if (scenario.multi_area())
            unit.scenario.calibration.output_dir = scenario.calibration.output_dir / unit.scenario.area_code;
          if (!unit.inputs.model_inputs.services)
            throw inputs::InputError({unit.scenario.file, 0, 0, "inputs.day_services"},
                                     "calibration needs day services");
          areas.push_back(std::move(unit.scenario));
          run_inputs.push_back(std::move(unit.inputs));
        }
      },
      scenario_file);
  if (loaded != kSuccess) return loaded;
  int status = kSuccess;
  for (std::size_t k = 0; k < areas.size() && status == kSuccess; ++k) {
    if (!options.quiet && areas.size() > 1)
      std::fprintf(stderr, "dayopps: area %zu of %zu: %s %s\n", k + 1, areas.size(), areas[k].area_code.c_str(),
                   run_inputs[k].area_name.c_str());
    status = calibrate_area(options, areas[k], run_inputs[k], started);
  }
  return status;
}

}  // namespace dayopps::cli
