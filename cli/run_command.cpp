#include "cli/run_command.hpp"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <future>
#include <iostream>
#include <thread>

#include "cli/external_step.hpp"
#include "cli/processes.hpp"
#include "inputs/loaders/input_error.hpp"
#include "inputs/loaders/run_inputs.hpp"
#include "model/replication.hpp"
#include "model/runner.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/batch_results.hpp"
#include "outputs/build_info.hpp"
#include "outputs/hdf5_writer.hpp"
#include "outputs/results_builder.hpp"
#include "outputs/xlsx_summary.hpp"

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
  for (const inputs::Assumption& l : run_inputs.levers) record.levers.emplace_back(l.name, l.statement);
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
      for (const model::InternalCentre& c : run_inputs.model_inputs.services->internal_centres)
        record.centre_places.push_back(c.places_in(year));
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
  if (run_inputs.calibrated) {
    record.parameter_source = scenario.parameter_uncertainty ? "drawn" : "calibrated";
    record.calibrated_parameters_file = scenario.calibrated_parameters.string();
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
  // make_charts.py draws a single run's charts, or for a batch the baseline's and the comparison's. The
  // report reads only results.h5, so the two run side by side (each is one Python process).
  std::future<int> report = std::async(std::launch::async, [&] {
    return run_program({"/bin/bash", (charts / "make_report.sh").string(), results.string(), folder.string()},
                       {{"DAYOPPS_PYTHON", python}});
  });
  const int charts_status =
      run_program({python, (charts / "make_charts.py").string(), results.string(), folder.string()});
  const int report_status = report.get();
  if (charts_status != 0) {
    std::fprintf(stderr, "dayopps: error: charts failed (exit %d); %s is complete\n", charts_status, results.c_str());
    return kChartsFailed;
  }
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

namespace {

void print_error(const std::exception& e) { std::fprintf(stderr, "dayopps: error: %s\n", e.what()); }

// Results are held in memory until written (per replication, then the summaries built from them, about as
// large again), so a request that cannot fit is refused before simulating rather than dying mid-run.
constexpr double kResultsMemoryFactor = 2.0;
constexpr double kUsableMemoryShare = 0.75;

// The machine's memory, or DAYOPPS_MEMORY (bytes, with an optional K, M or G suffix) to share a machine with
// other work. Throws std::invalid_argument on a malformed value.
double physical_memory_bytes() {
  if (const char* limit = std::getenv("DAYOPPS_MEMORY"); limit != nullptr) {
    char* end = nullptr;
    double bytes = std::strtod(limit, &end);
    const std::string suffix = end != nullptr ? end : "";
    const double scale = suffix.empty()  ? 1.0
                         : suffix == "K" ? 1024.0
                         : suffix == "M" ? 1024.0 * 1024.0
                         : suffix == "G" ? 1024.0 * 1024.0 * 1024.0
                                         : -1.0;
    if (end == limit || scale < 0.0 || !(bytes > 0.0)) {
      throw std::invalid_argument("environment variable DAYOPPS_MEMORY: \"" + std::string(limit) +
                                  "\" is not a memory size such as 8G, 512M or 1000000");
    }
    return bytes * scale;
  }
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGE_SIZE);
  return pages > 0 && page_size > 0 ? static_cast<double>(pages) * static_cast<double>(page_size) : 0.0;
}

// Returns false (after printing why) when `replications` of every scenario's inputs would not fit in the
// memory of process 0, which holds every replication before writing.
bool results_fit_in_memory(const std::vector<const inputs::RunInputs*>& runs, int replications) {
  double needed = 0.0;
  for (const inputs::RunInputs* run : runs) {
    needed +=
        kResultsMemoryFactor * replications * static_cast<double>(model::replication_output_bytes(run->model_inputs));
  }
  double memory = 0.0;
  try {
    memory = physical_memory_bytes();
  } catch (const std::invalid_argument& e) {
    print_error(e);
    return false;
  }
  const double available = kUsableMemoryShare * memory;
  if (available <= 0.0 || needed <= available) return true;
  constexpr double kGiB = 1024.0 * 1024.0 * 1024.0;
  std::fprintf(stderr,
               "dayopps: error: --replications %d would hold about %.1f GiB of results in memory, more than %.0f%% of "
               "this machine's %.1f GiB (DAYOPPS_MEMORY sets another); run fewer replications, a shorter horizon or "
               "fewer scenarios at once\n",
               replications, needed / kGiB, 100.0 * kUsableMemoryShare, memory / kGiB);
  return false;
}

// Turns what `step` throws into an exit code, printing why (an interruption only on process 0).
template <typename Step>
int guarded(Step&& step, const std::filesystem::path& folder) {
  try {
    step();
  } catch (const model::Cancelled&) {
    if (is_main_process()) {
      std::fprintf(stderr, "dayopps: interrupted; no results written (earlier results in %s are untouched)\n",
                   folder.c_str());
    }
    return kInterrupted;
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "dayopps: error: invalid model inputs: %s\n", e.what());
    return kBadInput;
  } catch (const std::exception& e) {
    print_error(e);
    return kRunFailed;
  }
  return kSuccess;
}

