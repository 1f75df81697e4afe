#!/bin/sh
# Fuzzes Utter's parsers with libFuzzer (Clang, ASan+UBSan): bench/fuzz/run.sh TARGET|all SECONDS [JOBS]
#   bench/fuzz/run.sh fuzz_multipart 300     five minutes on the multipart parser
#   bench/fuzz/run.sh all 60                 one minute on each target in turn
# Builds build-fuzz/ (clang++, UTTER_SANITIZE=address,undefined, UTTER_BUILD_FUZZERS=ON, headless, only the fuzz
# targets); UTTER_FUZZ_BUILD=DIR uses another such build, e.g. the build-asan/ of tests/run-all.sh.
# Each run starts from the seed corpus in bench/fuzz/corpus/TARGET and keeps what it finds in BUILD/corpus/TARGET
# (merge interesting inputs into the seeds by hand: keep the seeds small); a crash is written to
# BUILD/crashes/TARGET/ and stops that target. Prints executions per second and in total per target.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
TARGETS=$(sed -n '/^set(utter_fuzz_targets/,/)/p' "$ROOT/bench/fuzz/CMakeLists.txt" | grep -o 'fuzz_[a-z_]*')
if [ $# -lt 2 ]; then
    echo "usage: $0 TARGET|all SECONDS [JOBS]   (targets: $(echo $TARGETS))" >&2
    exit 2
fi
what=$1
seconds=$2
jobs=${3:-2}
if [ "$what" = all ]; then
    what=$TARGETS
else
    echo "$TARGETS" | grep -qx "$what" || { echo "unknown target $what (targets: $(echo $TARGETS))" >&2; exit 2; }
fi
BUILD=${UTTER_FUZZ_BUILD:-$ROOT/build-fuzz}
export CCACHE_BASEDIR="$ROOT"
if [ ! -f "$BUILD/CMakeCache.txt" ]; then
    CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DUTTER_BUILD_UI=OFF -DUTTER_BUILD_TESTS=OFF \
        -DUTTER_BUILD_BENCHMARKS=OFF -DUTTER_BUILD_FUZZERS=ON -DUTTER_SANITIZE=address,undefined >/dev/null
fi
# shellcheck disable=SC2086
cmake --build "$BUILD" -j "$jobs" --target $what
status=0
summary=""
for target in $what; do
    mkdir -p "$BUILD/corpus/$target" "$BUILD/crashes/$target"
    log="$BUILD/crashes/$target/last-run.log"
    echo "== $target for $seconds s"
    rc=0
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        LSAN_OPTIONS=suppressions=$ROOT/tests/sanitizers/lsan.supp QT_QPA_PLATFORM=offscreen \
        "$BUILD/bench/fuzz/$target" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$BUILD/crashes/$target/" "$BUILD/corpus/$target" "$ROOT/bench/fuzz/corpus/$target" \
        >"$log" 2>&1 || rc=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    line="$target: ${execs:-?} executions, ${rate:-?}/s, exit $rc"
    if [ $rc -ne 0 ]; then
        status=1
        line="$line — CRASH, see $log and $BUILD/crashes/$target/"
        grep -m3 -E '^==[0-9]+==ERROR|runtime error|fuzz property failed|deadly signal' "$log" || true
    fi
    echo "$line"
    summary="$summary$line
"
done
echo "== summary"
printf '%s' "$summary"
exit $status
