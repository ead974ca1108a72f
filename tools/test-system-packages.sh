#!/usr/bin/env bash
# Debian/Ubuntu tools the test suite runs for real: faketime (the suite at other dates),
# PostgreSQL (every persistence and service test also runs on a throw-away server), and the
# accessibility bus a screen reader reads (tests/ui/test_screen_reader.py: Xvfb, a D-Bus session,
# at-spi2-core, Debian's pyatspi, and the libraries Qt's xcb plugin loads).
# Installs the missing ones when run as root (CI, a fresh machine); otherwise prints the
# command. Tests that need a missing tool skip on a developer's machine and fail in CI
# (.ci/run sets RECEPTION_REQUIRE_SYSTEM_TOOLS=1). Does nothing on other systems.
set -u
command -v dpkg >/dev/null 2>&1 || exit 0
pkgs=(faketime postgresql xvfb dbus dbus-x11 at-spi2-core python3-pyatspi gir1.2-atspi-2.0
  libxcb-cursor0 libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0)
need=()
for pkg in "${pkgs[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}"
else
  echo "The tests need: sudo apt-get install ${need[*]}" >&2
fi