// Every process settles on the worst status; process 0 says so when another process stopped alone.
int agree(int my_status, const std::filesystem::path& folder) {
  const int status = worst_status(my_status);
  if (is_main_process() && my_status == kSuccess && status != kSuccess) {
    if (status == kInterrupted) {
      std::fprintf(stderr, "dayopps: interrupted; no results written (earlier results in %s are untouched)\n",
                   folder.c_str());
    } else {
      std::fprintf(stderr, "dayopps: error: another process stopped (exit %d); no results written\n", status);
    }
  }
  return status;
}

// Runs `simulate` (each process its share), then `publish` (gather on every process; process 0 writes the
// files and renames them into place) with SIGINT/SIGTERM turned into a cancel request. Processes agree on the
// outcome before gathering, so a failure or an interruption anywhere leaves earlier results in `folder`
// untouched and no process waits for another that stopped.
template <typename Simulate, typename Publish>
int simulate_and_publish(const std::filesystem::path& folder, Simulate&& simulate, Publish&& publish) {
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  int status = agree(guarded(simulate, folder), folder);
  if (status == kSuccess) status = agree(guarded(publish, folder), folder);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  return status;
}

// Checks made before simulating, by process 0 (the one that writes): memory for the results and a writable
// output folder. Returns the exit status, after printing why.
int check_before_simulating(const std::vector<const inputs::RunInputs*>& runs, int replications,
                            const std::filesystem::path& output_dir) {
  if (!is_main_process()) return kSuccess;
  if (!results_fit_in_memory(runs, replications)) return kBadInput;
  try {
    outputs::ensure_writable_folder(output_dir);
  } catch (const std::exception& e) {
    print_error(e);
    return kBadInput;
  }
  return kSuccess;
}

// Wall time per phase of a run, printed at its end so analysts see where a batch's time goes.
class PhaseTimes {
 public:
  void lap(const char* phase) {
    const auto now = std::chrono::steady_clock::now();
    phases_.emplace_back(phase, std::chrono::duration<double>(now - last_).count());
    last_ = now;
  }
  void print(bool quiet) const {
    if (quiet) return;
    std::string text;
    double total = 0.0;
    for (const auto& [phase, seconds] : phases_) {
      char part[96];
      std::snprintf(part, sizeof part, "%s%s %.1f s", text.empty() ? "" : ", ", phase, seconds);
      text += part;
      total += seconds;
    }
    std::fprintf(stderr, "dayopps: time: %s (total %.1f s)\n", text.c_str(), total);
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
  std::vector<std::pair<const char*, double>> phases_;
};

// Worker threads per process: as asked, or this machine's cores shared among the processes running on it.
int threads_per_process(int asked) {
  if (asked > 0) return asked;
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, cores / processes_on_this_machine());
}

model::RunSettings share_of(int replications, std::uint64_t seed, int threads) {
  return {replications, seed, threads, process_index(), process_count()};
}

void print_start(const RunOptions& options, const char* what, const inputs::Scenario& scenario,
                 const std::string& area_name, int threads, const char* extra) {
  if (options.quiet || !is_main_process()) return;
  std::string where = std::to_string(threads) + (threads == 1 ? " thread" : " threads");
  if (process_count() > 1) where = std::to_string(process_count()) + " processes of " + where;
  std::fprintf(stderr, "dayopps: %s, %s %d-%d, %d replications on %s, seed %llu%s\n", what, area_name.c_str(),
               scenario.base_year, scenario.horizon, scenario.replications, where.c_str(),
               static_cast<unsigned long long>(scenario.master_seed), extra);
}

