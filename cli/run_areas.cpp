#include "cli/run_areas.hpp"

#include "cli/run_steps.hpp"
#include "inputs/loaders/input_error.hpp"
#include "model/seeds.hpp"
#include "outputs/area_results.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/hdf5_writer.hpp"
#include "outputs/xlsx_summary.hpp"

namespace dayopps::cli {

int run_areas(const RunOptions& options, const inputs::Scenario& scenario) {
  const std::string started = utc_now();
  const bool quiet = options.quiet || !is_main_process();
  std::vector<inputs::Scenario> areas;
  std::vector<assembly::RunInputs> run_inputs;
  int status = load_inputs(
      [&] {
        // The projection file is read once: with every council of England it holds over a million rows.
        const assembly::ProjectionFile projection = assembly::load_projection_file(scenario);
        for (const std::string& code : assembly::areas_to_run(scenario, projection)) {
          inputs::Scenario area = inputs::scenario_for_area(scenario, code);
          area.master_seed = model::area_seed(scenario.master_seed, code);
          run_inputs.push_back(assembly::load_run_inputs(area, &projection));
          areas.push_back(std::move(area));
        }
      },
      scenario.file);
  if (status == kSuccess) {
    std::vector<const assembly::RunInputs*> all_inputs;
    for (const assembly::RunInputs& r : run_inputs) all_inputs.push_back(&r);
    status = check_before_simulating(all_inputs, scenario.replications, scenario.output_dir);
  }
  status = agree(status, scenario.output_dir);
  if (status != kSuccess) return status;

  const std::filesystem::path results = scenario.output_dir / "results.h5";
  const std::filesystem::path summary = scenario.output_dir / "summary.xlsx";
  const int threads = threads_per_process(scenario.threads);
  const std::string what =
      scenario.name + ", " + std::to_string(areas.size()) + (areas.size() == 1 ? " area" : " areas");
  print_start(options, what.c_str(), scenario, "from " + scenario.population_projection.filename().string(), threads,
              ", each area its own seed derived from it");

  std::vector<model::ProjectionResult> projections(areas.size());
  std::vector<model::RunSettings> settings;
  for (const inputs::Scenario& area : areas) settings.push_back(share_of(area.replications, area.master_seed, threads));
  PhaseTimes times;
  status = simulate_and_publish(
      scenario.output_dir,
      [&] {
        Progress progress(quiet);
        for (std::size_t k = 0; k < areas.size(); ++k) {
          // One progress line for the whole run: area k's replications follow those of the areas before it.
          const auto overall = [&, k](int finished, int total) {
            progress(static_cast<int>(k) * total + finished, static_cast<int>(areas.size()) * total);
          };
          projections[k] = model::run_projection(run_inputs[k].model_inputs, settings[k], overall, &stop_requested());
        }
        times.lap("simulation");
      },
      [&] {
        for (std::size_t k = 0; k < areas.size(); ++k) gather_replications(projections[k], settings[k]);
        if (process_count() > 1) times.lap("gathering");
        if (!is_main_process()) return;
        std::vector<outputs::AreaRun> runs;
        for (std::size_t k = 0; k < areas.size(); ++k) {
          runs.push_back({&projections[k], make_run_record(areas[k], run_inputs[k], threads, started)});
        }
        outputs::AreasRecord record;
        record.scenario_name = scenario.name;
        record.scenario_description = scenario.description;
        record.scenario_toml = inputs::resolved_scenario_toml(scenario);
        record.master_seed = scenario.master_seed;
        record.population_projection = scenario.population_projection.string();
        record.threads = threads;
        record.processes = process_count();
        record.started_utc = started;
        record.finished_utc = utc_now();
        const outputs::ResultsDocument document = outputs::build_areas_document(runs, record);
        times.lap("results tables");
        if (!run_inputs.front().model_inputs.services) {
          write_results_file(document, results);
        } else {  // with services, summary.xlsx too: both or neither
          outputs::AtomicOutputFile results_file(results);
          outputs::AtomicOutputFile summary_file(summary);
          outputs::write_hdf5(document, results_file.temporary_path());
          outputs::write_areas_summary_xlsx(document, summary_file.temporary_path());
          if (stop_requested().load()) throw model::Cancelled();
          results_file.commit();
          summary_file.commit();
        }
        times.lap("writing");
      });
  if (status != kSuccess || !is_main_process()) return status;
  if (!quiet)
    std::fprintf(stderr, "dayopps: wrote %s%s\n", results.c_str(),
                 run_inputs.front().model_inputs.services ? (" and " + summary.string()).c_str() : "");
  // With services, the report compares the areas (notebooks-export/areas_report.ipynb); population-only runs
  // get the charts of the areas side by side. Each area's detail stays in results.h5.
  const bool services = run_inputs.front().model_inputs.services.has_value();
  const int charts_status = options.charts ? make_charts(results, scenario.output_dir, quiet, services) : kSuccess;
  if (options.charts) times.lap("charts");
  times.print(quiet);
  return charts_status;
}

}  // namespace dayopps::cli
