#include "model/runner.hpp"

#include <exception>
#include <mutex>
#include <thread>

#include "model/base_population.hpp"

namespace dayopps::model {

ProjectionResult run_projection(const ProjectionInputs& inputs, const RunSettings& settings,
                                const ProgressCallback& on_progress, const std::atomic<bool>* cancel) {
  validate(inputs, settings);
  const Population base_population = build_base_population(inputs);

  ProjectionResult result;
  result.base_year = inputs.base_year;
  result.horizon = inputs.horizon;
  result.replications.resize(static_cast<std::size_t>(settings.replications));

  // Workers take the share's k-th replication, share_index + k * share_count, in order.
  const int own_replications = replications_in_share(settings);
  std::atomic<int> next_replication{0};
  std::atomic<bool> failed{false};
  std::mutex progress_mutex;
  int finished = 0;
  std::exception_ptr first_error;

  auto worker = [&] {
    for (;;) {
      if (failed.load() || (cancel != nullptr && cancel->load())) return;
      const int k = next_replication.fetch_add(1);
      if (k >= own_replications) return;
      const int replication = settings.share_index + k * settings.share_count;
      try {
        result.replications[static_cast<std::size_t>(replication)] = run_replication(
            inputs, base_population, settings.master_seed, static_cast<std::uint32_t>(replication), cancel);
      } catch (...) {
        std::lock_guard lock(progress_mutex);
        if (!first_error) first_error = std::current_exception();
        failed.store(true);
        return;
      }
      std::lock_guard lock(progress_mutex);
      ++finished;
      if (on_progress) on_progress(finished, own_replications);
    }
  };

  const int thread_count = std::max(1, std::min(settings.threads, own_replications));
  std::vector<std::jthread> workers;
  workers.reserve(static_cast<std::size_t>(thread_count - 1));
  for (int t = 1; t < thread_count; ++t) workers.emplace_back(worker);
  worker();
  workers.clear();  // joins

  if (first_error) std::rethrow_exception(first_error);
  if (cancel != nullptr && cancel->load()) throw Cancelled();
  return result;
}

}  // namespace dayopps::model
