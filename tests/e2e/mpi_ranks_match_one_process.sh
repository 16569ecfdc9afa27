# MPI build: a batch spread over 2 ranks writes the same results as one process, bit for bit (only the
# timing and process-count attributes differ), and a bad input stops every rank with exit 2.
source "$(dirname "$0")/lib.sh"
: "${DAYOPPS_MPI_BINARY:?the MPI build of dayopps}" "${MPIEXEC:?mpirun}"
mpi() { "$MPIEXEC" --allow-run-as-root --oversubscribe "$@"; }
scenarios="$DAYOPPS_SOURCE_DIR/inputs/scenarios"
batch=("$BASELINE" "$scenarios/birmingham-prevention.toml")
small=(--replications 5 --horizon 2025 --threads 1 --no-charts -q)

DAYOPPS=$DAYOPPS_MPI_BINARY run_dayopps run "${batch[@]}" "${small[@]}" --output "$WORK/one"
check "one process: exit 0" exit_code_is 0
mpi -np 2 "$DAYOPPS_MPI_BINARY" run "${batch[@]}" "${small[@]}" --output "$WORK/two" >"$WORK/two.out" 2>"$WORK/two.err"
check "2 ranks: exit 0" test $? -eq 0
check "2 ranks: one results file" test -f "$WORK/two/results.h5"
# The default (MPI-free) binary gives the same results too.
run_dayopps run "${batch[@]}" "${small[@]}" --output "$WORK/plain"
check "MPI-free build: exit 0" exit_code_is 0

check "2 ranks equal 1 process bit for bit" same "$WORK/one/results.h5" "$WORK/two/results.h5"
check "MPI build equals the MPI-free build" same "$WORK/one/results.h5" "$WORK/plain/results.h5"
# A multi-area run with services spreads every area's replications over the ranks in the same way.
areas=("$scenarios/west-midlands-services.toml" --areas E08000029,E08000031 "${small[@]}")
DAYOPPS=$DAYOPPS_MPI_BINARY run_dayopps run "${areas[@]}" --output "$WORK/areas-one"
check "multi-area, one process: exit 0" exit_code_is 0
mpi -np 2 "$DAYOPPS_MPI_BINARY" run "${areas[@]}" --output "$WORK/areas-two" >"$WORK/areas-two.out" 2>"$WORK/areas-two.err"
check "multi-area, 2 ranks: exit 0" test $? -eq 0
check "multi-area: 2 ranks equal 1 process bit for bit" same "$WORK/areas-one/results.h5" "$WORK/areas-two/results.h5"
check "2 ranks recorded" "$PYTHON" -c "import h5py,sys,numpy; sys.exit(int(numpy.ravel(h5py.File('$WORK/two/results.h5').attrs['processes'])[0]) != 2)"

# A bad input: every rank stops with exit 2, the message appears once, nothing is written.
mpi -np 2 "$DAYOPPS_MPI_BINARY" run "$BASELINE" --horizon 2060 --output "$WORK/bad" -q >"$WORK/bad.out" 2>"$WORK/bad.err"
check "2 ranks, bad input: exit 2" test $? -eq 2
check "2 ranks, bad input: said once" test "$(grep -c '2060 is beyond the last year of the population projection' "$WORK/bad.err")" -eq 1
check "2 ranks, bad input: nothing written" no_file "$WORK/bad/results.h5"
mpi -np 2 "$DAYOPPS_MPI_BINARY" calibrate -q >"$WORK/cal.out" 2>"$WORK/cal.err"
check "2 ranks, calibrate: refused" grep -q "calibrate runs in one process" "$WORK/cal.err"
finish
