# Shared by the end-to-end tests: each sources this, runs checks, and ends with `finish`.
# Environment (set by CTest): DAYOPPS (the binary), DAYOPPS_SOURCE_DIR, PYTHON (/usr/bin/python3).
set -u
: "${DAYOPPS:?path of the dayopps binary}" "${DAYOPPS_SOURCE_DIR:?source tree}"
PYTHON=${PYTHON:-/usr/bin/python3}
BASELINE="$DAYOPPS_SOURCE_DIR/inputs/scenarios/birmingham-baseline.toml"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/dayopps-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
passed=0
failed=0

check() {  # check "description" command...
  local description=$1
  shift
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAILED: $description" >&2
  fi
}

# Runs dayopps, keeping exit code, stdout and stderr in $WORK/last.{rc,out,err}.
run_dayopps() {
  "$DAYOPPS" "$@" >"$WORK/last.out" 2>"$WORK/last.err"
  echo $? >"$WORK/last.rc"
}
last_rc() { cat "$WORK/last.rc"; }
exit_code_is() { [ "$(last_rc)" = "$1" ] || { echo "exit code $(last_rc), expected $1; stderr:" >&2; cat "$WORK/last.err" >&2; false; }; }
stderr_has() { grep -qF -- "$1" "$WORK/last.err" || { echo "stderr lacks '$1':" >&2; cat "$WORK/last.err" >&2; false; }; }
stderr_error_lines_are() { [ "$(grep -c '^dayopps: error' "$WORK/last.err")" = "$1" ]; }
no_file() { [ ! -e "$1" ] || { echo "unexpected file $1" >&2; false; }; }
no_partial_files() { [ -z "$(find "$1" -name '*.partial-*' 2>/dev/null)" ] || { echo "partial files left in $1" >&2; false; }; }

# same A.h5 B.h5 [GROUP_IN_A [GROUP_IN_B]]: the two hold the same values bit for bit (tests/e2e/same_results.py).
same() { "$PYTHON" "$DAYOPPS_SOURCE_DIR/tests/e2e/same_results.py" "$@"; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
