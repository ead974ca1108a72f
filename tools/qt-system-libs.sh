#!/usr/bin/env bash
# Debian/Ubuntu libraries that Qt's windowing (xcb) and offscreen plugins load at run time but
# pip cannot install. Installs the missing ones when run as root (CI, a fresh machine);
# otherwise prints the one command to run. Does nothing on other systems.
set -u
command -v dpkg >/dev/null 2>&1 || exit 0
mode="${1:-gui}"
pkgs=(libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core libpulse0)
if [ "$mode" = gui ]; then
  pkgs+=(libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0)
fi
need=()
for pkg in "${pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "Qt needs these system packages: sudo apt-get install ${need[*]}" >&2
fi
