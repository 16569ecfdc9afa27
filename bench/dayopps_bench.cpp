// Throughput and memory of the simulation core on the bundled Birmingham inputs, printed as figures
// (never asserted: speed targets live here, not in tests). For each workload and thread count it runs the
// projection `repeats` times and reports the median:
//   person-years per second = people alive at the start of each simulated year, summed over years and
//                             replications, divided by the wall time of run_projection;
//   state bytes per person  = the per-person columns of the population (capacity × element size) / people;
//   peak RSS                = the process's high-water mark (getrusage), for the whole run.
//   random words            = nanoseconds per person of each batched Philox kernel this CPU runs, and the
//                             one in use (the same words from each: tests/unit/random_draws_test.cpp).
// Workloads: "core" is the demographic core alone (death, ageing, alignment to the ONS projection);
// "full" is the default model (care need, carers, services, places, costs). `dayopps_bench national`: see national().
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "assembly/run_inputs.hpp"
#include "inputs/loaders/scenario.hpp"
#include "model/base_population.hpp"
#include "model/random_draws.hpp"
#include "model/runner.hpp"
#include "outputs/build_info.hpp"

namespace {

using namespace dayopps;

double person_years(const model::ProjectionResult& result) {
  double total = 0.0;
  for (const model::ReplicationOutput& r : result.replications) {
    // Row k is the population at mid-year base + k; years base .. horizon-1 start a simulated year.
    const auto& counts = r.population.counts;
    total += static_cast<double>(counts.topRows(counts.rows() - 1).cast<std::int64_t>().sum());
  }
  return total;
}

double state_bytes_per_person(model::Population population) {
  std::size_t bytes = 0;
  population.for_each_column([&](auto& column) { bytes += column.capacity() * sizeof(column[0]); });
  return static_cast<double>(bytes) / static_cast<double>(population.size());
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

// Nanoseconds per person of one batched random-words kernel (one thread, median of `repeats`).
double random_words_ns(model::RandomKernel kernel, int repeats) {
  std::vector<std::uint32_t> persons(model::kRandomBatch);
  for (std::size_t j = 0; j < persons.size(); ++j) persons[j] = static_cast<std::uint32_t>(j);
  model::RandomWordsBatch batch;
  constexpr int kBatches = 200000;
  std::vector<double> seconds;
  std::uint32_t sink = 0;
  for (int k = 0; k < repeats; ++k) {
    const auto start = std::chrono::steady_clock::now();
    for (int b = 0; b < kBatches; ++b) {
      persons[0] = static_cast<std::uint32_t>(b);
      model::random_words_batch_with(kernel, 20180731u, 1, persons.data(), model::kRandomBatch, 2030,
                                     model::RandomEvent::demography, batch);
      sink ^= batch.word[3][5];
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  if (sink == 0x12345678u) std::printf(" ");  // keeps the loop from being optimised away
  return median(seconds) * 1e9 / (static_cast<double>(kBatches) * model::kRandomBatch);
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

// National scale: the areas of a multi-area scenario (default: the seven West Midlands boroughs with services),
// each simulated as a run does, repeated until the people simulated reach `target_people` (England's 57 million
// by default; the copies are the bundled areas again, for the benchmark only). Reports person-years per second
// of the whole and the process's peak memory, which is what one MPI rank needs (ranks share replications, not
// areas, so each holds every area's results for its replications).
int national(int replications, double target_people, const std::string& scenario_file, int threads) {
  const inputs::Scenario scenario = inputs::load_scenario(scenario_file);
  const assembly::ProjectionFile projection = assembly::load_projection_file(scenario);
  std::vector<assembly::RunInputs> areas;
  double people = 0.0;
  for (const std::string& code : assembly::areas_to_run(scenario, projection)) {
    areas.push_back(assembly::load_run_inputs(inputs::scenario_for_area(scenario, code), &projection));
    people += static_cast<double>(areas.back().model_inputs.people.counts.row(0).cast<std::int64_t>().sum());
  }
  const int copies = static_cast<int>(std::ceil(target_people / people));
  std::printf(
      "dayopps_bench national: %zu areas of %s (%.2f million people) x %d = %.1f million people, %d-%d, %d "
      "replications, %d threads\n",
      areas.size(), scenario.name.c_str(), people / 1e6, copies, people * copies / 1e6, scenario.base_year,
      scenario.horizon, replications, threads);
  std::vector<model::ProjectionResult> results;  // kept, as a run keeps every area's results until writing
  double simulated = 0.0;
  const auto start = std::chrono::steady_clock::now();
  for (int copy = 0; copy < copies; ++copy) {
    for (std::size_t a = 0; a < areas.size(); ++a) {
      const auto seed = scenario.master_seed + static_cast<std::uint64_t>(copy * 1000) + a;
      results.push_back(model::run_projection(areas[a].model_inputs, {replications, seed, threads}));
      simulated += person_years(results.back());
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%-10s %14s %22s %16s %26s\n", "model", "seconds", "person-years/second", "peak RSS MiB",
              "seconds per replication");
  std::printf("%-10s %14.1f %22.0f %16.1f %26.1f\n", "national", seconds, simulated / seconds,
              static_cast<double>(peak_rss_kib()) / 1024.0, seconds / replications);
  return 0;
}

int main(int argc, char** argv) {
  if (argc > 1 && std::string(argv[1]) == "national") {
    // dayopps_bench national [replications] [people] [scenario] [threads]
    const int replications = argc > 2 ? std::atoi(argv[2]) : 1;
    const double target = argc > 3 ? std::atof(argv[3]) : 57e6;
    const std::string file = argc > 4 && std::string(argv[4]) != "-"
                                 ? argv[4]
                                 : std::string(outputs::source_dir()) + "/inputs/scenarios/west-midlands-services.toml";
    const int threads = argc > 5 ? std::atoi(argv[5]) : 2;
    if (replications < 1 || !(target > 0.0) || threads < 1) {
      std::fprintf(stderr,
                   "usage: dayopps_bench national [replications >= 1] [people > 0] [scenario.toml or -] "
                   "[threads >= 1]\n");
      return 2;
    }
    return national(replications, target, file, threads);
  }
  // dayopps_bench [replications per run] [repeats] [scenario] [core|full|both]
  const int replications = argc > 1 ? std::atoi(argv[1]) : 8;
  const int repeats = argc > 2 ? std::atoi(argv[2]) : 5;
  const std::string scenario_file =
      argc > 3 && std::string(argv[3]) != "-"
          ? argv[3]
          : std::string(outputs::source_dir()) + "/inputs/scenarios/birmingham-baseline.toml";
  const std::string workload = argc > 4 ? argv[4] : "both";
  if (replications < 1 || repeats < 1 || (workload != "core" && workload != "full" && workload != "both")) {
    std::fprintf(stderr,
                 "usage: dayopps_bench [replications >= 1] [repeats >= 1] [scenario.toml or -] [core|full|both]\n");
    return 2;
  }
  const inputs::Scenario scenario = inputs::load_scenario(scenario_file);
  const assembly::RunInputs run = assembly::load_run_inputs(scenario);

  model::ProjectionInputs core = run.model_inputs;
  core.care_need.reset();
  core.services.reset();
  core.costs.reset();
  core.calibrated.reset();

  const model::Population base = model::build_base_population(run.model_inputs);
  std::printf("dayopps_bench: %s, %d-%d, %zu people in the base year, %d replications per run, median of %d runs\n",
              run.area_name.c_str(), scenario.base_year, scenario.horizon, base.size(), replications, repeats);
  std::printf("state bytes per person: %.1f (population columns)\n", state_bytes_per_person(base));
  std::printf("random words (4 x 32 bits a person, one thread):");
  for (const auto& [kernel, label] :
       {std::pair{model::RandomKernel::lanewise, "lanewise"}, std::pair{model::RandomKernel::avx2, "avx2"}}) {
    if (!model::random_kernel_available(kernel)) continue;
    std::printf(" %s %.2f ns/person%s;", label, random_words_ns(kernel, repeats),
                model::random_kernel_in_use() == kernel ? " (in use)" : "");
  }
  std::printf("\n");
  std::printf("%-6s %7s %14s %22s %16s\n", "model", "threads", "seconds/run", "person-years/second", "peak RSS MiB");

  for (const auto& [name, inputs] :
       {std::pair<const char*, const model::ProjectionInputs*>{"core", &core},
        std::pair<const char*, const model::ProjectionInputs*>{"full", &run.model_inputs}}) {
    if (workload != "both" && workload != name) continue;
    for (const int threads : {1, 2}) {
      std::vector<double> seconds;
      double simulated = 0.0;
      for (int k = 0; k < repeats; ++k) {
        const auto start = std::chrono::steady_clock::now();
        const model::ProjectionResult result =
            model::run_projection(*inputs, {replications, scenario.master_seed, threads});
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
        simulated = person_years(result);
      }
      const double t = median(seconds);
      std::printf("%-6s %7d %14.3f %22.0f %16.1f\n", name, threads, t, simulated / t,
                  static_cast<double>(peak_rss_kib()) / 1024.0);
      std::fflush(stdout);
    }
  }
  return 0;
}
