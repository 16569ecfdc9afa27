// One process: the default build, with no MPI.
#include "cli/processes.hpp"

namespace dayopps::cli {

ProcessGroup::ProcessGroup(int&, char**&) {}
ProcessGroup::~ProcessGroup() = default;

int process_index() { return 0; }
int process_count() { return 1; }
int processes_on_this_machine() { return 1; }
int worst_status(int status) { return status; }
void gather_replications(model::ProjectionResult&, const model::RunSettings&) {}

}  // namespace dayopps::cli
