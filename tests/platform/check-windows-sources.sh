#!/bin/bash
# Compiles Utter's Windows code paths on Linux with the MinGW-w64 cross compiler (-fsyntax-only, warnings as
# errors): the Windows-only backend (core/platform/windows), every .cpp under core/, ui/ and app/ with a
# platform branch (Q_OS_WIN, Q_OS_UNIX, _WIN32, ...: the #else of a Unix-only branch is Windows code too), and
# the pure parts with Windows-specific logic (key names to virtual-key codes, Unicode text to SendInput
# events). MinGW's real Win32 headers and Debian's Qt 6 headers are used; Qt's qsystemdetection.h sees _WIN32
# and takes its Windows branches. Nothing is linked: there is no Qt for Windows on Debian. MSVC-only
# problems still need the GitHub Windows job (docs/desktop-integration.md).
#
# Usage (registered by tests/platform/CMakeLists.txt as the ctest test check-windows-sources):
#   check-windows-sources.sh FLAGS_DIR SOURCE_DIR [FILE...]
# FLAGS_DIR holds what CMake generated for this build: per target (utter_core, utter_ui, utter) the compile
# definitions and include directories, plus the Windows definitions, the Windows-only sources and the warning
# options of utter_common_cfg. FILE... checks only those files (paths relative to SOURCE_DIR).
# Exit 0 = all clean, 1 = an error or warning, 77 = skipped (compiler missing; a failure when
# UTTER_TEST_SERVICES=1, as for every test that needs something installed).
set -u

flags_dir=$1
source_dir=$2
shift 2
cxx=${UTTER_MINGW_CXX:-x86_64-w64-mingw32-g++-posix}
jobs=${UTTER_CHECK_JOBS:-2}

if ! command -v "$cxx" >/dev/null 2>&1; then
    message="$cxx not found; install g++-mingw-w64-x86-64-posix (UTTER_TEST_PACKAGES in packaging/linux/deps.sh)"
    if [ "${UTTER_TEST_SERVICES:-}" = 1 ]; then
        echo "FAIL: $message" >&2
        exit 1
    fi
    echo "SKIP: $message" >&2
    exit 77
fi
for f in windows.defines windows.sources options utter_core.defines utter_core.includes; do
    if [ ! -f "$flags_dir/$f" ]; then
        echo "FAIL: $flags_dir/$f is missing; re-run cmake" >&2
        exit 1
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Qt6Keychain's include directory is /usr/include itself, which would put glibc's headers in front of MinGW's.
# Only its own folder is exposed, through a symlink to the real headers (the layout vcpkg installs on Windows).
mkdir -p "$work/include"
[ -d /usr/include/qt6keychain ] && ln -s /usr/include/qt6keychain "$work/include/qt6keychain"

# Flags of one target as its Windows build would have them: this build's definitions and include directories
# minus the Linux-only ones, plus UTTER_WINDOWS_DEFINITIONS (root CMakeLists.txt) and what Qt6::Platform adds on
# Windows (qtbase cmake/QtPlatformSupport: UNICODE _UNICODE WIN32 _ENABLE_EXTENDED_ALIGNED_STORAGE WIN64 _WIN64,
# and MINGW_HAS_SECURE_API=1 for MinGW). The Linux-generated qconfig.h needs no shim: it only records features.
target_flags() {
    local target=$1 line
    while IFS= read -r line; do
        case $line in
        '' | UTTER_WITH_X11 | UTTER_WITH_WAYLAND | QT_DBUS_LIB | WEBRTC_POSIX) ;; # Linux-only
        *) printf '%s\n' "-D$line" ;;
        esac
    done <"$flags_dir/$target.defines"
    while IFS= read -r line; do
        [ -n "$line" ] && printf '%s\n' "-D$line"
    done <"$flags_dir/windows.defines"
    printf '%s\n' -DWIN32 -D_ENABLE_EXTENDED_ALIGNED_STORAGE -DWIN64 -D_WIN64 -DMINGW_HAS_SECURE_API=1
    while IFS= read -r line; do
        line=${line%/}
        case $line in
        '' | /usr/include | /usr/local/include | */QtDBus) ;; # host system headers, Linux-only Qt module
        */mkspecs/linux-g++) printf '%s\n' -isystem "${line%/linux-g++}/win32-g++" ;;
        *) printf '%s\n' -isystem "$line" ;;
        esac
    done <"$flags_dir/$target.includes"
    printf '%s\n' -isystem "$work/include"
}

# The files: given on the command line, or every Windows path the tree has.
files=()
if [ $# -gt 0 ]; then
    files=("$@")
else
    while IFS= read -r line; do
        [ -n "$line" ] && files+=("${line#"$source_dir"/}")
    done <"$flags_dir/windows.sources"
    files+=(core/platform/keyspec.cpp core/platform/textchunking.cpp)
    while IFS= read -r line; do
        files+=("$line")
    done < <(cd "$source_dir" && grep -rlE '\b(Q_OS_[A-Z]+|_WIN32|_WIN64|__APPLE__|__linux__|Q_CC_MSVC|Q_CC_MINGW)\b' \
        --include='*.cpp' core ui app | grep -v '^core/platform/linux/' | sort)
fi
mapfile -t files < <(printf '%s\n' "${files[@]}" | grep '\.cpp$' | sort -u)

mapfile -t options <"$flags_dir/options"
for target in utter_core utter_ui utter; do
    if [ -f "$flags_dir/$target.defines" ]; then
        target_flags "$target" >"$work/$target.flags"
    fi
done

check() {
    local file=$1 target
    case $file in
    core/*) target=utter_core ;;
    ui/*) target=utter_ui ;;
    app/*) target=utter ;;
    *) target=utter_core ;;
    esac
    local log="$work/$(printf '%s' "$file" | tr '/' '_').log"
    if [ ! -f "$work/$target.flags" ]; then
        echo "skip $file ($target is not part of this build)" >"$log"
        return 0
    fi
    mapfile -t flags <"$work/$target.flags"
    # -std=c++20, not gnu++20: closer to MSVC's /permissive- (and WIN32 then comes from Qt6::Platform only).
    if (cd "$source_dir" && "$cxx" -std=c++20 -fsyntax-only -Werror "${options[@]}" "${flags[@]}" "$file") \
        >"$log.out" 2>&1; then
        echo "ok   $file ($target)" >"$log"
    else
        { echo "FAIL $file ($target)"; cat "$log.out"; } >"$log"
        touch "$work/failed"
    fi
}

started=$(date +%s)
running=0
for file in "${files[@]}"; do
    check "$file" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait
for file in "${files[@]}"; do
    cat "$work/$(printf '%s' "$file" | tr '/' '_').log"
done
echo "${#files[@]} files checked with $cxx in $(($(date +%s) - started)) s"
[ ! -e "$work/failed" ]
