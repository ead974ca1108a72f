#!/usr/bin/env bash
# Runs the PyInstaller bundle the way a council's IT would check it before handing it out:
# its version, sample data into a temporary home, the database check, a report and a letter.
# Fails (non-zero) when any step fails or a file it should write is missing.
set -euo pipefail
bundle="${1:-dist/Reception}"
app="$bundle/reception-app"
[ -x "$app" ] || app="$bundle/reception-app.exe"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export RECEPTION_HOME="$home" QT_QPA_PLATFORM=offscreen
step() { echo "== $*"; "$@"; }
step "$app" --version
step "$app" demo-data --days 3 --seed 1 --office hellesdon
step "$app" check
step "$app" report daily --out "$home/day.pdf"
test -s "$home/day.pdf"
step "$app" letter acknowledgement --record correspondence:1 --out "$home/letter.pdf"
test -s "$home/letter.pdf"
echo "== the bundle: $(du -sh "$bundle" | cut -f1) in $bundle"
echo "All installer checks passed."
