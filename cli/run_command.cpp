#include "cli/run_command.hpp"

#include "cli/run_areas.hpp"
#include "cli/run_steps.hpp"
#include "inputs/loaders/input_error.hpp"
#include "model/seeds.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/batch_results.hpp"
#include "outputs/build_info.hpp"
#include "outputs/hdf5_writer.hpp"
#include "outputs/xlsx_summary.hpp"

namespace dayopps::cli {

std::filesystem::path default_scenario_file() {
  return std::filesystem::path(outputs::source_dir()) / "inputs" / "scenarios" / "birmingham-baseline.toml";
}

namespace {

int run_single(const RunOptions& options, const std::filesystem::path& scenario_file) {
  const std::string started = utc_now();
  const bool quiet = options.quiet || !is_main_process();
  inputs::Scenario scenario;
  assembly::RunInputs run_inputs;
  bool multi_area = false;
  int status = load_inputs(
      [&] {
        scenario = inputs::load_scenario(scenario_file);
        inputs::apply_overrides(scenario, options.overrides);
        multi_area = scenario.multi_area();
        if (!multi_area) run_inputs = assembly::load_run_inputs(scenario);
      },
      scenario_file);
  if (status == kSuccess && multi_area) return run_areas(options, scenario);
  if (status == kSuccess) status = check_before_simulating({&run_inputs}, scenario.replications, scenario.output_dir);
  status = agree(status, scenario.output_dir);
  if (status != kSuccess) return status;

  const std::filesystem::path results = scenario.output_dir / "results.h5";
  const int threads = threads_per_process(scenario.threads);
  const model::RunSettings settings = share_of(scenario.replications, scenario.master_seed, threads);
  print_start(options, scenario.name.c_str(), scenario, run_inputs.area_name, threads, "");

  model::ProjectionResult projection;
  PhaseTimes times;
  status = simulate_and_publish(
      scenario.output_dir,
      [&] {
        Progress progress(quiet);
        projection = model::run_projection(run_inputs.model_inputs, settings, std::ref(progress), &stop_requested());
        times.lap("simulation");
      },
      [&] {
        gather_replications(projection, settings);
        if (process_count() > 1) times.lap("gathering");
        if (!is_main_process()) return;
        const outputs::ResultsDocument document =
            outputs::build_results_document(projection, make_run_record(scenario, run_inputs, threads, started));
        times.lap("results tables");
        write_results_file(document, results);
        times.lap("writing");
      });
  if (status != kSuccess || !is_main_process()) return status;
  if (!quiet) std::fprintf(stderr, "dayopps: wrote %s\n", results.c_str());
  const int charts_status = options.charts ? make_charts(results, scenario.output_dir, quiet) : kSuccess;
  if (options.charts) times.lap("charts and report");
  times.print(quiet);
  return charts_status;
}

// Several scenarios, compared with the first. Every scenario runs with the first's [run] settings and seed,
// so person p in replication r sees the same draws for the same event in every scenario.
int run_batch(const RunOptions& options) {
  const std::string started = utc_now();
  const bool quiet = options.quiet || !is_main_process();
  std::vector<inputs::Scenario> scenarios;
  std::vector<assembly::RunInputs> run_inputs;
  int status = load_inputs(
      [&] {
        if (options.overrides.areas)
          throw inputs::InputError({"command line", 0, 0, "--areas"},
                                   "a batch compares scenarios of one area: give --areas with one scenario file");
        for (const std::filesystem::path& file : options.scenario_files) {
          inputs::Scenario scenario = inputs::load_scenario(file);
          inputs::apply_overrides(scenario, options.overrides);
          if (scenario.multi_area())
            throw inputs::InputError(scenario.area_code_at,
                                     "a batch compares scenarios of one area: run a multi-area scenario on its own");
          if (!scenarios.empty()) {
            const inputs::Scenario& baseline = scenarios.front();
            // Named where this scenario states the value: its own line, its parent's, or the command line.
            const auto differs = [&](inputs::InputLocation at, const char* field, const std::string& mine,
                                     const std::string& theirs) {
              if (at.file.empty()) at = {file, 0, 0, {}};
              at.field = field;
              throw inputs::InputError(at, "is " + mine + " but the baseline " + baseline.name + " has " + theirs +
                                               ": scenarios of a batch must match");
            };
            if (scenario.area_code != baseline.area_code)
              differs(scenario.area_code_at, "scenario.area_code", scenario.area_code, baseline.area_code);
            if (scenario.base_year != baseline.base_year)
              differs(scenario.base_year_at, "scenario.base_year", std::to_string(scenario.base_year),
                      std::to_string(baseline.base_year));
            if (scenario.horizon != baseline.horizon)
              differs(scenario.horizon_at, "scenario.horizon", std::to_string(scenario.horizon),
                      std::to_string(baseline.horizon));
            // Savings compare costs: both sides must be priced alike (a lever changes services, not the prices).
            const inputs::FinanceSettings& mine = scenario.finance;
            const inputs::FinanceSettings& theirs = baseline.finance;
            if (mine.price_base != theirs.price_base)
              differs(mine.price_base_at, "finance.price_base", "\"" + mine.price_base + "\"",
                      "\"" + theirs.price_base + "\"");
            if (mine.centre_running_cost != theirs.centre_running_cost ||
                mine.centre_running_cost_by_centre != theirs.centre_running_cost_by_centre)
              differs(mine.centre_running_cost_at, "finance.centre_running_cost", "set otherwise",
                      "other running costs");
            if (mine.inflation != theirs.inflation || mine.inflation_after_forecast != theirs.inflation_after_forecast)
              differs(mine.inflation_at, "finance.inflation", "set otherwise", "another inflation path");
            for (const inputs::Scenario& other : scenarios) {
              if (other.name == scenario.name)
                throw inputs::InputError(scenario.name_at,
                                         "\"" + scenario.name + "\" is already used by " + other.file.string());
            }
            scenario.replications = baseline.replications;
            scenario.master_seed = baseline.master_seed;
            scenario.threads = baseline.threads;
            scenario.output_dir = baseline.output_dir;
          }
          scenarios.push_back(std::move(scenario));
        }
        for (const inputs::Scenario& scenario : scenarios) {
          run_inputs.push_back(assembly::load_run_inputs(scenario));
          if (!run_inputs.back().costs)
            throw inputs::InputError({scenario.file, 0, 0, "inputs.day_services"},
                                     "a scenario batch compares costs: every scenario needs day services");
        }
      },
      options.scenario_files.front());
  if (status == kSuccess) {
    std::vector<const assembly::RunInputs*> all_inputs;
    for (const assembly::RunInputs& r : run_inputs) all_inputs.push_back(&r);
    status = check_before_simulating(all_inputs, scenarios.front().replications, scenarios.front().output_dir);
  }
  status = agree(status, scenarios.empty() ? std::filesystem::path() : scenarios.front().output_dir);
  if (status != kSuccess) return status;

  const inputs::Scenario& baseline = scenarios.front();
  const std::filesystem::path results = baseline.output_dir / "results.h5";
  const std::filesystem::path summary = baseline.output_dir / "summary.xlsx";
  const int threads = threads_per_process(baseline.threads);
  const std::string what = "batch of " + std::to_string(scenarios.size()) + " scenarios against " + baseline.name;
  print_start(options, what.c_str(), baseline, run_inputs.front().area_name, threads,
              options.independent_streams ? ", independent random numbers" : ", common random numbers");

  // Each process runs its share of every scenario's replications (the shares follow the replication number,
  // so each process does the same work in every scenario).
  std::vector<model::ProjectionResult> projections(scenarios.size());
  std::vector<model::RunSettings> settings;
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    // Independent streams (for comparison only): scenario k's seed is offset by k.
    settings.push_back(share_of(baseline.replications,
                                model::scenario_seed(baseline.master_seed, k, options.independent_streams), threads));
  }
  PhaseTimes times;
  status = simulate_and_publish(
      baseline.output_dir,
      [&] {
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
          if (!quiet) std::fprintf(stderr, "dayopps: scenario %s\n", scenarios[k].name.c_str());
          Progress progress(quiet);
          projections[k] =
              model::run_projection(run_inputs[k].model_inputs, settings[k], std::ref(progress), &stop_requested());
        }
        times.lap("simulation");
      },
      [&] {
        for (std::size_t k = 0; k < scenarios.size(); ++k) gather_replications(projections[k], settings[k]);
        if (process_count() > 1) times.lap("gathering");
        if (!is_main_process()) return;
        std::vector<outputs::ScenarioRun> runs;
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
          outputs::RunRecord record = make_run_record(scenarios[k], run_inputs[k], threads, started);
          record.master_seed = settings[k].master_seed;
          runs.push_back({&projections[k],
                          std::move(record),
                          {scenarios[k].finance.discount_rate, scenarios[k].finance.cumulative_to_year}});
        }
        const outputs::ResultsDocument document = outputs::build_batch_document(
            runs, {options.independent_streams ? "independent" : "common", started, utc_now()});
        times.lap("results tables");
        outputs::AtomicOutputFile results_file(results);
        outputs::AtomicOutputFile summary_file(summary);
        outputs::write_hdf5(document, results_file.temporary_path());
        outputs::write_summary_xlsx(document, summary_file.temporary_path());
        if (stop_requested().load()) throw model::Cancelled();
        results_file.commit();
        summary_file.commit();
        times.lap("writing");
      });
  if (status != kSuccess || !is_main_process()) return status;
  if (!quiet) std::fprintf(stderr, "dayopps: wrote %s and %s\n", results.c_str(), summary.c_str());
  const int charts_status = options.charts ? make_charts(results, baseline.output_dir, quiet) : kSuccess;
  if (options.charts) times.lap("charts and report");
  times.print(quiet);
  return charts_status;
}

}  // namespace

int run_command(const RunOptions& options) {
  if (options.scenario_files.size() <= 1) {
    return run_single(options,
                      options.scenario_files.empty() ? default_scenario_file() : options.scenario_files.front());
  }
  return run_batch(options);
}

}  // namespace dayopps::cli
