#!/usr/bin/env python3
"""Writes utter(1) and the bash, zsh and fish completions from the built binary's own help.

Usage: gen-cli-docs.py UTTER_BINARY OUT_DIR [--date YYYY-MM-DD]
Writes utter.1 (and utter.1.gz), utter.bash, _utter (zsh) and utter.fish into OUT_DIR.

Everything comes from `utter --help` (the verbs, their one-line summaries, the global options, the exit codes)
and `utter [--headless] VERB --help` (each verb's usage, description, options and positional arguments), so the
man page and the completions list exactly what the binary accepts. The binary runs with private, empty folders
(UTTER_*_DIR, HOME, XDG_*) so generating touches nothing of the user's.
"""

import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile

VERB_LINE = re.compile(r"^  (--headless )?([a-z][a-z-]*) +(.*)$")
OPTION_LINE = re.compile(r"^  (-[A-Za-z0-9], )?(--?[A-Za-z0-9][A-Za-z0-9-]*)(?: <([^>]+)>)?(?: +(.*))?$")
GLOBAL_LINE = re.compile(r"^  (--[a-z-]+) +(.*)$")


class Option:
    def __init__(self, short, long, value, text):
        self.short = short  # "f" or ""
        self.long = long  # "follow" (QCommandLineParser shows single-dash long names as -name)
        self.value = value  # "FILE" or ""
        self.text = text


class Verb:
    def __init__(self, name, headless, summary):
        self.name = name
        self.headless = headless
        self.summary = summary
        self.usage = ""
        self.description = ""
        self.options = []
        self.arguments = []  # (name, text)
        self.actions = []  # sub-commands of the first positional argument: config get|set|...
        self.takes_files = False

    @property
    def full_name(self):
        return ("--headless " if self.headless else "") + self.name


def run(binary, args, env):
    done = subprocess.run([binary] + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          timeout=60)
    if done.returncode != 0:
        sys.exit(f"gen-cli-docs: `utter {' '.join(args)}` failed ({done.returncode}): {done.stderr}")
    return done.stdout


def sections(text):
    """Splits help text into {heading: [lines]}; lines before the first heading go under ""."""
    result = {"": []}
    current = ""
    for line in text.splitlines():
        if line and not line.startswith(" ") and line.endswith(":"):
            current = line[:-1]
            result[current] = []
        else:
            result[current].append(line)
    return result


def parse_main(text):
    parts = sections(text)
    verbs = []
    for heading, headless in (("Verbs", False), ("Service lifecycle", True)):
        for line in parts.get(heading, []):
            m = VERB_LINE.match(line)
            if m:
                verbs.append(Verb(m.group(2), headless, m.group(3).strip()))
    globals_ = []
    for line in parts.get("Global options", []):
        m = GLOBAL_LINE.match(line)
        if m:
            globals_.append((m.group(1), m.group(2).strip()))
        elif globals_ and line.startswith("   "):
            globals_[-1] = (globals_[-1][0], globals_[-1][1] + " " + line.strip())
    exit_codes = []
    for heading, lines in parts.items():
        if heading.startswith("Exit codes"):
            exit_codes = [heading[len("Exit codes:"):].strip()] + [line.strip() for line in lines if line.strip()]
    if not verbs:
        sys.exit("gen-cli-docs: no verbs found in `utter --help`")
    title = parts[""][0].strip() if parts[""] else "utter"
    return title, verbs, globals_, " ".join(exit_codes)


