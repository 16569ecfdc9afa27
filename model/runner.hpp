#pragma once
// Runs replications on worker threads. Each replication writes only its own slot and draws only keyed
// random numbers, so the result is bit-identical for any thread count.
#include <atomic>
#include <functional>
#include <stdexcept>
#include <vector>

#include "model/projection_inputs.hpp"
#include "model/replication.hpp"

namespace dayopps::model {

struct ProjectionResult {
  int base_year = 0;
  int horizon = 0;
  std::vector<ReplicationOutput> replications;  // index = replication number; outside the share: empty
};

// Called after each replication finishes with (finished so far, total in this share); may be called from any
// worker, never concurrently.
using ProgressCallback = std::function<void(int finished, int total)>;

// Throws std::invalid_argument on invalid inputs, Cancelled if *cancel becomes true during the run.
ProjectionResult run_projection(const ProjectionInputs& inputs, const RunSettings& settings,
                                const ProgressCallback& on_progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace dayopps::model
