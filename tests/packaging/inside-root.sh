#!/bin/sh
# Runs inside the fresh Debian 12 root made by test-install.sh (as root, in a private PID namespace):
#   inside-root.sh /utter-test/utter_VERSION_ARCH.deb
# Installs the package with apt, checks the installed Utter, purges it, and checks that nothing of it is left.
set -eu
deb=$1
dir=$(dirname "$deb")
export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8 LANG=C.UTF-8 HOME=/root
unset DISPLAY WAYLAND_DISPLAY
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
part_started=$(date +%s)
part() {
    now=$(date +%s)
    echo "== packaging: $1 took $((now - part_started)) s"
    part_started=$now
}
wait_for() { # wait_for SECONDS COMMAND...: until the command succeeds
    tries=$(($1 * 4))
    shift
    while [ $tries -gt 0 ]; do
        "$@" >/dev/null 2>&1 && return 0
        sleep 0.25
        tries=$((tries - 1))
    done
    return 1
}
# Everything on the root's file system except state that changes by itself and the user's own folders.
snapshot() {
    find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /tmp -o -path /run -o -path /root \
        -o -path /home -o -path /utter-test -o -path /var/cache -o -path /var/lib/apt -o -path /var/lib/dpkg \
        -o -path /var/log -o -path /etc/ld.so.cache \) -prune -o -print | sort
}

apt-get update -qq
# Tools for the checks, not Utter's dependencies: installed first, so the purge check sees only Utter's own.
apt-get install -y -qq --no-install-recommends xvfb xauth curl jq man-db desktop-file-utils appstream \
    bash-completion procps >/dev/null
part "test tools in the root"

snapshot >"$dir/before.txt"
dpkg-query -W -f '${Package}\n' | sort >"$dir/packages-before.txt"
apt-get install -y -qq --no-install-recommends "$deb" >"$dir/install.log" 2>&1 || { cat "$dir/install.log"; exit 1; }
dpkg-query -W -f '${Package}\n' | sort >"$dir/packages-with-utter.txt"
echo "   apt installed $(comm -13 "$dir/packages-before.txt" "$dir/packages-with-utter.txt" | wc -l) packages" \
    "(utter and its dependencies)"
part "apt-get install utter (download, unpack, configure)"

# --version and doctor
version=$(utter --version) || fail "utter --version failed"
echo "$version" | grep -q '^utter [0-9]' || fail "utter --version printed: $version"
echo "   $(echo "$version" | head -n 1); $(echo "$version" | sed -n 2p)"
doctor_status=0
utter doctor --json >"$dir/doctor.json" 2>"$dir/doctor.err" || doctor_status=$?
# A fresh system has no API key and no sound server: doctor reports failed checks (exit 1, or 4 when a provider
# check failed) but must answer in JSON. 2 (usage) or a crash is a failure.
case $doctor_status in
0 | 1 | 4) ;;
*) fail "utter doctor --json exited $doctor_status: $(cat "$dir/doctor.err")" ;;
esac
jq -e 'type == "object" or type == "array"' "$dir/doctor.json" >/dev/null || fail "utter doctor --json is not JSON"

# The headless service: IPC (utter status) and HTTP (/health)
utter --headless serve --allow-root --listen 127.0.0.1:47931 >"$dir/serve.log" 2>&1 &
serve=$!
if wait_for 30 utter status; then
    utter status --json | jq -e . >/dev/null || fail "utter status --json is not JSON"
    curl -fsS http://127.0.0.1:47931/health >"$dir/health.json" || fail "/health did not answer"
    jq -e . "$dir/health.json" >/dev/null || fail "/health is not JSON: $(cat "$dir/health.json")"
else
    fail "utter --headless serve did not answer utter status: $(cat "$dir/serve.log")"
fi
kill $serve 2>/dev/null || true
wait $serve 2>/dev/null || true

