#pragma once
// The processes one run is spread over. The executable links one implementation: processes_single.cpp (the
// default build: one process) or processes_mpi.cpp (DAYOPPS_MPI=ON: the ranks of `mpirun -np N dayopps ...`).
// Process 0 talks to the user and writes the results; every process simulates its share of replications.
#include "model/runner.hpp"

namespace dayopps::cli {

// Lives as long as main(): starts and ends MPI in the MPI build, does nothing otherwise.
class ProcessGroup {
 public:
  ProcessGroup(int& argc, char**& argv);
  ~ProcessGroup();
  ProcessGroup(const ProcessGroup&) = delete;
  ProcessGroup& operator=(const ProcessGroup&) = delete;
};

int process_index();  // 0 .. process_count() - 1
int process_count();
int processes_on_this_machine();  // those sharing this machine's cores
inline bool is_main_process() { return process_index() == 0; }

// Collective: the largest of every process's `status` (exit codes rank by severity: 0 < 1 < 2 < 3 < 130).
int worst_status(int status);

// Collective: every process has run its share of `projection` (RunSettings::share_index = process_index()),
// and process 0 receives the others' replications into their slots. Other processes' projections are unchanged.
void gather_replications(model::ProjectionResult& projection, const model::RunSettings& settings);

}  // namespace dayopps::cli
