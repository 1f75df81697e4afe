#!/bin/bash
# Checks the generated man page and completions (packaging/linux/gen-cli-docs.py) against the binary:
#   check-cli-docs.sh UTTER_BINARY DOCS_DIR
# - every verb of `utter --help` and every option of `utter [--headless] VERB --help` appears in utter.1,
#   the bash, zsh and fish completions;
# - the bash completion completes for real (verbs, a verb's options, config's actions);
# - zsh and fish parse their files (`zsh -n`, `fish -n`), groff renders utter.1 without warnings;
# - the packaged systemd user unit passes `systemd-analyze verify`.
# Registered with ctest as packaging_cli_docs. Exit 0 = all good, 1 = a failure, 77 = a tool is missing (a
# failure when UTTER_TEST_SERVICES=1).
set -u
utter=$(realpath "$1")
docs=$2
unit=${3:-}
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}
missing() {
    if [ "${UTTER_TEST_SERVICES:-}" = 1 ]; then
        fail "$1 not found (UTTER_TEST_PACKAGES in packaging/linux/deps.sh)"
    else
        echo "SKIP: $1 not found" >&2
        exit 77
    fi
}
for tool in zsh fish groff; do
    command -v $tool >/dev/null 2>&1 || missing $tool
done

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME=$home UTTER_CONFIG_DIR=$home/c UTTER_DATA_DIR=$home/d UTTER_RUNTIME_DIR=$home/r UTTER_LOG_DIR=$home/l
unset DISPLAY WAYLAND_DISPLAY

# Verbs from the help text itself (not from the generator), with their mode.
verbs=$("$utter" --help | awk '/^Verbs:/ {m = "v"; next} /^Service lifecycle:/ {m = "h"; next} /^[^ ]/ {m = ""}
    m == "v" && /^  [a-z]/ {print "v:" $1} m == "h" && /^  --headless [a-z]/ {print "h:" $2}')
[ "$(echo "$verbs" | wc -l)" -ge 10 ] || fail "too few verbs parsed from utter --help: $verbs"

for entry in $verbs; do
    mode=${entry%%:*}
    verb=${entry#*:}
    if [ "$mode" = h ]; then prefix="--headless "; else prefix=""; fi
    grep -q "^\.SS .*$verb\$" "$docs/utter.1" || fail "utter.1 has no section for '${prefix}$verb'"
    grep -q " $mode:$verb)" "$docs/utter.bash" || fail "bash completion lacks $mode:$verb"
    grep -q " $mode:$verb)" "$docs/_utter" || fail "zsh completion lacks $mode:$verb"
    grep -q -- "-a $verb " "$docs/utter.fish" || fail "fish completion lacks $verb"
    # shellcheck disable=SC2086
    options=$("$utter" $prefix"$verb" --help | sed -n '/^Options:/,/^$/p' | grep -o -- ' --[a-z][a-z0-9-]*' | tr -d ' ')
    for option in $options; do
        grep -q -- "$option" "$docs/utter.bash" || fail "bash completion lacks ${prefix}$verb $option"
        grep -q -- "'--${option#--}\[\|,--${option#--}}" "$docs/_utter" || fail "zsh completion lacks ${prefix}$verb $option"
        grep -q -- "-l ${option#--}\b" "$docs/utter.fish" || fail "fish completion lacks ${prefix}$verb $option"
        roff_option=$(printf '%s' "$option" | sed 's/-/\\-/g') # --no-resume is \-\-no\-resume in roff
        [ "$option" = --help ] || grep -qF -- "$roff_option" "$docs/utter.1" ||
            fail "utter.1 lacks ${prefix}$verb $option"
    done
done

# The bash completion, run as bash runs it.
complete_bash() { # complete_bash WORD... (the last word is being completed)
    bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _utter; printf "%s\n" "${COMPREPLY[@]}"' \
        sh "$docs/utter.bash" "$@"
}
[ "$(complete_bash utter tog)" = toggle ] || fail "bash: 'utter tog<TAB>' gives '$(complete_bash utter tog)'"
complete_bash utter --headless s | grep -qx serve || fail "bash: 'utter --headless s<TAB>' lacks serve"
complete_bash utter --headless s | grep -qx segment && fail "bash: 'utter --headless s<TAB>' offers segment"
complete_bash utter config "" | grep -qx migrate || fail "bash: 'utter config <TAB>' lacks migrate"
complete_bash utter status --f | grep -qx -- --follow || fail "bash: 'utter status --f<TAB>' lacks --follow"

zsh -n "$docs/_utter" || fail "zsh cannot parse _utter"
fish -n "$docs/utter.fish" || fail "fish cannot parse utter.fish"
fish_out=$(fish -c "source $docs/utter.fish; complete -C 'utter tog'" 2>&1)
echo "$fish_out" | grep -q '^toggle' || fail "fish: 'utter tog<TAB>' gives '$fish_out'"
warnings=$(groff -ww -man -z "$docs/utter.1" 2>&1)
[ -z "$warnings" ] || fail "groff warns about utter.1: $warnings"
if [ -n "$unit" ]; then
    if command -v systemd-analyze >/dev/null 2>&1; then
        # verify resolves ExecStart; the unit names `utter` on systemd's search path: check a copy naming this binary.
        sed "s|^ExecStart=[^ ]*|ExecStart=$utter|" "$unit" >"$home/utter.service"
        out=$(systemd-analyze verify --man=no "$home/utter.service" 2>&1) || fail "systemd-analyze verify: $out"
    else
        missing systemd-analyze
    fi
fi

if [ $failures -gt 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "man page and completions cover $(echo "$verbs" | wc -l) verbs and their options"
