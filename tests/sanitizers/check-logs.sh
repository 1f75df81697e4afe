#!/bin/sh
# tests/sanitizers/check-logs.sh DIR: prints every sanitizer report that a test process (or the utter binary a
# test started) wrote to DIR (ASAN/UBSAN/TSAN_OPTIONS log_path, set by the build for every test) and fails when
# there is one. A missing or empty DIR passes.
set -eu
dir=$1
[ -d "$dir" ] || exit 0
found=0
for log in "$dir"/*; do
    [ -s "$log" ] || continue
    found=$((found + 1))
    echo "== sanitizer report $log"
    cat "$log"
done
if [ $found -gt 0 ]; then
    echo "== $found sanitizer report(s) in $dir" >&2
    exit 1
fi
