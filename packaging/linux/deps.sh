# Package lists and an idempotent installer for Debian 12 / Ubuntu 24.04, sourced by the README's commands.
# Works as root or as a user with sudo; installs only what is missing.

UTTER_BUILD_PACKAGES="build-essential cmake ninja-build pkg-config ccache git clang-format
 qt6-base-dev qt6-multimedia-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-l10n-tools
 qt6-svg-dev qtkeychain-qt6-dev libqt6sql6-sqlite libqt6svg6 qt6-qpa-plugins
 libopus-dev libogg-dev libopusfile-dev libsqlite3-dev
 libsamplerate0-dev libxcb1-dev libxcb-xtest0-dev libxcb-keysyms1-dev libxcb-xkb-dev libxkbcommon-dev
 libxkbcommon-x11-dev gstreamer1.0-plugins-base gstreamer1.0-plugins-good
 python3 librsvg2-bin"

UTTER_RUNTIME_PACKAGES="pulseaudio-utils gnome-keyring libsecret-1-0"

UTTER_TEST_PACKAGES="libopusenc-dev libwebrtc-audio-processing-dev flite pocketsphinx-testdata alsa-utils
 sound-theme-freedesktop xvfb xdotool x11-utils xclip pulseaudio pulseaudio-utils espeak-ng sox gnome-keyring
 dbus dbus-x11 libsecret-tools imagemagick libgtest-dev libbenchmark-dev curl procps iproute2 sway wtype qt6-wayland
 clang libclang-rt-dev
 systemd g++-mingw-w64-x86-64-posix
 mutter xdg-desktop-portal xdg-desktop-portal-gnome at-spi2-core python3-gi python3-pyatspi gir1.2-atspi-2.0
 kwin-wayland xdg-desktop-portal-kde qtwayland5
 mmdebstrap rpm appstream desktop-file-utils zsh fish groff-base"

utter_missing_packages() {
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            printf '%s ' "$pkg"
        fi
    done
}

utter_install_packages() {
    missing=$(utter_missing_packages "$@")
    if [ -z "$missing" ]; then
        return 0
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "utter: apt-get not found; install these packages with your package manager: $missing" >&2
        return 1
    fi
    if [ "$(id -u)" -eq 0 ]; then
        as_root=""
    elif command -v sudo >/dev/null 2>&1; then
        as_root="sudo"
    else
        echo "utter: need root to install: $missing (run as root or install sudo)" >&2
        return 1
    fi
    echo "utter: installing $missing" >&2
    $as_root apt-get update -qq
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}
