#!/usr/bin/env bash
# Installs what is missing (Debian packages), then configures and builds a CMake preset (default: release).
# Further arguments go to the configure step, e.g. `scripts/build.sh release -DDAYOPPS_MPI=ON`.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-release}
shift || true
./scripts/setup.sh
cmake --preset "$preset" "$@" >/dev/null
cmake --build --preset "$preset" -j "$(nproc)"
