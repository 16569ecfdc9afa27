#!/usr/bin/env bash
# The tests in two tiers by cost (every CTest test is labelled fast or slow beside its kind; tests/CMakeLists.txt).
#
#   bash scripts/test.sh          # the full tier: what CI runs (.ci/run), under 12 minutes on two cores
#   bash scripts/test.sh --fast   # the fast tier, after every change: about 3 minutes on two cores with the
#                                 # build, well under one minute of tests after an incremental build
#
# Both: install; check the C++ formatting (clang-format) and lint the Python (pyflakes3); build the ci preset
# (the release build with warnings as errors and the MPI command line beside the default one, for the 2-rank
# equality test).
# --fast then runs the tests labelled fast (ctest --preset fast: unit, statistical, the regression references and
# the e2e checks that take seconds), two at a time.
# The full tier runs every test of the release build (ctest --preset release, two at a time); then the unit and
# statistical tiers again under AddressSanitizer and UndefinedBehaviorSanitizer (the debug preset, warnings as
# errors, only the test executables built: ctest --preset sanitizers); then a 45-second libFuzzer smoke run of
# the loaders (scripts/fuzz.sh). DAYOPPS_SKIP_SANITIZERS=1 skips the sanitizer tier and the fuzz smoke run.
# Each step prints how long it took.
set -euo pipefail
cd "$(dirname "$0")/.."
tier=full
case "${1:-}" in
  "") ;;
  --fast) tier=fast ;;
  -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
  *) echo "usage: bash scripts/test.sh [--fast]" >&2; exit 2 ;;
esac
[ $# -le 1 ] || { echo "usage: bash scripts/test.sh [--fast]" >&2; exit 2; }

started=$SECONDS
step() {  # step "what" command...: runs the command, then says how long it took
  local what=$1 t0=$SECONDS
  shift
  "$@"
  echo "test.sh: $what: $((SECONDS - t0)) s (${tier} tier so far: $((SECONDS - started)) s)"
}

step "setup" ./scripts/setup.sh
# Every C++ file formatted as .clang-format says (nothing is rewritten here: a difference fails the run).
# shellcheck disable=SC2046
step "clang-format" clang-format --dry-run --Werror $(git ls-files '*.cpp' '*.hpp')
# The ci preset is the release build (build/release) with warnings as errors and the MPI command line.
step "build (ci preset)" ./scripts/build.sh ci
# Lint every Python file (Debian's pyflakes3: unused imports and variables, undefined names); the report
# notebook is .ipynb and is exercised by the report tests instead.
step "pyflakes3" pyflakes3 outputs/charts tests/python tests/e2e/*.py tests/regression/*.py inputs/tools

if [ "$tier" = fast ]; then
  step "fast tests (ctest --preset fast)" ctest --preset fast
  exit 0
fi

# Every release test, two at a time (the signal-timing test alone, the 2-rank and 2-thread fits with nothing
# beside them: tests/CMakeLists.txt).
step "release tests (ctest --preset release)" ctest --preset release
if [ "${DAYOPPS_SKIP_SANITIZERS:-0}" != "1" ]; then
  # Only the test executables: the command-line and benchmark mains add nothing the tests run here.
  cmake --preset debug -DCMAKE_COMPILE_WARNING_AS_ERROR=ON >/dev/null
  step "build (debug preset, ASan+UBSan, test executables)" cmake --build --preset debug-tests -j "$(nproc)"
  # The sanitizer tier (ctest --preset sanitizers: the unit and statistical labels, two at a time) leaves out
  # what is not memory-sensitive and runs in the release tier above: the full parameter-recovery fits (~3 min
  # each unoptimised under ASan; the fit code still runs here in the engagement-prior and refusal tests) and
  # three long repetitions of code the tier runs anyway (30 s each under ASan, under 1 s in release):
  # DeathProcess.MeanOverReplications (30 replications of the death step DeathsMatchTheirExpectationInEveryAgeBand
  # runs), ConditionMarkov.DementiaCohort (20 replications of a 50,000-person cohort through the care-need step
  # the CareNeedStep and CohortSurvival tests run) and CommonRandomNumbers.PairedSavings (90 replications of the
  # paired batch the other CommonRandomNumbers tests run).
  step "sanitizer tests (ctest --preset sanitizers)" ctest --preset sanitizers
  # A smoke run: 45 s per target, side by side (scripts/fuzz.sh 3600 for a long one).
  step "fuzz smoke run (build and 45 s per target)" ./scripts/fuzz.sh 45
fi
echo "test.sh: the full tier passed in $((SECONDS - started)) s"
