#!/usr/bin/env bash
# Installs every build, test and chart dependency of dayopps from Debian's archive.
# Idempotent: packages already present are skipped, so it is cheap to run before every build.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  libeigen3-dev libboost-random-dev libhdf5-dev libssl-dev
  libtomlplusplus-dev libcli11-dev librandom123-dev libxlsxwriter-dev
  libgtest-dev libgmock-dev libbenchmark-dev clang-format clang libclang-rt-14-dev
  libopenmpi-dev openmpi-bin
  python3 python3-matplotlib python3-h5py python3-pandas python3-xarray python3-h5netcdf
  python3-numpy jupyter-nbconvert python3-nbformat python3-ipykernel python3-openpyxl
  pyflakes3  # the Python lint of scripts/test.sh
  chromium poppler-utils python3-websocket  # report.pdf, and the browser test of the report
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} Debian packages present"
  exit 0
fi

echo "setup: installing ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
