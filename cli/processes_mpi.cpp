// The MPI ranks of `mpirun -np N dayopps ...` (built with DAYOPPS_MPI=ON). Replications travel to rank 0 as
// packed byte messages tagged with their number; rank 0 receives them in replication order.
#include <mpi.h>

#include <stdexcept>
#include <string>

#include "cli/processes.hpp"
#include "cli/replication_wire.hpp"

namespace dayopps::cli {

namespace {

int g_rank = 0;
int g_size = 1;
int g_on_this_machine = 1;

}  // namespace

ProcessGroup::ProcessGroup(int& argc, char**& argv) {
  // Workers of one rank are plain threads that never call MPI; only the main thread does.
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
  MPI_Comm_size(MPI_COMM_WORLD, &g_size);
  MPI_Comm machine = MPI_COMM_NULL;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, g_rank, MPI_INFO_NULL, &machine);
  MPI_Comm_size(machine, &g_on_this_machine);
  MPI_Comm_free(&machine);
}

ProcessGroup::~ProcessGroup() { MPI_Finalize(); }

int process_index() { return g_rank; }
int process_count() { return g_size; }
int processes_on_this_machine() { return g_on_this_machine; }

int worst_status(int status) {
  int worst = status;
  MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  return worst;
}

void gather_replications(model::ProjectionResult& projection, const model::RunSettings& settings) {
  const int replications = settings.replications;
  int tag_limit = 32767;  // the least MPI guarantees
  int* tag_upper_bound = nullptr;
  int found = 0;
  MPI_Comm_get_attr(MPI_COMM_WORLD, MPI_TAG_UB, &tag_upper_bound, &found);
  if (found != 0 && tag_upper_bound != nullptr) tag_limit = *tag_upper_bound;
  if (replications - 1 > tag_limit) throw std::runtime_error("too many replications for this MPI's message tags");

  for (int r = 0; r < replications; ++r) {
    const int owner = model::share_running(settings, r);
    if (owner == 0) continue;
    auto& slot = projection.replications[static_cast<std::size_t>(r)];
    if (g_rank == owner) {
      const std::vector<std::byte> message = pack_replication(slot);
      MPI_Send(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, r, MPI_COMM_WORLD);
      slot = {};  // rank 0 holds it now
    } else if (g_rank == 0) {
      MPI_Status status;
      MPI_Probe(owner, r, MPI_COMM_WORLD, &status);
      int bytes = 0;
      MPI_Get_count(&status, MPI_BYTE, &bytes);
      std::vector<std::byte> message(static_cast<std::size_t>(bytes));
      MPI_Recv(message.data(), bytes, MPI_BYTE, owner, r, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      slot = unpack_replication(message);
    }
  }
}

}  // namespace dayopps::cli