int run_single(const RunOptions& options, const std::filesystem::path& scenario_file) {
  const std::string started = utc_now();
  const bool quiet = options.quiet || !is_main_process();
  inputs::Scenario scenario;
  inputs::RunInputs run_inputs;
  int status = kSuccess;
  try {
    scenario = inputs::load_scenario(scenario_file);
    inputs::apply_overrides(scenario, options.overrides);
    run_inputs = inputs::load_run_inputs(scenario);
  } catch (const inputs::InputError& e) {
    if (is_main_process()) print_error(e);
    status = kBadInput;
  }
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
        projection = model::run_projection(run_inputs.model_inputs, settings, std::ref(progress), &g_stop_requested);
        times.lap("simulation");
      },
      [&] {
        gather_replications(projection, settings);
        if (process_count() > 1) times.lap("gathering");
        if (!is_main_process()) return;
        outputs::RunRecord record = make_run_record(scenario, run_inputs, threads);
        record.processes = process_count();
        record.started_utc = started;
        record.finished_utc = utc_now();
        const outputs::ResultsDocument document = outputs::build_results_document(projection, record);
        times.lap("results tables");
        outputs::AtomicOutputFile file(results);
        outputs::write_hdf5(document, file.temporary_path());
        if (g_stop_requested.load()) throw model::Cancelled();
        file.commit();
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
  std::vector<inputs::RunInputs> run_inputs;
  int status = kSuccess;
  try {
    for (const std::filesystem::path& file : options.scenario_files) {
      inputs::Scenario scenario = inputs::load_scenario(file);
      inputs::apply_overrides(scenario, options.overrides);
      if (!scenarios.empty()) {
        const inputs::Scenario& baseline = scenarios.front();
        const auto differs = [&](const char* field, const std::string& mine, const std::string& theirs) {
          throw inputs::InputError({file, 0, 0, field}, "is " + mine + " but the baseline " + baseline.name + " has " +
                                                            theirs + ": scenarios of a batch must match");
        };
        if (scenario.area_code != baseline.area_code)
          differs("scenario.area_code", scenario.area_code, baseline.area_code);
        if (scenario.base_year != baseline.base_year)
          differs("scenario.base_year", std::to_string(scenario.base_year), std::to_string(baseline.base_year));
        if (scenario.horizon != baseline.horizon)
          differs("scenario.horizon", std::to_string(scenario.horizon), std::to_string(baseline.horizon));
        for (const inputs::Scenario& other : scenarios) {
          if (other.name == scenario.name)
            throw inputs::InputError({file, 0, 0, "scenario.name"},
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
      run_inputs.push_back(inputs::load_run_inputs(scenario));
      if (!run_inputs.back().costs)
        throw inputs::InputError({scenario.file, 0, 0, "inputs.day_services"},
                                 "a scenario batch compares costs: every scenario needs day services");
    }
  } catch (const inputs::InputError& e) {
    if (is_main_process()) print_error(e);
    status = kBadInput;
  }
  if (status == kSuccess) {
    std::vector<const inputs::RunInputs*> all_inputs;
    for (const inputs::RunInputs& r : run_inputs) all_inputs.push_back(&r);
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
    settings.push_back(
        share_of(baseline.replications, baseline.master_seed + (options.independent_streams ? k : 0), threads));
  }
  PhaseTimes times;
  status = simulate_and_publish(
      baseline.output_dir,
      [&] {
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
          if (!quiet) std::fprintf(stderr, "dayopps: scenario %s\n", scenarios[k].name.c_str());
          Progress progress(quiet);
          projections[k] =
              model::run_projection(run_inputs[k].model_inputs, settings[k], std::ref(progress), &g_stop_requested);
        }
        times.lap("simulation");
      },
      [&] {
        for (std::size_t k = 0; k < scenarios.size(); ++k) gather_replications(projections[k], settings[k]);
        if (process_count() > 1) times.lap("gathering");
        if (!is_main_process()) return;
        std::vector<outputs::ScenarioRun> runs;
        for (std::size_t k = 0; k < scenarios.size(); ++k) {
          outputs::RunRecord record = make_run_record(scenarios[k], run_inputs[k], threads);
          record.master_seed = settings[k].master_seed;
          record.processes = process_count();
          record.started_utc = started;
          record.finished_utc = utc_now();
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
        if (g_stop_requested.load()) throw model::Cancelled();
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