def parse_verb(verb, text):
    lines = text.splitlines()
    verb.usage = lines[0][len("Usage: "):].strip() if lines and lines[0].startswith("Usage: ") else verb.full_name
    parts = sections("\n".join(lines[1:]))
    verb.description = "\n".join(parts[""]).strip("\n")
    for line in parts.get("Options", []):
        m = OPTION_LINE.match(line)
        if m:
            short = m.group(1)[1] if m.group(1) else ""
            verb.options.append(Option(short, m.group(2).lstrip("-"), m.group(3) or "", (m.group(4) or "").strip()))
        elif verb.options and line.startswith("   "):
            verb.options[-1].text += " " + line.strip()
    for line in parts.get("Arguments", []):
        m = re.match(r"^  (\S+) +(.*)$", line)
        if m:
            verb.arguments.append((m.group(1), m.group(2).strip()))
    # Positional syntax after "[options]": sub-commands when it is a list of lower-case words.
    positional = verb.usage.split("[options]", 1)[1].strip() if "[options]" in verb.usage else ""
    verb.takes_files = "FILE" in positional
    # The first positional: a bracketed group ("[search WORDS...|export|delete ID]") or one word.
    first = positional[: positional.index("]") + 1] if positional.startswith("[") else positional.split(" ")[0]
    if "|" in first:
        choices = [alt.strip().split(" ")[0] for alt in first.strip("[]").split("|")]
        if all(re.fullmatch(r"[a-z][a-z-]*", c) for c in choices):
            verb.actions = choices


# --- man page -------------------------------------------------------------------------------------------------


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    # Non-ASCII as groff's Unicode escapes (an em dash is \[u2014]), so no input encoding is assumed.
    text = "".join(c if ord(c) < 128 else f"\\[u{ord(c):04X}]" for c in text)
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def option_synopsis(option):
    names = ([f"-{option.short}"] if option.short else []) + [f"--{option.long}"]
    value = f" \\fI{option.value}\\fR" if option.value else ""
    return ", ".join(f"\\fB{roff(n)}\\fR" for n in names) + value


def man_page(title, verbs, globals_, exit_codes, version, date):
    out = [f'.TH UTTER 1 "{date}" "Utter {version}" "User Commands"',
           ".SH NAME",
           "utter \\- " + roff(title.split(" — ", 1)[-1].rstrip(".")),
           ".SH SYNOPSIS",
           ".B utter", ".br",
           ".B utter", ".I VERB", ".RI [ options ]", ".br",
           ".B utter \\-\\-headless", ".I VERB", ".RI [ options ]",
           ".SH DESCRIPTION",
           "Without a verb, \\fButter\\fR starts the desktop app: a tray icon, the overlay and the global hotkeys. "
           "With a verb it talks to the running instance or does one job. With \\fB\\-\\-headless\\fR it runs or "
           "manages the background dictation service, which needs no display.",
           ".SH GLOBAL OPTIONS"]
    for name, text in globals_:
        out += [".TP", f"\\fB{roff(name)}\\fR", roff(text)]
    for heading, headless in (("VERBS", False), ("SERVICE LIFECYCLE", True)):
        out.append(f".SH {heading}")
        for verb in (v for v in verbs if v.headless == headless):
            out += [f".SS {roff(verb.full_name)}", roff(verb.summary) + ".", ".PP", "Usage: \\fB" +
                    roff(verb.usage) + "\\fR"]
            if verb.description:
                out += [".PP", ".nf", roff(verb.description), ".fi"]
            for option in verb.options:
                if option.long == "help":
                    continue
                out += [".TP", option_synopsis(option), roff(option.text)]
            for name, text in verb.arguments:
                out += [".TP", f"\\fI{roff(name)}\\fR", roff(text)]
    out += [".SH EXIT STATUS", roff(exit_codes),
            ".SH FILES",
            "Settings in \\fI~/.config/utter/utter.ini\\fR, history and audio in \\fI~/.local/share/utter/\\fR; "
            "\\fButter config path \\-\\-all\\fR prints every folder in use.",
            ".SH SEE ALSO",
            "\\fBsystemctl\\fR(1), \\fBjournalctl\\fR(1); https://github.com/utter\\-app/utter"]
    return "\n".join(out) + "\n"


# --- completions ----------------------------------------------------------------------------------------------


def option_words(verb):
    words = []
    for option in verb.options:
        words.append(f"--{option.long}")
        if option.short:
            words.append(f"-{option.short}")
    return words


