#include "cli/run_plan.hpp"

#include <functional>

#include "cli/run_steps.hpp"
#include "inputs/loaders/input_error.hpp"
#include "model/seeds.hpp"
#include "outputs/area_results.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/batch_results.hpp"
#include "outputs/hdf5_writer.hpp"
#include "outputs/xlsx_summary.hpp"

namespace dayopps::cli {

namespace {

// Scenario k of a batch must match the baseline where the comparison needs it (area, years, prices), named where
// it states the value: its own line, its parent's, or the command line. It then takes the baseline's [run]
// settings, so person p in replication r sees the same draws for the same event in every scenario.
void align_with_baseline(inputs::Scenario& scenario, const inputs::Scenario& baseline,
                         const std::vector<inputs::Scenario>& earlier) {
  const auto differs = [&](inputs::InputLocation at, const char* field, const std::string& mine,
                           const std::string& theirs) {
    if (at.file.empty()) at = {scenario.file, 0, 0, {}};
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
    differs(mine.price_base_at, "finance.price_base", "\"" + mine.price_base + "\"", "\"" + theirs.price_base + "\"");
  if (mine.centre_running_cost != theirs.centre_running_cost ||
      mine.centre_running_cost_by_centre != theirs.centre_running_cost_by_centre)
    differs(mine.centre_running_cost_at, "finance.centre_running_cost", "set otherwise", "other running costs");
  if (mine.inflation != theirs.inflation || mine.inflation_after_forecast != theirs.inflation_after_forecast)
    differs(mine.inflation_at, "finance.inflation", "set otherwise", "another inflation path");
  for (const inputs::Scenario& other : earlier) {
    if (other.name == scenario.name)
      throw inputs::InputError(scenario.name_at, "\"" + scenario.name + "\" is already used by " + other.file.string());
  }
  scenario.replications = baseline.replications;
  scenario.master_seed = baseline.master_seed;
  scenario.threads = baseline.threads;
  scenario.output_dir = baseline.output_dir;
}

RunPlan plan_batch(const RunOptions& options) {
  if (options.overrides.areas)
    throw inputs::InputError({"command line", 0, 0, "--areas"},
                             "a batch compares scenarios of one area: give --areas with one scenario file");
  RunPlan plan;
  plan.layout = RunLayout::batch;
  plan.independent_streams = options.independent_streams;
  std::vector<inputs::Scenario> scenarios;
  for (const std::filesystem::path& file : options.scenario_files) {
    inputs::Scenario scenario = inputs::load_scenario(file);
    inputs::apply_overrides(scenario, options.overrides);
    if (scenario.multi_area())
      throw inputs::InputError(scenario.area_code_at,
                               "a batch compares scenarios of one area: run a multi-area scenario on its own");
    if (!scenarios.empty()) align_with_baseline(scenario, scenarios.front(), scenarios);
    scenarios.push_back(std::move(scenario));
  }
  plan.scenario = scenarios.front();
  for (std::size_t k = 0; k < scenarios.size(); ++k) {
    assembly::RunInputs inputs = assembly::load_run_inputs(scenarios[k]);
    if (!inputs.model_inputs.costs)
      throw inputs::InputError({scenarios[k].file, 0, 0, "inputs.day_services"},
                               "a scenario batch compares costs: every scenario needs day services");
    const std::uint64_t seed =
        model::unit_seed(plan.scenario.master_seed, model::RunUnit::batch_scenario, k, {}, plan.independent_streams);
    plan.units.push_back({std::move(scenarios[k]), std::move(inputs), seed});
  }
  return plan;
}

// The results document of the plan's layout, from the projections of its units.
outputs::ResultsDocument build_document(const RunPlan& plan, const std::vector<model::ProjectionResult>& projections,
                                        const std::vector<model::RunSettings>& settings, int threads,
                                        const std::string& started) {
  switch (plan.layout) {
    case RunLayout::batch: {
      std::vector<outputs::ScenarioRun> runs;
      for (std::size_t k = 0; k < plan.units.size(); ++k) {
        const PlannedUnit& unit = plan.units[k];
        outputs::RunRecord record = make_run_record(unit.scenario, unit.inputs, threads, started);
        record.master_seed = settings[k].master_seed;
        runs.push_back({&projections[k],
                        std::move(record),
                        {unit.scenario.finance.discount_rate, unit.scenario.finance.cumulative_to_year}});
      }
      return outputs::build_batch_document(runs,
                                           {plan.independent_streams ? "independent" : "common", started, utc_now()});
    }
    case RunLayout::areas: {
      std::vector<outputs::AreaRun> runs;
      for (std::size_t k = 0; k < plan.units.size(); ++k)
        runs.push_back(
            {&projections[k], make_run_record(plan.units[k].scenario, plan.units[k].inputs, threads, started)});
      outputs::AreasRecord record;
      record.scenario_name = plan.scenario.name;
      record.scenario_description = plan.scenario.description;
      record.scenario_toml = inputs::resolved_scenario_toml(plan.scenario);
      record.master_seed = plan.scenario.master_seed;
      record.population_projection = plan.scenario.population_projection.string();
      record.threads = threads;
      record.processes = process_count();
      record.started_utc = started;
      record.finished_utc = utc_now();
      return outputs::build_areas_document(runs, record);
    }
    case RunLayout::single:
      break;
  }
  return outputs::build_results_document(
      projections.front(), make_run_record(plan.units.front().scenario, plan.units.front().inputs, threads, started));
}

}  // namespace

std::vector<PlannedUnit> plan_areas(const inputs::Scenario& scenario) {
  // The projection file is read once: with every council of England it holds over a million rows.
  const assembly::ProjectionFile projection = assembly::load_projection_file(scenario);
  std::vector<PlannedUnit> units;
  for (const std::string& code : assembly::areas_to_run(scenario, projection)) {
    inputs::Scenario area = inputs::scenario_for_area(scenario, code);
    area.master_seed = model::unit_seed(scenario.master_seed, model::RunUnit::area, 0, code);
    assembly::RunInputs inputs = assembly::load_run_inputs(area, &projection);
    const std::uint64_t seed = area.master_seed;
    units.push_back({std::move(area), std::move(inputs), seed});
  }
  return units;
}

RunPlan plan_run(const RunOptions& options) {
  if (options.scenario_files.size() > 1) return plan_batch(options);
  RunPlan plan;
  plan.scenario =
      inputs::load_scenario(options.scenario_files.empty() ? default_scenario_file() : options.scenario_files.front());
  inputs::apply_overrides(plan.scenario, options.overrides);
  if (plan.scenario.multi_area()) {
    plan.layout = RunLayout::areas;
    plan.units = plan_areas(plan.scenario);
  } else {
    plan.layout = RunLayout::single;
    const std::uint64_t seed = model::unit_seed(plan.scenario.master_seed, model::RunUnit::single);
    plan.units.push_back({plan.scenario, assembly::load_run_inputs(plan.scenario), seed});
  }
  return plan;
}

int execute_plan(const RunOptions& options, const RunPlan& plan) {
  const std::string started = utc_now();
  const bool quiet = options.quiet || !is_main_process();
  const inputs::Scenario& scenario = plan.scenario;
  std::vector<const assembly::RunInputs*> all_inputs;
  for (const PlannedUnit& unit : plan.units) all_inputs.push_back(&unit.inputs);
  int status = worst_status_of_all_processes(
      check_before_simulating(all_inputs, scenario.replications, scenario.output_dir), scenario.output_dir);
  if (status != kSuccess) return status;

  const std::filesystem::path results = scenario.output_dir / "results.h5";
  const std::filesystem::path summary = scenario.output_dir / "summary.xlsx";
  // A batch's comparison goes to finance as summary.xlsx; so does a comparison of areas with services.
  const bool workbook = plan.layout == RunLayout::batch || (plan.layout == RunLayout::areas && plan.services());
  const int threads = threads_per_process(scenario.threads);
  std::vector<model::RunSettings> settings;
  for (const PlannedUnit& unit : plan.units) settings.push_back(share_of(scenario.replications, unit.seed, threads));
  switch (plan.layout) {
    case RunLayout::single:
      print_start(options, scenario.name.c_str(), scenario, plan.units.front().inputs.area_name, threads, "");
      break;
    case RunLayout::batch: {
      const std::string what = "batch of " + std::to_string(plan.units.size()) + " scenarios against " + scenario.name;
      print_start(options, what.c_str(), scenario, plan.units.front().inputs.area_name, threads,
                  plan.independent_streams ? ", independent random numbers" : ", common random numbers");
      break;
    }
    case RunLayout::areas: {
      const std::string what =
          scenario.name + ", " + std::to_string(plan.units.size()) + (plan.units.size() == 1 ? " area" : " areas");
      print_start(options, what.c_str(), scenario, "from " + scenario.population_projection.filename().string(),
                  threads, ", each area its own seed derived from it");
      break;
    }
  }

  std::vector<model::ProjectionResult> projections(plan.units.size());
  PhaseTimes times;
  status = simulate_and_publish(
      scenario.output_dir,
      [&] {
        // Each process runs its share of every unit's replications (the shares follow the replication number).
        // A multi-area run shows one progress line for all its areas; a batch one per scenario.
        std::optional<Progress> overall;
        if (plan.layout == RunLayout::areas) overall.emplace(quiet);
        for (std::size_t k = 0; k < plan.units.size(); ++k) {
          std::optional<Progress> own;
          std::function<void(int, int)> progress;
          if (overall) {
            const int units = static_cast<int>(plan.units.size());
            progress = [&, k, units](int finished, int total) {
              (*overall)(static_cast<int>(k) * total + finished, units * total);
            };
          } else {
            if (plan.layout == RunLayout::batch && !quiet)
              std::fprintf(stderr, "dayopps: scenario %s\n", plan.units[k].scenario.name.c_str());
            own.emplace(quiet);
            progress = std::ref(*own);
          }
          projections[k] =
              model::run_projection(plan.units[k].inputs.model_inputs, settings[k], progress, &stop_requested());
        }
        times.lap("simulation");
      },
      [&] {
        for (std::size_t k = 0; k < plan.units.size(); ++k) gather_replications(projections[k], settings[k]);
        if (process_count() > 1) times.lap("gathering");
        if (!is_main_process()) return;
        const outputs::ResultsDocument document = build_document(plan, projections, settings, threads, started);
        times.lap("results tables");
        if (!workbook) {
          write_results_file(document, results);
        } else {  // both or neither
          outputs::AtomicOutputFile results_file(results);
          outputs::AtomicOutputFile summary_file(summary);
          outputs::write_hdf5(document, results_file.temporary_path());
          if (plan.layout == RunLayout::batch)
            outputs::write_summary_xlsx(document, summary_file.temporary_path());
          else
            outputs::write_areas_summary_xlsx(document, summary_file.temporary_path());
          publish_unless_stopped([&] {
            results_file.commit();
            summary_file.commit();
          });
        }
        times.lap("writing");
      });
  if (status != kSuccess || !is_main_process()) return status;
  if (!quiet)
    std::fprintf(stderr, "dayopps: wrote %s%s\n", results.c_str(),
                 workbook ? (" and " + summary.string()).c_str() : "");
  // The report: of one run, of a batch, or comparing areas with services (population-only areas get charts only).
  const bool report = plan.layout != RunLayout::areas || plan.services();
  const int charts_status = options.charts ? make_charts(results, scenario.output_dir, quiet, report) : kSuccess;
  if (options.charts) times.lap(report ? "charts and report" : "charts");
  times.print(quiet);
  return charts_status;
}

}  // namespace dayopps::cli
