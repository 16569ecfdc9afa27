#include "cli/run_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <thread>

#include "cli/external_step.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/run_inputs.hpp"
#include "model/runner.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/build_info.hpp"
#include "outputs/hdf5_writer.hpp"
#include "outputs/results_builder.hpp"

namespace dayopps::cli {

namespace {

std::atomic<bool> g_stop_requested{false};

extern "C" void request_stop(int) { g_stop_requested.store(true); }

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Progress on stderr: a line rewritten in place on a terminal, a few plain lines in a log.
class Progress {
 public:
  explicit Progress(bool quiet) : quiet_(quiet), terminal_(::isatty(STDERR_FILENO) != 0) {}
  void operator()(int finished, int total) {
    if (quiet_) return;
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const int percent = 100 * finished / total;
    if (terminal_) {
      std::fprintf(stderr, "\rdayopps: replication %d/%d (%d%%), %.1f s", finished, total, percent, seconds);
      if (finished == total) std::fputc('\n', stderr);
    } else if (percent >= next_percent_ || finished == total) {
      std::fprintf(stderr, "dayopps: replication %d/%d (%d%%), %.1f s\n", finished, total, percent, seconds);
      next_percent_ = (percent / 25 + 1) * 25;
    }
  }

 private:
  bool quiet_;
  bool terminal_;
  int next_percent_ = 25;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

outputs::RunRecord make_run_record(const inputs::Scenario& scenario, const inputs::RunInputs& run_inputs, int threads) {
  outputs::RunRecord record;
  record.scenario_name = scenario.name;
  record.scenario_description = scenario.description;
  record.scenario_toml = inputs::resolved_scenario_toml(scenario);
  record.area_code = scenario.area_code;
  record.area_name = run_inputs.area_name;
  record.master_seed = scenario.master_seed;
  record.threads = threads;
  record.projection_variant = run_inputs.projection.variant;
  for (const inputs::InputFileRecord& f : run_inputs.files) {
    record.inputs.push_back({f.role, f.path.string(), f.sha256, f.publisher, f.table, f.licence});
  }
  for (const inputs::Assumption& a : run_inputs.assumptions) record.assumptions.emplace_back(a.name, a.statement);
  if (run_inputs.care_need_parameters) {
    for (const auto& [name, parameter] : run_inputs.care_need_parameters->parameters) {
      for (const inputs::ParameterBand& b : parameter.bands) {
        record.parameters.push_back({name, std::to_string(b.first_age) + "-" + std::to_string(b.last_age),
                                     b.sex < 0 ? "all" : std::string(model::sex_name(b.sex)), parameter.unit, b.source,
                                     b.derivation, b.value, b.assumption});
      }
    }
  }
  if (run_inputs.service_parameters) {
    const auto& centres = run_inputs.service_parameters->internal_centres;
    for (const auto& c : centres) record.centre_names.push_back(c.name);
    for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
      for (const auto& c : centres) {
        record.centre_places.push_back(year >= c.open_from_year && year < c.closed_from_year ? c.places : 0);
      }
    }
    record.financial_years = run_inputs.financial_years;
    record.price_year = run_inputs.service_parameters->price_year;
    const auto& calibration = *run_inputs.service_calibration;
    for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
      for (int group = 0; group < calibration::kAgeGroupCount; ++group) {
        const auto r = static_cast<std::size_t>(reason), g = static_cast<std::size_t>(group);
        record.calibration_people.push_back(calibration.people[r][g]);
        record.calibration_target_users.push_back(calibration.target_users[r][g]);
        const int age = group == 0 ? 30 : 70;  // any age of the group: the rate is flat within it
        record.calibration_start_probability.push_back(
            calibration.rates.start_probability[r](model::cell_index(0, age)));
      }
    }
  }
  const auto& people = run_inputs.projection.people;
  record.target_people.assign(people.data(), people.data() + people.size());
  for (const inputs::PopulationTable& estimate : run_inputs.estimates) {
    record.observed.push_back(
        {estimate.first_year,
         std::vector<double>(estimate.people.data(), estimate.people.data() + estimate.people.size())});
  }
  return record;
}

int make_charts(const std::filesystem::path& results, const std::filesystem::path& folder, bool quiet) {
  const char* python_override = std::getenv("DAYOPPS_PYTHON");
  const std::string python = python_override != nullptr ? python_override : "/usr/bin/python3";
  const std::filesystem::path charts = std::filesystem::path(outputs::source_dir()) / "outputs" / "charts";
  if (!quiet) std::fprintf(stderr, "dayopps: drawing charts and the report with %s\n", python.c_str());
  const int charts_status =
      run_program({python, (charts / "make_charts.py").string(), results.string(), folder.string()});
  if (charts_status != 0) {
    std::fprintf(stderr, "dayopps: error: charts failed (exit %d); %s is complete\n", charts_status, results.c_str());
    return kChartsFailed;
  }
  const int report_status =
      run_program({"/bin/bash", (charts / "make_report.sh").string(), results.string(), folder.string()},
                  {{"DAYOPPS_PYTHON", python}});
  if (report_status != 0) {
    std::fprintf(stderr, "dayopps: error: notebook report failed (exit %d); %s and the charts are complete\n",
                 report_status, results.c_str());
    return kChartsFailed;
  }
  return kSuccess;
}

}  // namespace

