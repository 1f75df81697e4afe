#!/bin/sh
# Runs a test binary against the real KDE Plasma 5.27 stack, all private to this run: a D-Bus session
# (dbus-run-session), a headless KWin (kwin_wayland --virtual, one 1280x800 output; it hosts kglobalaccel on the
# bus), and xdg-desktop-portal with xdg-desktop-portal-kde (XDG_CURRENT_DESKTOP=KDE). KWin runs unprivileged: as
# root, the script re-runs itself as an unprivileged user (created once with useradd). Exit 77 = skipped
# (packages missing, UTTER_TEST_SERVICES unset).
# Usage: run-under-kwin.sh TEST_BINARY TYPETARGET
set -eu
test_binary=$1
typetarget=$2

. "$(dirname "$0")/private-session.sh"

packages="kwin-wayland xdg-desktop-portal xdg-desktop-portal-kde qtwayland5"
# Debian installs the KDE back end in the multiarch libexec folder.
portal_kde=""
for candidate in /usr/lib/*/libexec/xdg-desktop-portal-kde /usr/libexec/xdg-desktop-portal-kde; do
    [ -x "$candidate" ] && portal_kde=$candidate && break
done
missing=""
command -v kwin_wayland >/dev/null 2>&1 || missing="$missing kwin_wayland"
command -v dbus-run-session >/dev/null 2>&1 || missing="$missing dbus-run-session"
[ -x /usr/libexec/xdg-desktop-portal ] || missing="$missing xdg-desktop-portal"
[ -n "$portal_kde" ] || missing="$missing xdg-desktop-portal-kde"
# The KDE back end is a Qt 5 Wayland client.
ls /usr/lib/*/qt5/plugins/platforms/libqwayland-generic.so >/dev/null 2>&1 || missing="$missing qtwayland5"
skip_or_fail "$missing" "apt-get install $packages"
rerun_unprivileged utter-kdetest UTTER_KWIN "$0" "$test_binary" "$typetarget"

if [ -z "${UTTER_KWIN_IN_DBUS:-}" ]; then
    export UTTER_KWIN_IN_DBUS=1
    exec dbus-run-session -- sh "$0" "$@"
fi

work=${UTTER_KWIN_WORK:-$(mktemp -d /tmp/utter-kwin.XXXXXX)}
private_home "$work"
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME"
unset DISPLAY SWAYSOCK
export WAYLAND_DISPLAY=wayland-utter XDG_SESSION_TYPE=wayland XDG_CURRENT_DESKTOP=KDE KDE_SESSION_VERSION=5

pids=""
trap stop_background EXIT INT TERM
logs() {
    for log in kwin portal-kde portal; do
        echo "--- $log.log" >&2
        tail -n 40 "$work/$log.log" >&2 || true
    done
}

# Debian gives /usr/bin/kwin_wayland the file capability cap_sys_resource; where the bounding set lacks it (a
# container) exec fails with "Operation not permitted". A copy carries no capability and runs the same.
cp /usr/bin/kwin_wayland "$work/kwin_wayland"
"$work/kwin_wayland" --virtual --no-lockscreen --width 1280 --height 800 --socket "$WAYLAND_DISPLAY" \
    >"$work/kwin.log" 2>&1 &
pids="$pids $!"
wait_for 30 kwin on_bus org.kde.kglobalaccel
wait_for 10 "kwin's Wayland socket" test -S "$XDG_RUNTIME_DIR/$WAYLAND_DISPLAY"
# Services the portals activate need the session's variables.
dbus-update-activation-environment WAYLAND_DISPLAY XDG_SESSION_TYPE XDG_CURRENT_DESKTOP KDE_SESSION_VERSION \
    XDG_RUNTIME_DIR HOME XDG_CONFIG_HOME XDG_DATA_HOME XDG_CACHE_HOME
# Started from its installed path: KWin offers its fake-input protocol only to executables whose desktop file
# lists it (X-KDE-Wayland-Interfaces), matched by path.
QT_QPA_PLATFORM=wayland "$portal_kde" >"$work/portal-kde.log" 2>&1 &
pids="$pids $!"
wait_for 30 xdg-desktop-portal-kde on_bus org.freedesktop.impl.portal.desktop.kde
/usr/libexec/xdg-desktop-portal >"$work/portal.log" 2>&1 &
pids="$pids $!"
wait_for 30 xdg-desktop-portal on_bus org.freedesktop.portal.Desktop

export UTTER_TYPETARGET="$typetarget" UTTER_KDE_SESSION=1
status=0
"$test_binary" || status=$?
if [ $status != 0 ]; then
    logs
fi
exit $status
