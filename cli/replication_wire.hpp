#pragma once
// One replication's output as a flat byte message, so MPI ranks can send their replications to rank 0.
// Every table goes as (rows, columns, values) in a fixed order; the receiver checks the shapes it reads.
#include <cstddef>
#include <span>
#include <vector>

#include "model/replication.hpp"

namespace dayopps::cli {

std::vector<std::byte> pack_replication(const model::ReplicationOutput& output);

// Throws std::runtime_error if `message` is not a whole packed replication.
model::ReplicationOutput unpack_replication(std::span<const std::byte> message);

}  // namespace dayopps::cli