std::filesystem::path default_scenario_file() {
  return std::filesystem::path(outputs::source_dir()) / "inputs" / "scenarios" / "birmingham-baseline.toml";
}

int run_command(const RunOptions& options) {
  const std::string started = utc_now();
  inputs::Scenario scenario;
  inputs::RunInputs run_inputs;
  try {
    scenario = inputs::load_scenario(options.scenario_file);
    inputs::apply_overrides(scenario, options.overrides);
    run_inputs = inputs::load_run_inputs(scenario);
  } catch (const inputs::InputError& e) {
    std::fprintf(stderr, "dayopps: error: %s\n", e.what());
    return kBadInput;
  }

  const std::filesystem::path results = scenario.output_dir / "results.h5";
  try {
    outputs::ensure_writable_folder(scenario.output_dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dayopps: error: %s\n", e.what());
    return kBadInput;
  }

  const int threads =
      scenario.threads > 0 ? scenario.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const model::RunSettings settings{scenario.replications, scenario.master_seed, threads};
  if (!options.quiet) {
    std::fprintf(stderr, "dayopps: %s, %s %d-%d, %d replications on %d threads, seed %llu\n", scenario.name.c_str(),
                 run_inputs.area_name.c_str(), scenario.base_year, scenario.horizon, scenario.replications, threads,
                 static_cast<unsigned long long>(scenario.master_seed));
  }

  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  try {
    Progress progress(options.quiet);
    const model::ProjectionResult projection =
        model::run_projection(run_inputs.model_inputs, settings, std::ref(progress), &g_stop_requested);
    outputs::RunRecord record = make_run_record(scenario, run_inputs, threads);
    record.started_utc = started;
    record.finished_utc = utc_now();
    const outputs::ResultsDocument document = outputs::build_results_document(projection, record);
    outputs::AtomicOutputFile file(results);
    outputs::write_hdf5(document, file.temporary_path());
    if (g_stop_requested.load()) throw model::Cancelled();
    file.commit();
  } catch (const model::Cancelled&) {
    std::fprintf(stderr, "dayopps: interrupted; no results written (earlier results in %s are untouched)\n",
                 scenario.output_dir.c_str());
    return kInterrupted;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "dayopps: error: invalid model inputs: %s\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "dayopps: error: %s\n", e.what());
    return kRunFailed;
  }
  if (!options.quiet) std::fprintf(stderr, "dayopps: wrote %s\n", results.c_str());
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  if (!options.charts) return kSuccess;
  return make_charts(results, scenario.output_dir, options.quiet);
}

}  // namespace dayopps::cli
