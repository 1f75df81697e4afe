#!/bin/bash
# Regenerates docs/screenshots/ — the images the AppStream metadata (dev.utter.Utter.metainfo.xml) and the docs
# show — from the real windows: tests/ui/testscreenshots renders every window in the light and the dark palette,
# once at 1× and once at 2× (QT_SCALE_FACTOR=2), on a private Xvfb, and this script copies the chosen ones.
#
#   packaging/linux/regenerate-screenshots.sh [BUILD_DIR]     (default: build; needs the testscreenshots target)
#
# Takes about half a minute; not part of CI (the screenshot test itself is). Look at the result before committing.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
binary="$build/tests/ui/testscreenshots"
if [[ ! -x "$binary" ]]; then
    echo "regenerate-screenshots: $binary is missing; build it first: cmake --build $build --target testscreenshots" >&2
    exit 1
fi
for tool in xvfb-run Xvfb; do
    command -v "$tool" >/dev/null || { echo "regenerate-screenshots: $tool is missing (apt-get install -y xvfb)" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8 QT_QPA_PLATFORM=xcb UTTER_SOURCE_DIR="$here" UTTER_TEST_HOME="$work/home"
export UTTER_ARTIFACT_DIR="$work/shots"
# Fixed fonts and sizes: the same screen every time, wide enough for the 2× windows.
for scale in 1 2; do
    QT_SCALE_FACTOR=$scale xvfb-run -a -s "-screen 0 2200x1600x24 -dpi 96" "$binary" -silent \
        >"$work/run-$scale.log" 2>&1 || { cat "$work/run-$scale.log" >&2; exit 1; }
done

# docs/screenshots/NAME  ←  the test's NAME-SCHEME-SCALEx.png
declare -A chosen=(
    [settings-general-light.png]=settings-general-light-1x.png
    [settings-general-dark.png]=settings-general-dark-1x.png
    [settings-providers-dark.png]=settings-providers-dark-1x.png
    [settings-providers-light-2x.png]=settings-providers-light-2x.png
    [settings-style-editor-light.png]=settings-style-editor-light-1x.png
    [settings-style-editor-dark-2x.png]=settings-style-editor-dark-2x.png
    [doctor-light.png]=doctor-light-1x.png
    [overlay-listening-light.png]=overlay-listening-light-1x.png
    [overlay-styling-dark-2x.png]=overlay-styling-dark-2x.png
    [tray-icons-light.png]=tray-icons-light-2x.png
    [status-window-dark.png]=status-window-dark-1x.png
)
mkdir -p "$here/docs/screenshots"
for name in "${!chosen[@]}"; do
    source="$UTTER_ARTIFACT_DIR/${chosen[$name]}"
    [[ -f "$source" ]] || { echo "regenerate-screenshots: the test did not write ${chosen[$name]}" >&2; exit 1; }
    cp "$source" "$here/docs/screenshots/$name"
done
if command -v optipng >/dev/null; then
    optipng -quiet -o2 "$here"/docs/screenshots/*.png
fi
echo "docs/screenshots/: ${#chosen[@]} images regenerated (1× and 2×, light and dark); look at them before committing."
