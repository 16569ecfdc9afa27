#!/usr/bin/env bash
# Accept new reference results for the regression tier, when a change is meant to move numbers.
#
#   bash scripts/accept_references.sh [RUN ...]     (default: every run of tests/regression/run.sh)
#
# Builds the release preset, reruns the fixed runs and overwrites tests/regression/reference/. Then read
# `git diff --stat tests/regression/reference` and `git diff tests/regression/reference` to see what moved,
# and commit the references with the change, saying in the message why the numbers moved.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh release >/dev/null
bash tests/regression/run.sh --accept "$@"
git diff --stat -- tests/regression/reference || true
