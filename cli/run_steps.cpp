#include "cli/run_steps.hpp"

#include "model/service_cost.hpp"

#include <ctime>
#include <future>
#include <iomanip>
#include <sstream>
#include <thread>

#include "cli/external_step.hpp"
#include "outputs/atomic_output_file.hpp"
#include "outputs/build_info.hpp"
#include "outputs/hdf5_writer.hpp"

namespace dayopps::cli {

namespace {

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
bool results_fit_in_memory(const std::vector<const assembly::RunInputs*>& runs, int replications) {
  double needed = 0.0;
  for (const assembly::RunInputs* run : runs) {
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

}  // namespace

void print_error(const std::exception& e) { std::fprintf(stderr, "dayopps: error: %s\n", e.what()); }

std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

outputs::RunRecord make_run_record(const inputs::Scenario& scenario, const assembly::RunInputs& run_inputs, int threads,
                                   const std::string& started_utc) {
  outputs::RunRecord record;
  record.processes = process_count();
  record.started_utc = started_utc;
  record.finished_utc = utc_now();
  record.scenario_name = scenario.name;
  record.scenario_description = scenario.description;
  record.scenario_toml = inputs::resolved_scenario_toml(scenario);
  record.area_code = scenario.area_code;
  record.area_name = run_inputs.area_name;
  record.master_seed = scenario.master_seed;
  record.threads = threads;
  record.projection_variant = run_inputs.projection.variant;
  for (const assembly::InputFileRecord& f : run_inputs.files) {
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
    record.adulthood_age = run_inputs.model_inputs.services->adulthood_age;
    for (int year = scenario.base_year; year <= scenario.horizon; ++year) {
      for (const model::InternalCentre& c : run_inputs.model_inputs.services->internal_centres)
        record.centre_places.push_back(c.places_in(year));
    }
    record.financial_years = run_inputs.financial_years;
    record.price_year = run_inputs.price_base;
    const model::CostRates& costs = *run_inputs.model_inputs.costs;
    record.cash_index.assign(costs.cash_index.begin(),
                             costs.cash_index.begin() + static_cast<std::ptrdiff_t>(record.financial_years.size()));
    record.centre_running_cost = model::centre_running_cost_by_financial_year(
        costs, run_inputs.model_inputs.services->internal_centres, scenario.base_year,
        static_cast<int>(record.financial_years.size()));
    for (int s = 1; s < model::kServiceCount; ++s) {
      for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
        for (const double cost : costs.cost_per_week[static_cast<std::size_t>(s)][static_cast<std::size_t>(reason)])
          record.cost_per_user_week.push_back(cost);
      }
    }
    record.unit_cost_notes = run_inputs.unit_cost_notes;
    const auto& calibration = *run_inputs.service_calibration;
    for (int reason = 1; reason < model::kSupportReasonCount; ++reason) {
      for (int group = 0; group < model::kAgeGroupCount; ++group) {
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
    record.calibrated_parameters_file = inputs::area_calibrated_parameters(scenario).string();
    const inputs::CalibratedParametersFile& file = *run_inputs.calibrated;
    if (!file.history.empty()) {
      outputs::RunRecord::CalibrationHistory h;
      for (const inputs::CalibrationHistoryRow& row : file.history) {
        h.series.push_back(row.series);
        h.year.push_back(row.year);
        h.observed.push_back(row.observed);
        h.fitted.push_back(row.fitted);
        h.backcast.push_back(row.backcast);
        h.predicted.push_back(row.predicted ? 1 : 0);
      }
      for (const inputs::BackcastError& e : file.backcast_errors) {
        h.error_series.push_back(e.series);
        h.error_years.push_back(e.held_out_years);
        h.mape_percent.push_back(e.mape_percent);
      }
      h.history_from = file.history_from.value_or(0);
      h.validate_to_year = file.validate_to_year.value_or(0);
      std::ostringstream dispersion;
      dispersion << std::setprecision(4) << file.dispersion;
      h.dispersion = dispersion.str();
      record.calibration_history = std::move(h);
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

void write_results_file(const outputs::ResultsDocument& document, const std::filesystem::path& results) {
  outputs::AtomicOutputFile file(results);
  outputs::write_hdf5(document, file.temporary_path());
  publish_unless_stopped([&] { file.commit(); });
}

// What an interrupted chart or report step may leave in the folder: charts written to "<name>.tmp.png" or
// "<name>.tmp" before their rename, and make_report.sh's working folder ".report.XXXXXX".
void remove_temporary_chart_files(const std::filesystem::path& folder) {
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ignored)) {
    const std::string name = entry.path().filename().string();
    const bool temporary = name.rfind(".report.", 0) == 0 || name.ends_with(".tmp.png") || name.ends_with(".tmp");
    if (temporary) std::filesystem::remove_all(entry.path(), ignored);
  }
}

std::string chart_python() {
  const char* python_override = std::getenv("DAYOPPS_PYTHON");
  return python_override != nullptr ? python_override : "/usr/bin/python3";
}

int make_charts(const std::filesystem::path& results, const std::filesystem::path& folder, bool quiet, bool report) {
  const std::string python = chart_python();
  const std::filesystem::path charts = std::filesystem::path(outputs::source_dir()) / "outputs" / "charts";
  if (!quiet)
    std::fprintf(stderr, "dayopps: drawing charts%s with %s\n", report ? " and the report" : "", python.c_str());
  // An interruption now stops both helpers (and what they started) and removes their temporary files.
  const std::atomic<bool>* stop = &stop_requested();
  // make_charts.py draws the charts of the file's layout. The report reads only results.h5, so the two run
  // side by side (each is one Python process).
  std::future<int> report_status = std::async(report ? std::launch::async : std::launch::deferred, [&] {
    if (!report) return 0;
    return run_program({"/bin/bash", (charts / "make_report.sh").string(), results.string(), folder.string()},
                       {{"DAYOPPS_PYTHON", python}}, stop);
  });
  int charts_status =
      run_program({python, (charts / "make_charts.py").string(), results.string(), folder.string()}, {}, stop);
  // The chart helper stopped by an interruption: make sure its sibling, the report, is stopped too.
  if (charts_status == kProgramStopped) stop_requested().store(true);
  const int notebook_status = report_status.get();
  const bool interrupted = stop_requested().load();
  if (interrupted) {
    remove_temporary_chart_files(folder);
    std::fprintf(stderr,
                 "dayopps: interrupted while drawing charts; %s is complete, the charts and report may not be "
                 "(temporary files removed)\n",
                 results.c_str());
    return kInterrupted;
  }
  if (charts_status != 0) {
    std::fprintf(stderr, "dayopps: error: charts failed (exit %d); %s is complete\n", charts_status, results.c_str());
    return kChartsFailed;
  }
  if (notebook_status != 0) {
    std::fprintf(stderr, "dayopps: error: notebook report failed (exit %d); %s and the charts are complete\n",
                 notebook_status, results.c_str());
    return kChartsFailed;
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

int check_before_simulating(const std::vector<const assembly::RunInputs*>& runs, int replications,
                            const std::filesystem::path& output_dir) {
  if (!is_main_process()) return kSuccess;
  if (!results_fit_in_memory(runs, replications)) return kBadInput;
  try {
    outputs::ensure_writable_folder(output_dir);
  } catch (const std::exception& e) {
    print_error(e);
    return kBadInput;
  }
  // A folder in the place of a file the run writes would only be found when renaming, after simulating.
  for (const char* name : {"results.h5", "summary.xlsx", "report.html", "report.pdf"}) {
    std::error_code error;
    if (std::filesystem::is_directory(output_dir / name, error)) {
      std::fprintf(stderr, "dayopps: error: %s: is a folder, so the run could not write its %s there\n",
                   (output_dir / name).c_str(), name);
      return kBadInput;
    }
  }
  return kSuccess;
}

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

}  // namespace dayopps::cli
