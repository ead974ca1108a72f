#!/usr/bin/env bash
# Debian/Ubuntu: liblouis for braille letters (lou_translate and the UEB tables). Installs it
# when run as root (CI, a fresh machine); otherwise prints the command. Without it the app
# still runs and records braille letters as awaiting transcription. Does nothing elsewhere.
set -u
command -v dpkg >/dev/null 2>&1 || exit 0
pkgs=(liblouis-bin liblouis-data)
need=()
for pkg in "${pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Braille letters need: sudo apt-get install ${need[*]}" >&2
fi
