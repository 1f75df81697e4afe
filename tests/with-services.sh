#!/bin/sh
# Runs a command with the real services Utter's tests use, all private to this run:
#   - Xvfb on a free display                                   → DISPLAY
#   - PulseAudio with a virtual microphone "virtmic" (module-pipe-source, s16le 16 kHz mono) fed from a FIFO,
#     set as the default source, and a null sink as the default sink → PULSE_SERVER, UTTER_TEST_MIC_FIFO
#   - a private D-Bus session with gnome-keyring's Secret Service, unlocked, and no desktop portal
#     → DBUS_SESSION_BUS_ADDRESS
# and UTTER_TEST_SERVICES=1, so tests that need a service fail (instead of skipping) when it is missing.
# Usage: tests/with-services.sh ctest --test-dir build
set -eu

if [ -z "${UTTER_WITH_SERVICES_IN_DBUS:-}" ]; then
    export UTTER_WITH_SERVICES_IN_DBUS=1
    # The private bus offers the session's usual activatable services except the desktop portals (installed for
    # testportaloutput): the tests here expect a bus without one (testremotedesktopprobe) or bring their own
    # (testportalhotkeys' stand-in; run-under-mutter.sh starts the real portal on a bus of its own).
    UTTER_WITH_SERVICES_BUS=$(mktemp -d "${TMPDIR:-/tmp}/utter-bus.XXXXXX")
    export UTTER_WITH_SERVICES_BUS
    mkdir "$UTTER_WITH_SERVICES_BUS/services"
    for dir in "${XDG_DATA_HOME:-$HOME/.local/share}" $(echo "${XDG_DATA_DIRS:-/usr/local/share:/usr/share}" | tr : ' '); do
        for service in "$dir"/dbus-1/services/*.service; do
            name=$(basename "$service")
            case "$name" in
            org.freedesktop.portal.* | org.freedesktop.impl.portal.*) continue ;;
            esac
            # The first directory that has a service wins, as in dbus-daemon's standard order.
            if [ -e "$service" ] && [ ! -e "$UTTER_WITH_SERVICES_BUS/services/$name" ]; then
                ln -s "$service" "$UTTER_WITH_SERVICES_BUS/services/$name"
            fi
        done
    done
    cat >"$UTTER_WITH_SERVICES_BUS/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=${TMPDIR:-/tmp}</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$UTTER_WITH_SERVICES_BUS/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
    status=0
    dbus-run-session --config-file="$UTTER_WITH_SERVICES_BUS/session.conf" -- "$0" "$@" || status=$?
    rm -rf "$UTTER_WITH_SERVICES_BUS" # after the bus is gone (it would reload its configuration for each file)
    exit $status
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/utter-services.XXXXXX")
chmod 700 "$WORK"
PIDS=""
cleanup() {
    for pid in $PIDS; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $PIDS; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

wait_for() { # wait_for SECONDS COMMAND...
    limit=$1
    shift
    i=0
    while ! "$@" >/dev/null 2>&1; do
        i=$((i + 1))
        if [ "$i" -gt $((limit * 10)) ]; then
            return 1
        fi
        sleep 0.1
    done
}

# --- X server
display=90
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do
    display=$((display + 1))
done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >"$WORK/xvfb.log" 2>&1 &
PIDS="$PIDS $!"
export DISPLAY=":$display"
unset WAYLAND_DISPLAY
if ! wait_for 15 xdpyinfo; then
    echo "with-services: Xvfb did not start:" >&2
    cat "$WORK/xvfb.log" >&2
    exit 1
fi

# --- PulseAudio with a virtual microphone
mkdir -p "$WORK/pulse" "$WORK/pulse-config"
export UTTER_TEST_MIC_FIFO="$WORK/virtmic.fifo"
cat >"$WORK/pulse.pa" <<PA
load-module module-native-protocol-unix auth-anonymous=1 socket=$WORK/pulse/native
load-module module-null-sink sink_name=nullsink
load-module module-pipe-source source_name=virtmic file=$UTTER_TEST_MIC_FIFO format=s16le rate=16000 channels=1
set-default-source virtmic
set-default-sink nullsink
PA
XDG_CONFIG_HOME="$WORK/pulse-config" PULSE_RUNTIME_PATH="$WORK/pulse" HOME="$WORK" \
    pulseaudio -n -F "$WORK/pulse.pa" --daemonize=no --exit-idle-time=-1 --use-pid-file=no \
    --disallow-exit --log-target=file:"$WORK/pulse.log" >/dev/null 2>&1 &
PIDS="$PIDS $!"
export PULSE_SERVER="unix:$WORK/pulse/native"
if ! wait_for 15 pactl info; then
    echo "with-services: PulseAudio did not start:" >&2
    cat "$WORK/pulse.log" >&2
    exit 1
fi

# --- Secret Service (gnome-keyring) in this private D-Bus session, with its keyrings under $WORK
mkdir -p "$WORK/keyring-data"
eval "$(printf 'utter-test' | XDG_DATA_HOME="$WORK/keyring-data" gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL
wait_for 10 dbus-send --session --dest=org.freedesktop.DBus --type=method_call --print-reply \
    /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets || true
keyring_pid=$(pgrep -n -f "gnome-keyring-daemon --unlock" || true)
[ -n "$keyring_pid" ] && PIDS="$PIDS $keyring_pid"

export UTTER_TEST_SERVICES=1
set +e
"$@"
status=$?
set -e
exit $status