# Decoding through Qt Multimedia's GStreamer back end (Ogg Vorbis is not Utter's own Opus reader)
if [ -f "$dir/speech.ogg" ]; then
    utter segment "$dir/speech.ogg" --json >"$dir/segment.json" 2>"$dir/segment.err" ||
        fail "utter segment (Ogg Vorbis via GStreamer) failed: $(cat "$dir/segment.err")"
fi
part "utter --version, doctor, serve + status + /health, segment"

# The desktop app under Xvfb: it starts, answers IPC, and a second start raises it instead
Xvfb :7 -nolisten tcp >"$dir/xvfb.log" 2>&1 &
wait_for 20 test -S /tmp/.X11-unix/X7 || fail "Xvfb did not start"
DISPLAY=:7 utter >"$dir/app.log" 2>&1 &
app=$!
if wait_for 30 utter status; then
    second=$(DISPLAY=:7 utter 2>&1) || fail "a second start failed: $second"
    echo "$second" | grep -q "already running" || fail "a second start printed: $second"
else
    fail "the desktop app under Xvfb did not answer IPC: $(cat "$dir/app.log")"
fi
kill -0 $app 2>/dev/null || fail "the desktop app exited: $(cat "$dir/app.log")"
kill $app 2>/dev/null || true
wait $app 2>/dev/null || true
part "desktop app under Xvfb"

# Man page, completions, desktop integration files
man -w utter >/dev/null || fail "man -w utter finds no page"
MANPAGER=cat MANWIDTH=100 man utter 2>/dev/null | grep -q "SERVICE LIFECYCLE" || fail "man utter shows no verbs"
for f in /usr/share/bash-completion/completions/utter /usr/share/zsh/vendor-completions/_utter \
    /usr/share/fish/vendor_completions.d/utter.fish /usr/lib/systemd/user/utter.service \
    /usr/share/icons/hicolor/scalable/apps/dev.utter.Utter.svg; do
    [ -f "$f" ] || fail "$f is not installed"
done
for size in 16 22 24 32 48 64 128 256 512; do
    [ -f /usr/share/icons/hicolor/${size}x${size}/apps/dev.utter.Utter.png ] || fail "no ${size}x${size} icon"
done
completion=$(bash -c '. /usr/share/bash-completion/completions/utter; COMP_WORDS=(utter tog); COMP_CWORD=1; _utter
    echo "${COMPREPLY[*]}"')
[ "$completion" = toggle ] || fail "bash completion of 'utter tog' gave '$completion'"
# bash-completion's loader finds the file by the command's name
completion=$(bash -c '. /usr/share/bash-completion/bash_completion; _completion_loader utter; complete -p utter')
echo "$completion" | grep -q _utter || fail "bash-completion does not load utter's completion: $completion"
desktop-file-validate /usr/share/applications/dev.utter.Utter.desktop || fail "desktop-file-validate"
appstreamcli validate --no-net /usr/share/metainfo/dev.utter.Utter.metainfo.xml >"$dir/appstream.log" 2>&1 ||
    fail "appstreamcli validate: $(cat "$dir/appstream.log")"
part "man, completions, icons, desktop file and metainfo"

# Remove it: the package, then the dependencies apt installed for it
apt-get purge -y -qq utter >/dev/null
apt-get autoremove --purge -y -qq >/dev/null
dpkg-query -W -f '${Package}\n' | sort >"$dir/packages-after.txt"
cmp -s "$dir/packages-before.txt" "$dir/packages-after.txt" ||
    fail "packages differ after purge + autoremove: $(diff "$dir/packages-before.txt" "$dir/packages-after.txt" | grep '^[<>]' | tr '\n' ' ')"
snapshot >"$dir/after.txt"
left=$(comm -13 "$dir/before.txt" "$dir/after.txt")
utter_left=$(echo "$left" | grep -i utter || true)
[ -z "$utter_left" ] || fail "left behind after purge: $utter_left"
[ -z "$left" ] || echo "   other new files after purge (dependencies' triggers): $(echo "$left" | tr '\n' ' ')"
part "purge + autoremove"

if [ $failures -gt 0 ]; then
    echo "$failures failure(s) inside the root" >&2
    exit 1
fi