def bash(verbs, globals_):
    plain = " ".join(v.name for v in verbs if not v.headless)
    lifecycle = " ".join(v.name for v in verbs if v.headless)
    cases = []
    for verb in verbs:
        key = ("h:" if verb.headless else "v:") + verb.name
        value_options = " ".join(f"--{o.long}" for o in verb.options if o.value) + " " + " ".join(
            f"-{o.short}" for o in verb.options if o.value and o.short)
        file_options = " ".join(f"--{o.long}" for o in verb.options if "FILE" in o.value) + " " + " ".join(
            f"-{o.short}" for o in verb.options if "FILE" in o.value and o.short)
        cases.append(f"""        {key})
            opts="{' '.join(option_words(verb))}"
            actions="{' '.join(verb.actions)}"
            files={1 if verb.takes_files else 0}
            value_opts=" {value_options.strip()} "
            file_opts=" {file_options} "
            ;;""")
    globals_words = " ".join(name for name, _ in globals_)
    return f"""# bash completion for utter — generated from `utter --help` by packaging/linux/gen-cli-docs.py
_utter() {{
    local cur prev headless=0 verb="" position=0 i word
    COMPREPLY=()
    cur=${{COMP_WORDS[COMP_CWORD]}}
    prev=${{COMP_WORDS[COMP_CWORD-1]}}
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${{COMP_WORDS[i]}}
        if [[ -z $verb ]]; then
            case $word in
            --headless) headless=1 ;;
            -*) ;;
            *) verb=$word ;;
            esac
        elif [[ $word != -* ]]; then
            position=$((position + 1))
        fi
    done
    if [[ -z $verb ]]; then
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "{globals_words}" -- "$cur"))
        elif ((headless)); then
            COMPREPLY=($(compgen -W "{lifecycle}" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "{plain}" -- "$cur"))
        fi
        return
    fi
    local key opts="" actions="" files=0 value_opts=" " file_opts=" "
    if ((headless)); then key="h:$verb"; else key="v:$verb"; fi
    case $key in
{chr(10).join(cases)}
    esac
    if [[ $file_opts == *" $prev "* ]]; then
        COMPREPLY=($(compgen -f -- "$cur"))
        return
    fi
    if [[ $value_opts == *" $prev "* ]]; then
        return
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ -n $actions ]] && ((position == 0)); then
        COMPREPLY=($(compgen -W "$actions" -- "$cur"))
    elif ((files)); then
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
}}
complete -o filenames -o bashdefault -F _utter utter
"""


def zsh_quote(text):
    return text.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(
        ":", "\\:")


def zsh(verbs, globals_):
    def describe(headless):
        return "\n".join(f"    '{v.name}:{zsh_quote(v.summary)}'" for v in verbs if v.headless == headless)

    cases = []
    for verb in verbs:
        specs = []
        for option in verb.options:
            text = zsh_quote(option.text)
            value = ""
            if option.value:
                value = f":{zsh_quote(option.value)}:" + ("_files" if "FILE" in option.value else " ")
            if option.short:
                specs.append(f"'(-{option.short} --{option.long})'{{-{option.short},--{option.long}}}'[{text}]{value}'")
            else:
                specs.append(f"'--{option.long}[{text}]{value}'")
        if verb.actions:
            specs.append(f"'1:action:({' '.join(verb.actions)})'")
            specs.append("'*::argument:_default'" if verb.takes_files else "'*::argument: '")
        elif verb.takes_files:
            specs.append("'*:file:_files'")
        key = ("h:" if verb.headless else "v:") + verb.name
        cases.append(f"        {key}) _arguments -s {' '.join(specs)} ;;")
    global_specs = " ".join(f"'{name}[{zsh_quote(text)}]'" for name, text in globals_)
    return f"""#compdef utter
# zsh completion for utter — generated from `utter --help` by packaging/linux/gen-cli-docs.py

_utter() {{
    local -a plain lifecycle
    local headless=0 i
    plain=(
{describe(False)}
    )
    lifecycle=(
{describe(True)}
    )
    for ((i = 2; i < CURRENT; i++)); do
        [[ $words[i] == --headless ]] && headless=1
        if [[ $words[i] != -* ]]; then
            local verb=$words[i]
            words=("${{(@)words[i,-1]}}")
            (( CURRENT -= i - 1 ))
            case "$([[ $headless == 1 ]] && print h || print v):$verb" in
{chr(10).join(cases)}
            esac
            return
        fi
    done
    if [[ $PREFIX == -* ]]; then
        _arguments {global_specs}
    elif (( headless )); then
        _describe -t commands 'service verb' lifecycle
    else
        _describe -t commands 'verb' plain
    fi
}}

_utter "$@"
"""


