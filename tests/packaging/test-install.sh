#!/bin/sh
# Installs Utter's .deb into a fresh Debian 12 root file system and checks that it works there, then removes it
# and checks that nothing of Utter's is left (docs/packaging.md, "Testing the packages"):
#   tests/packaging/test-install.sh [BUILD_DIR]      (default: build/, as tests/run-all.sh builds it)
# 1. cpack makes the .deb (and the .rpm when rpmbuild exists) from BUILD_DIR: no compile, only the install step.
# 2. mmdebstrap makes a minimal bookworm root (variant apt, from Debian's own registry); apt installs the .deb
#    there and resolves its dependencies, without recommended packages (so the Depends alone must suffice).
# 3. Inside the root: utter --version, utter doctor --json, `utter --headless serve` answering `utter status`
#    and /health, `utter segment` decoding Ogg Vorbis through GStreamer, the desktop app under Xvfb answering
#    IPC, man utter, the completions, desktop-file-validate and appstreamcli validate.
# 4. apt-get purge + autoremove; every file that appeared with Utter must be gone again.
# 5. The .rpm: its Requires/Recommends and file list.
# Runs as root (chroot, mounts in a private mount namespace). Prints how long each part took and the package
# sizes. UTTER_PACKAGING_MIRROR overrides http://deb.debian.org; UTTER_PACKAGING_KEEP=1 keeps the work folder;
# UTTER_PACKAGING_BASE=FILE.tar unpacks a root made earlier instead of running mmdebstrap (local repeats).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
MIRROR=${UTTER_PACKAGING_MIRROR:-http://deb.debian.org}
if [ "$(id -u)" -ne 0 ]; then
    echo "test-install.sh: needs root (mmdebstrap, chroot); run it with sudo" >&2
    exit 1
fi
for tool in cpack mmdebstrap unshare dpkg-deb; do
    command -v $tool >/dev/null 2>&1 || { echo "test-install.sh: $tool not found (packaging/linux/deps.sh)" >&2; exit 1; }
done

work=$(mktemp -d "${TMPDIR:-/tmp}/utter-packaging.XXXXXX")
cleanup() {
    if [ "${UTTER_PACKAGING_KEEP:-}" = 1 ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
started=$(date +%s)
part_started=$started
part() { # part NAME: how long the part took
    now=$(date +%s)
    echo "== packaging: $1 took $((now - part_started)) s"
    part_started=$now
}

echo "== packaging: cpack in $BUILD"
generators="DEB"
command -v rpmbuild >/dev/null 2>&1 && generators="DEB;RPM"
(cd "$BUILD" && cpack -G "$generators" -B "$work/packages" >"$work/cpack.log" 2>&1) ||
    { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/packages/utter_*.deb)
rpm=$(ls "$work"/packages/utter-*.rpm 2>/dev/null || true)
for package in $deb $rpm; do
    echo "   $(basename "$package"): $(du -k "$package" | cut -f1) KiB"
done
echo "   installed size (dpkg): $(dpkg-deb -f "$deb" Installed-Size) KiB"
echo "   Depends: $(dpkg-deb -f "$deb" Depends)"
echo "   Recommends: $(dpkg-deb -f "$deb" Recommends)"
part "cpack"

mkdir "$work/root"
if [ -n "${UTTER_PACKAGING_BASE:-}" ]; then
    # A root made earlier with `mmdebstrap --variant=apt --format=tar bookworm FILE` (repeated local runs only).
    tar -C "$work/root" -xf "$UTTER_PACKAGING_BASE"
    part "fresh bookworm root from $UTTER_PACKAGING_BASE"
else
    mmdebstrap --quiet --variant=apt bookworm "$work/root" \
        "deb $MIRROR/debian bookworm main" "deb $MIRROR/debian bookworm-updates main" \
        "deb $MIRROR/debian-security bookworm-security main" >"$work/mmdebstrap.log" 2>&1 ||
        { cat "$work/mmdebstrap.log"; exit 1; }
    part "mmdebstrap (fresh bookworm root)"
fi

mkdir "$work/root/utter-test"
cp "$deb" "$work/root/utter-test/"
cp "$ROOT/tests/packaging/inside-root.sh" "$work/root/utter-test/"
cp /etc/resolv.conf "$work/root/etc/resolv.conf"
# Speech in Ogg Vorbis, for `utter segment` through Qt Multimedia's GStreamer decoder inside the root.
if command -v espeak-ng >/dev/null 2>&1 && command -v sox >/dev/null 2>&1; then
    espeak-ng -w "$work/speech.wav" "Utter installs from a package and decodes this sentence." 2>/dev/null &&
        sox "$work/speech.wav" -r 16000 -c 1 "$work/root/utter-test/speech.ogg"
fi
# A private mount and PID namespace: the mounts vanish and every process started inside (serve, Xvfb, the app)
# is killed when the inside script ends, whatever happens.
status=0
# shellcheck disable=SC2016 # the inner script expands its own arguments
unshare --mount --pid --fork --kill-child sh -c '
    set -e
    root=$1
    mount --make-rprivate /
    mount -t proc proc "$root/proc"
    mount --rbind /dev "$root/dev"
    mount -t sysfs sysfs "$root/sys"
    mount -t tmpfs tmpfs "$root/tmp"
    mount -t tmpfs tmpfs "$root/run"
    exec chroot "$root" /bin/sh /utter-test/inside-root.sh "$2"
' sh "$work/root" "/utter-test/$(basename "$deb")" || status=$?
if [ $status -ne 0 ]; then
    echo "FAIL: the checks inside the fresh root failed (status $status)" >&2
    exit $status
fi
part_started=$(date +%s)

if [ -n "$rpm" ]; then
    requires=$(rpm -qp --requires "$rpm" 2>/dev/null)
    recommends=$(rpm -qp --recommends "$rpm" 2>/dev/null)
    files=$(rpm -qpl "$rpm" 2>/dev/null)
    echo "   rpm Requires: $(echo "$requires" | tr '\n' ' ')"
    echo "   rpm Recommends: $(echo "$recommends" | tr '\n' ' ')"
    rpm_fail=0
    for needed in 'libQt6Core.so.6()(64bit)' 'libopus.so.0()(64bit)' qt6-qtbase-gui libsecret gstreamer1-plugins-base; do
        echo "$requires" | grep -qxF "$needed" || { echo "FAIL: the rpm does not require $needed" >&2; rpm_fail=1; }
    done
    for needed in qt6-qtwayland '(gnome-keyring or kf5-kwallet or keepassxc)'; do
        echo "$recommends" | grep -qxF "$needed" || { echo "FAIL: the rpm does not recommend $needed" >&2; rpm_fail=1; }
    done
    for path in /usr/bin/utter /usr/share/applications/dev.utter.Utter.desktop \
        /usr/share/metainfo/dev.utter.Utter.metainfo.xml /usr/share/icons/hicolor/256x256/apps/dev.utter.Utter.png \
        /usr/share/icons/hicolor/scalable/apps/dev.utter.Utter.svg /usr/share/man/man1/utter.1.gz \
        /usr/share/bash-completion/completions/utter /usr/share/zsh/site-functions/_utter \
        /usr/share/fish/vendor_completions.d/utter.fish /usr/lib/systemd/user/utter.service; do
        echo "$files" | grep -qxF "$path" || { echo "FAIL: the rpm lacks $path" >&2; rpm_fail=1; }
    done
    # Folders owned by the filesystem package and others must not be claimed.
    for shared in /usr/share/applications /usr/share/icons/hicolor /usr/lib/systemd/user /usr/share/man/man1; do
        echo "$files" | grep -qxF "$shared" && { echo "FAIL: the rpm owns $shared" >&2; rpm_fail=1; }
    done
    [ $rpm_fail -eq 0 ] || exit 1
    part "rpm checks"
fi
echo "== packaging: all checks passed in $(($(date +%s) - started)) s"
