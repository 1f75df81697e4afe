#!/bin/bash
# translations_complete: every user-facing string lupdate finds in ui/ and core/ today is translated in
# translations/utter_{de,fr,es}.ts — no unfinished or missing entry, %N placeholders kept, an & accelerator where
# the source has one. lupdate runs on copies, so the source tree is never changed.
# Usage: check-translations.sh LUPDATE PROJECT_CMAKE GENERATE_SCRIPT TS_DIR
set -euo pipefail
lupdate=$1 project_cmake=$2 generate=$3 ts_dir=$4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake -DIN_FILE="$project_cmake" -DOUT_FILE="$tmp/project.json" -P "$generate"
cp "$ts_dir"/utter_*.ts "$tmp/"
"$lupdate" -project "$tmp/project.json" -no-obsolete -locations none -silent -ts "$tmp"/utter_*.ts
python3 - "$tmp"/utter_*.ts <<'PY'
import html, re, sys
import xml.etree.ElementTree as ET
problems = []
for path in sys.argv[1:]:
    lang = re.search(r"utter_(\w+)\.ts$", path).group(1)
    count = 0
    for context in ET.parse(path).getroot().iter("context"):
        for message in context.iter("message"):
            count += 1
            source = message.findtext("source") or ""
            translation = message.find("translation")
            text = "".join(translation.itertext()) if translation is not None else ""
            where = f"{lang} {context.findtext('name')}: {source[:70]!r}"
            if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") or not text:
                problems.append(f"{where}: not translated")
                continue
            for placeholder in set(re.findall(r"%\d", source)):
                if placeholder not in text:
                    problems.append(f"{where}: {placeholder} missing in {text[:70]!r}")
            if re.search(r"&[^&\s]", source) and not re.search(r"&[^&\s]", text):
                problems.append(f"{where}: no & accelerator in {text[:70]!r}")
    print(f"{lang}: {count} strings", file=sys.stderr)
    if count == 0:
        problems.append(f"{lang}: no strings found")
for problem in problems:
    print("FAIL:", problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
