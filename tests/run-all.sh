#!/bin/sh
# One command for the whole test suite on Debian 12 / Ubuntu 24.04: installs what the build and the tests need,
# builds Utter four times and runs the tests of each under the services they use (tests/with-services.sh:
# Xvfb, PulseAudio with a virtual microphone, a private D-Bus with gnome-keyring):
#   build/           desktop UI, RelWithDebInfo: every test
#   build-headless/  headless-only (no Qt Widgets): the unit tests and the no-Widgets check
#   build-asan/      headless-only, Clang with ASan+UBSan: the unit tests (-L "unit|headless", the fuzz corpus
#                    replays of bench/fuzz included)
#   build-tsan/      headless-only, Clang with ThreadSanitizer: the pipeline and daemon tests (-L tsan)
# Each builds only the targets its tests need. The sanitizer builds are -O1 with line tables only; a sanitizer
# report from any test process (the utter binaries the tests start included) fails the run
# (tests/sanitizers/check-logs.sh). Last, the .deb made from build/ is installed into a fresh Debian 12 root and
# checked there (tests/packaging/test-install.sh; needs root and the network). Idempotent; works from any
# directory. Extra arguments are passed to the ctest of build/ (e.g. -L unit, -R settings).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/packaging/linux/deps.sh"
# shellcheck disable=SC2086
utter_install_packages $UTTER_BUILD_PACKAGES $UTTER_RUNTIME_PACKAGES $UTTER_TEST_PACKAGES

JOBS=$(nproc)
export CCACHE_BASEDIR="$ROOT"
started=$(date +%s)
step_started=$started
step_done() { # step_done NAME: how long the step took, for the CI time budget
    now=$(date +%s)
    echo "== $1 took $((now - step_started)) s"
    step_started=$now
}

configure() { # configure BUILD_DIR CMAKE_ARGS...
    dir=$1
    shift
    cmake -S "$ROOT" -B "$dir" -G Ninja "$@" >"$ROOT/build-configure.log" 2>&1 ||
        { cat "$ROOT/build-configure.log"; exit 1; }
    rm -f "$ROOT/build-configure.log"
}

echo "== build (desktop UI on) -> build/"
configure "$ROOT/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUTTER_BUILD_UI=ON -DUTTER_BUILD_TESTS=ON \
    -DUTTER_BUILD_BENCHMARKS=ON
cmake --build "$ROOT/build" -j "$JOBS"
step_done "build/"

echo "== build (headless, no Qt Widgets) -> build-headless/"
# Only what its tests (unit|headless) need: utter, the unit tests and their helpers.
configure "$ROOT/build-headless" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUTTER_BUILD_UI=OFF -DUTTER_BUILD_TESTS=ON \
    -DUTTER_BUILD_BENCHMARKS=OFF
cmake --build "$ROOT/build-headless" -j "$JOBS" --target utter_unit_tests
step_done "build-headless/"

echo "== build (headless, Clang, ASan+UBSan: the unit tests, fuzz targets included) -> build-asan/"
configure "$ROOT/build-asan" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" \
    -DUTTER_BUILD_UI=OFF -DUTTER_BUILD_TESTS=ON -DUTTER_BUILD_BENCHMARKS=OFF -DUTTER_BUILD_FUZZERS=ON \
    -DUTTER_SANITIZE=address,undefined
cmake --build "$ROOT/build-asan" -j "$JOBS" --target utter_unit_tests # the fuzz targets included
step_done "build-asan/"

echo "== build (headless, Clang, ThreadSanitizer: the pipeline and daemon tests) -> build-tsan/"
configure "$ROOT/build-tsan" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g1" \
    -DUTTER_BUILD_UI=OFF -DUTTER_BUILD_TESTS=ON -DUTTER_BUILD_BENCHMARKS=OFF -DUTTER_SANITIZE=thread
cmake --build "$ROOT/build-tsan" -j "$JOBS" --target utter_tsan_tests
step_done "build-tsan/"

echo "== tests"
status=0
"$ROOT/tests/with-services.sh" sh -c '
    root=$1
    shift
    step() { echo "== $1 took $(($(date +%s) - $2)) s"; }
    failed=0
    t=$(date +%s)
    ctest --test-dir "$root/build-headless" --output-on-failure -L "unit|headless" || failed=1
    step "tests in build-headless/" $t
    t=$(date +%s)
    rm -rf "$root/build-asan/sanitizer-logs"
    # check-windows-sources is a MinGW compile check, not a test process: it ran in build-headless/ already.
    ctest --test-dir "$root/build-asan" --output-on-failure -L "unit|headless" -E "^check-windows-sources\$" ||
        failed=1
    "$root/tests/sanitizers/check-logs.sh" "$root/build-asan/sanitizer-logs" || failed=1
    step "tests in build-asan/ (ASan+UBSan)" $t
    t=$(date +%s)
    rm -rf "$root/build-tsan/sanitizer-logs"
    ctest --test-dir "$root/build-tsan" --output-on-failure -L tsan || failed=1
    "$root/tests/sanitizers/check-logs.sh" "$root/build-tsan/sanitizer-logs" || failed=1
    step "tests in build-tsan/ (ThreadSanitizer)" $t
    t=$(date +%s)
    ctest --test-dir "$root/build" --output-on-failure "$@" || failed=1
    step "tests in build/" $t
    exit $failed
' sh "$ROOT" "$@" || status=$?

# Packaging (docs/packaging.md): the .deb from build/ installed into a fresh Debian 12 root, checked, purged.
echo "== packaging: tests/packaging/test-install.sh"
step_started=$(date +%s)
if [ "$(id -u)" -eq 0 ]; then
    "$ROOT/tests/packaging/test-install.sh" "$ROOT/build" || status=1
elif command -v sudo >/dev/null 2>&1; then
    sudo "$ROOT/tests/packaging/test-install.sh" "$ROOT/build" || status=1
else
    echo "FAIL: the packaging test needs root (run as root or install sudo)" >&2
    status=1
fi
step_done "packaging test"

echo "== run-all.sh finished in $(($(date +%s) - started)) s with status $status"
exit $status
