#!/usr/bin/env bash
# The day-care trend pooled over every English council and its held-out errors: builds, runs `dayopps backtest`
# on inputs/parameters/forecast.toml and prints the report (runs/backtest/backtest.md). Extra arguments go to
# `dayopps backtest` (e.g. another settings file, -o DIR). Installs nothing beyond scripts/build.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release >/dev/null
out=runs/backtest
./build/release/cli/dayopps backtest -o "$out" "$@"
cat "$out/backtest.md"
