# SIGINT or SIGTERM during a run: it stops promptly, exit 130, removes its temporary file, and leaves the
# earlier results untouched.
source "$(dirname "$0")/lib.sh"
mkdir -p "$WORK/out"
echo "earlier results" >"$WORK/out/results.h5"
for signal in INT TERM; do
  "$DAYOPPS" run "$BASELINE" --replications 2000 --output "$WORK/out" --no-charts --threads 2 \
    >"$WORK/last.out" 2>"$WORK/last.err" &
  pid=$!
  sleep 2
  kill -s "$signal" "$pid"
  start=$(date +%s%N)
  wait "$pid"
  echo $? >"$WORK/last.rc"
  elapsed_ms=$((($(date +%s%N) - start) / 1000000))
  check "SIG$signal: exit 130" exit_code_is 130
  check "SIG$signal: says it was interrupted" stderr_has "interrupted; no results written"
  check "SIG$signal: stopped within a second (${elapsed_ms} ms)" test "$elapsed_ms" -lt 1000
  check "SIG$signal: earlier results untouched" grep -qx "earlier results" "$WORK/out/results.h5"
  check "SIG$signal: no temporary files" no_partial_files "$WORK/out"
done
finish
