#!/bin/sh
# Runs a test binary inside a private headless sway (wlroots headless backend, pixman renderer) with
# push-to-talk bindings that call `utter begin` (key press) and `utter end` (key release).
# sway refuses to run as root: as root, the script re-runs itself as an unprivileged user (created once with
# useradd). Exit 77 = skipped (no sway/wtype and UTTER_TEST_SERVICES unset).
# Usage: run-under-sway.sh TEST_BINARY UTTER_BINARY TYPETARGET
set -eu
test_binary=$1
utter_binary=$2
typetarget=$3

. "$(dirname "$0")/private-session.sh"

missing=""
for tool in sway wtype swaymsg; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
skip_or_fail "$missing" "apt-get install sway wtype"
rerun_unprivileged utter-swaytest UTTER_SWAY "$0" "$test_binary" "$utter_binary" "$typetarget"

work=${UTTER_SWAY_WORK:-$(mktemp -d /tmp/utter-sway.XXXXXX)}
private_home "$work"
export UTTER_BINDING_LOG="$work/bindings.log"
: >"$UTTER_BINDING_LOG"
unset DISPLAY WAYLAND_DISPLAY SWAYSOCK

# The documented push-to-talk binding (docs/desktop-integration.md), plus a record of what each call returned.
cat >"$work/sway.conf" <<CONF
output HEADLESS-1 resolution 1280x800
bindsym --no-repeat F9 exec sh -c '"$utter_binary" begin; echo "begin \$?" >>"$UTTER_BINDING_LOG"'
bindsym --release F9 exec sh -c '"$utter_binary" end; echo "end \$?" >>"$UTTER_BINDING_LOG"'
CONF

WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
    sway --config "$work/sway.conf" >"$work/sway.log" 2>&1 &
sway_pid=$!
trap 'kill $sway_pid 2>/dev/null || true; wait $sway_pid 2>/dev/null || true' EXIT INT TERM
i=0
while ! ls "$XDG_RUNTIME_DIR"/sway-ipc.*.sock >/dev/null 2>&1 || ! ls "$XDG_RUNTIME_DIR"/wayland-? >/dev/null 2>&1; do
    i=$((i + 1))
    if [ $i -gt 100 ]; then
        echo "FAIL: sway did not start:" >&2
        cat "$work/sway.log" >&2
        exit 1
    fi
    sleep 0.1
done
export SWAYSOCK=$(ls "$XDG_RUNTIME_DIR"/sway-ipc.*.sock | head -1)
export WAYLAND_DISPLAY=$(basename "$(ls "$XDG_RUNTIME_DIR"/wayland-? | head -1)")
export XDG_SESSION_TYPE=wayland XDG_CURRENT_DESKTOP=sway
export UTTER_TYPETARGET="$typetarget" UTTER_BINARY="$utter_binary"
"$test_binary"