def fish_quote(text):
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish(verbs, globals_):
    names = " ".join(sorted({v.name for v in verbs}))
    out = ["# fish completion for utter — generated from `utter --help` by packaging/linux/gen-cli-docs.py",
           "complete -c utter -f",
           f"set -l __utter_verbs {names}",
           "function __utter_headless; contains -- --headless (commandline -opc); end"]
    for name, text in globals_:
        out.append(f"complete -c utter -n \"not __fish_seen_subcommand_from $__utter_verbs\" -l {name[2:]} "
                   f"-d {fish_quote(text)}")
    for verb in verbs:
        mode = "__utter_headless" if verb.headless else "not __utter_headless"
        out.append(f"complete -c utter -n \"{mode}; and not __fish_seen_subcommand_from $__utter_verbs\" "
                   f"-a {verb.name} -d {fish_quote(verb.summary)}")
        condition = f"{mode}; and __fish_seen_subcommand_from {verb.name}"
        for option in verb.options:
            parts = [f"complete -c utter -n \"{condition}\" -l {option.long}"]
            if option.short:
                parts.append(f"-s {option.short}")
            if option.value:
                parts.append("-r -F" if "FILE" in option.value else "-x")
            parts.append(f"-d {fish_quote(option.text)}")
            out.append(" ".join(parts))
        if verb.actions:
            out.append(f"complete -c utter -n \"{condition}; and not __fish_seen_subcommand_from "
                       f"{' '.join(verb.actions)}\" -a {fish_quote(' '.join(verb.actions))}")
        if verb.takes_files:
            out.append(f"complete -c utter -n \"{condition}\" -F")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("out_dir")
    parser.add_argument("--date", default="")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="utter-cli-docs-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("UTTER_", "XDG_", "DISPLAY", "WAYLAND"))}
        env.update(HOME=home, XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data",
                   XDG_RUNTIME_DIR=f"{home}/run", UTTER_CONFIG_DIR=f"{home}/config/utter",
                   UTTER_DATA_DIR=f"{home}/data/utter", UTTER_RUNTIME_DIR=f"{home}/run/utter",
                   UTTER_LOG_DIR=f"{home}/logs", LC_ALL="C.UTF-8", LANG="C.UTF-8", QT_QPA_PLATFORM="offscreen")
        os.makedirs(f"{home}/run", mode=0o700)
        main_help = run(args.binary, ["--help"], env)
        version = run(args.binary, ["--version"], env).split("\n")[0].split(" ")[-1]
        title, verbs, globals_, exit_codes = parse_main(main_help)
        for verb in verbs:
            parse_verb(verb, run(args.binary, verb.full_name.split(" ") + ["--help"], env))

    os.makedirs(args.out_dir, exist_ok=True)
    outputs = {
        "utter.1": man_page(title, verbs, globals_, exit_codes, version, args.date),
        "utter.bash": bash(verbs, globals_),
        "_utter": zsh(verbs, globals_),
        "utter.fish": fish(verbs, globals_),
    }
    for name, text in outputs.items():
        with open(os.path.join(args.out_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    # The installed man page, compressed as Debian policy asks (no name or time stamp: reproducible).
    with open(os.path.join(args.out_dir, "utter.1.gz"), "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=f, mtime=0) as z:
            z.write(outputs["utter.1"].encode("utf-8"))


if __name__ == "__main__":
    main()
