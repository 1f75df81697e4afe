#!/bin/sh
# One command for the whole test suite on Debian 12 / Ubuntu 24.04: installs what the build and the tests need,
# builds Utter with the desktop UI (build/) and headless-only (build-headless/), starts the services the tests
# use (tests/with-services.sh: Xvfb, PulseAudio with a virtual microphone, a private D-Bus with gnome-keyring)
# and runs ctest — every test in build/, and the core tests plus the no-Widgets check in build-headless/.
# Idempotent; works from any directory. Extra arguments are passed to ctest (e.g. -L unit, -R settings).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/packaging/linux/deps.sh"
# shellcheck disable=SC2086
utter_install_packages $UTTER_BUILD_PACKAGES $UTTER_RUNTIME_PACKAGES $UTTER_TEST_PACKAGES

JOBS=$(nproc)
export CCACHE_BASEDIR="$ROOT"
started=$(date +%s)

echo "== build (desktop UI on) -> build/"
cmake -S "$ROOT" -B "$ROOT/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUTTER_BUILD_UI=ON \
    -DUTTER_BUILD_TESTS=ON -DUTTER_BUILD_BENCHMARKS=ON >"$ROOT/build-configure.log" 2>&1 ||
    { cat "$ROOT/build-configure.log"; exit 1; }
cmake --build "$ROOT/build" -j "$JOBS"

echo "== build (headless, no Qt Widgets) -> build-headless/"
cmake -S "$ROOT" -B "$ROOT/build-headless" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DUTTER_BUILD_UI=OFF \
    -DUTTER_BUILD_TESTS=ON -DUTTER_BUILD_BENCHMARKS=OFF >"$ROOT/build-configure.log" 2>&1 ||
    { cat "$ROOT/build-configure.log"; exit 1; }
cmake --build "$ROOT/build-headless" -j "$JOBS"
rm -f "$ROOT/build-configure.log"

echo "== tests"
status=0
"$ROOT/tests/with-services.sh" sh -c '
    ctest --test-dir "$1/build-headless" --output-on-failure -L "unit|headless" ; a=$?
    shift
    ctest --test-dir "$0" --output-on-failure "$@"; b=$?
    [ $a -eq 0 ] && [ $b -eq 0 ]
' "$ROOT/build" "$ROOT" "$@" || status=$?
echo "== run-all.sh finished in $(($(date +%s) - started)) s with status $status"
exit $status
