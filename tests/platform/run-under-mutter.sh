#!/bin/sh
# Runs a test binary against the real GNOME RemoteDesktop stack, all private to this run: a D-Bus session
# (dbus-run-session), a headless Mutter (Wayland only, one 1280x800 virtual monitor), xdg-desktop-portal with
# xdg-desktop-portal-gnome (XDG_CURRENT_DESKTOP=GNOME), and the AT-SPI bus (activated) through which
# gnome-portal-helper.py answers the back end's consent dialog. gnome-portal-helper.py keyboard keeps a keyboard
# on Mutter's seat, as a real session has one. Mutter runs unprivileged: as root, the script re-runs itself as
# an unprivileged user (created once with useradd). Exit 77 = skipped (packages missing, UTTER_TEST_SERVICES unset).
# Usage: run-under-mutter.sh TEST_BINARY TYPETARGET HELPER
set -eu
test_binary=$1
typetarget=$2
helper=$3

. "$(dirname "$0")/private-session.sh"

packages="mutter xdg-desktop-portal xdg-desktop-portal-gnome python3-pyatspi gir1.2-atspi-2.0 at-spi2-core python3-gi"
missing=""
command -v mutter >/dev/null 2>&1 || missing="$missing mutter"
command -v dbus-run-session >/dev/null 2>&1 || missing="$missing dbus-run-session"
for program in xdg-desktop-portal xdg-desktop-portal-gnome at-spi-bus-launcher; do
    [ -x "/usr/libexec/$program" ] || missing="$missing $program"
done
# Debian's own Python, which has python3-gi and python3-pyatspi (not whatever python3 comes first in PATH).
python=/usr/bin/python3
"$python" -c 'import gi, pyatspi' >/dev/null 2>&1 || missing="$missing pyatspi"
skip_or_fail "$missing" "apt-get install $packages"
rerun_unprivileged utter-gnometest UTTER_MUTTER "$0" "$test_binary" "$typetarget" "$helper"

if [ -z "${UTTER_MUTTER_IN_DBUS:-}" ]; then
    export UTTER_MUTTER_IN_DBUS=1
    exec dbus-run-session -- sh "$0" "$@"
fi

work=${UTTER_MUTTER_WORK:-$(mktemp -d /tmp/utter-mutter.XXXXXX)}
private_home "$work"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
unset DISPLAY SWAYSOCK
export WAYLAND_DISPLAY=wayland-utter XDG_SESSION_TYPE=wayland XDG_CURRENT_DESKTOP=GNOME GDK_BACKEND=wayland

pids=""
trap stop_background EXIT INT TERM
logs() {
    for log in mutter keyboard portal-gnome portal; do
        echo "--- $log.log" >&2
        tail -n 40 "$work/$log.log" >&2 || true
    done
}

mutter --headless --virtual-monitor 1280x800 --wayland --no-x11 --wayland-display="$WAYLAND_DISPLAY" \
    >"$work/mutter.log" 2>&1 &
pids="$pids $!"
wait_for 30 mutter on_bus org.gnome.Mutter.RemoteDesktop
wait_for 10 "mutter's Wayland socket" test -S "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY"
# Services the portals activate (the AT-SPI bus, xdg-desktop-portal-gtk, ...) need the session's variables.
dbus-update-activation-environment WAYLAND_DISPLAY XDG_SESSION_TYPE XDG_CURRENT_DESKTOP XDG_RUNTIME_DIR HOME \
    XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME GDK_BACKEND

"$python" "$helper" keyboard >"$work/keyboard.log" 2>&1 &
pids="$pids $!"
wait_for 10 "the seat keyboard" grep -q "^keyboard " "$work/keyboard.log"
/usr/libexec/xdg-desktop-portal-gnome >"$work/portal-gnome.log" 2>&1 &
pids="$pids $!"
wait_for 30 xdg-desktop-portal-gnome on_bus org.freedesktop.impl.portal.desktop.gnome
/usr/libexec/xdg-desktop-portal >"$work/portal.log" 2>&1 &
pids="$pids $!"
wait_for 30 xdg-desktop-portal on_bus org.freedesktop.portal.Desktop

export UTTER_TYPETARGET="$typetarget" UTTER_PORTAL_HELPER="$helper" UTTER_PORTAL_PYTHON="$python"
status=0
"$test_binary" || status=$?
if [ $status != 0 ]; then
    logs
fi
exit $status
