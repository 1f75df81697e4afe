#!/bin/sh
# One command from a fresh Debian 12 / Ubuntu 24.04 machine to a running Utter: installs the dependencies,
# configures and builds (Release) into build-release/, then launches the desktop app when a display exists,
# or explains the headless mode when it does not. Idempotent; works from any directory.
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
. "$ROOT/packaging/linux/deps.sh"
# shellcheck disable=SC2086
utter_install_packages $UTTER_BUILD_PACKAGES $UTTER_RUNTIME_PACKAGES

BUILD="$ROOT/build-release"
export CCACHE_BASEDIR="$ROOT"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release -DUTTER_BUILD_TESTS=OFF \
    -DUTTER_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$BUILD" -j "$(nproc)"

UTTER="$BUILD/app/utter"
echo "Built $UTTER ($("$UTTER" --version | head -n 1))."
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "Starting Utter. Add your Groq key with: $UTTER secret set groq"
    exec "$UTTER" "$@"
fi
cat <<MSG
No display found, so Utter's desktop app was not started. On a server or over SSH:
  $UTTER secret set groq                 # paste your Groq API key (read from stdin, never argv)
  $UTTER --headless serve                # the dictation service in the foreground
  $UTTER toggle | status | last          # drive it from another shell
  $UTTER transcribe recording.ogg        # one-shot transcription, no service needed
  $UTTER --help                          # every verb
MSG
