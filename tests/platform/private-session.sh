# Shared by the run-under-*.sh scripts (sourced, not run): what every private desktop session for a test needs.

# skip_or_fail MISSING HINT: when MISSING (a list of tools) is not empty, exits 1 under tests/with-services.sh
# (UTTER_TEST_SERVICES=1: a missing service is a failure there) and 77 (ctest's "skipped") otherwise.
skip_or_fail() {
    [ -z "$1" ] && return 0
    if [ "${UTTER_TEST_SERVICES:-}" = 1 ]; then
        echo "FAIL: missing$1 ($2)" >&2
        exit 1
    fi
    echo "SKIP: missing$1 ($2)"
    exit 77
}

# rerun_unprivileged USER PREFIX SCRIPT ARGS...: compositors refuse to run as root. As root (and not re-run
# yet), runs SCRIPT ARGS again as USER (created once with useradd) with PREFIX_AS_USER=1 and PREFIX_WORK set to a
# fresh folder USER owns, then exits with its status. Otherwise returns at once.
rerun_unprivileged() {
    user=$1
    prefix=$2
    script=$3
    shift 3
    [ "$(id -u)" = 0 ] || return 0
    eval "rerun=\${${prefix}_AS_USER:-}"
    [ -z "$rerun" ] || return 0
    id "$user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /bin/sh "$user"
    work=$(mktemp -d "/tmp/$user.XXXXXX")
    chown "$user" "$work"
    args=""
    for arg in "$@"; do
        args="$args '$arg'"
    done
    status=0
    su -s /bin/sh "$user" -c "${prefix}_AS_USER=1 ${prefix}_WORK='$work' \
        UTTER_TEST_SERVICES='${UTTER_TEST_SERVICES:-}' LANG=C.UTF-8 LC_ALL=C.UTF-8 PATH='$PATH' \
        sh '$script'$args" || status=$?
    rm -rf "$work"
    exit $status
}

# private_home WORK: HOME, XDG_RUNTIME_DIR and Utter's folders inside WORK, so nothing of the user's is touched.
private_home() {
    export HOME="$1"
    export XDG_RUNTIME_DIR="$1/run"
    mkdir -p "$XDG_RUNTIME_DIR" "$1/utter/config" "$1/utter/data" "$1/utter/runtime" "$1/utter/logs"
    chmod 700 "$XDG_RUNTIME_DIR" "$1/utter/runtime"
    export UTTER_CONFIG_DIR="$1/utter/config" UTTER_DATA_DIR="$1/utter/data"
    export UTTER_RUNTIME_DIR="$1/utter/runtime" UTTER_LOG_DIR="$1/utter/logs"
}

# The scripts add what they start in the background to $pids (pids="$pids $!") and trap stop_background on exit.
stop_background() {
    for pid in $pids; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in $pids; do
        wait "$pid" 2>/dev/null || true
    done
}

# on_bus NAME: NAME has an owner on the session bus.
on_bus() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q "boolean true"
}

# wait_for SECONDS WHAT COMMAND...: polls COMMAND every 0.1 s; after SECONDS says WHAT did not start, prints the
# script's component logs (its own logs function) and exits 1.
wait_for() {
    limit=$1
    what=$2
    shift 2
    i=0
    while ! "$@"; do
        i=$((i + 1))
        if [ "$i" -gt $((limit * 10)) ]; then
            echo "FAIL: $what did not start:" >&2
            logs
            exit 1
        fi
        sleep 0.1
    done
}
