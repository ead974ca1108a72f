"""What a screen reader reads (issue 13 point 14): every control reachable by keyboard has a
name, and every table its column headers, on the real accessibility bus.

How: Xvfb, a private D-Bus session (at-spi2-core starts its bus and registry on demand) and
the desk run for real with QT_QPA_PLATFORM=xcb and QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1
(tests/accessibility/desk_app.py), page by page and with its main dialogs. The tree is walked
by tests/accessibility/atspi_walk.py in a subprocess of Debian's /usr/bin/python3, because
python3-pyatspi exists only for Debian's Python and the suite runs on a pyenv CPython 3.11 venv
(installing PyGObject from PyPI needs a compiler and girepository headers; the subprocess needs
nothing built). tools/test-system-packages.sh installs every Debian package involved.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from reception_app.domain.people import StaffMember
from reception_app.paths import AppPaths
from reception_app.services.container import AppServices
from tests.accessibility.desk_app import APP_NAME
from tests.system_tools import require_program
from tests.ui.sample_desk import fill_sample_desk

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"
SCREENS = [f"page {n}" for n in range(8)] + [
    "dialog check_in",
    "dialog message",
    "dialog correspondence",
    "dialog contact",
]


def _require_pyatspi() -> None:
    found = os.path.exists(SYSTEM_PYTHON) and (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True).returncode == 0
    )
    if not found:
        require_program("python3-pyatspi is for Debian's python3: no such program")


@pytest.fixture
def bus(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A virtual screen and a D-Bus session of the test's own: the environment to run in."""
    require_program("Xvfb")
    require_program("dbus-daemon")
    _require_pyatspi()
    display = f":{90 + os.getpid() % 500}"
    xvfb = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    dbus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert dbus.stdout is not None
    address = dbus.stdout.readline().strip()
    env = dict(os.environ)
    env.update(
        DISPLAY=display,
        DBUS_SESSION_BUS_ADDRESS=address,
        QT_QPA_PLATFORM="xcb",
        QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
        NO_AT_BRIDGE="0",
    )
    try:
        yield env
    finally:
        for process in (dbus, xvfb):
            process.terminate()
            process.wait(10)


def _wait_ready(app: subprocess.Popen[str], seconds: float = 120) -> None:
    """The desk's "ready", or a failure after ``seconds`` (a desk whose slot raised keeps
    running without saying it; the suite must not wait for it for ever)."""
    assert app.stdout is not None
    if not select.select([app.stdout], [], [], seconds)[0]:
        app.kill()
        raise AssertionError(f"the desk said nothing for {seconds:.0f} s")
    line = app.stdout.readline()
    assert line.strip() == "ready", f"the desk did not start: {line!r}"


def test_every_control_a_keyboard_reaches_has_a_name_a_screen_reader_reads(
    bus: dict[str, str], services: AppServices, manager: StaffMember, paths: AppPaths
) -> None:
    fill_sample_desk(services, manager)
    app = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.accessibility.desk_app",
            str(paths.default_database),
            "mclerk",
        ],
        cwd=ROOT,
        env=bus,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert app.stdin is not None
    problems: list[str] = []
    try:
        _wait_ready(app)
        for screen in SCREENS:
            app.stdin.write(screen + "\n")
            app.stdin.flush()
            _wait_ready(app)
            walked = subprocess.run(
                [SYSTEM_PYTHON, str(ROOT / "tests/accessibility/atspi_walk.py"), APP_NAME, screen],
                env=bus,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert walked.returncode == 0, walked.stderr[-2000:]
            for found in json.loads(walked.stdout):
                problems.append(f"{found['problem']}: {found['where']}")
        app.stdin.write("quit\n")
        app.stdin.flush()
        app.wait(30)
    finally:
        if app.poll() is None:
            app.kill()
    assert list(dict.fromkeys(problems)) == [], "\n".join(dict.fromkeys(problems))
