"""Start-up time: process start to the main window shown (offscreen), against a bare PySide6 window.

Prepares a database with 250 working days of sample data once, then starts each program
several times as a fresh process and times it from spawn to the line the child prints once its
window is shown. Reception shows its window first (locked) and opens the database on a worker
thread, so it also prints READY once the manager is signed in and the Today page is filled;
both are reported. Prints the medians and the ratio (goal: at most 2.5). A third program imports
the libraries the app is built on (SQLAlchemy ORM, holidays, argon2, phonenumbers) before the
bare window, to show how much of the difference is the stack itself rather than our code.

    .venv/bin/python benchmarks/startup.py [--runs 7] [--days 250]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Reception"))
window.resize(1200, 780)
window.show()
app.processEvents()
print("SHOWN", flush=True)
"""

FLOOR = """
import sys
# What any program on this stack pays before its own code runs: the libraries the app is built
# on, imported in the app's order, plus the bare window.
import sqlalchemy.orm, holidays, argon2, phonenumbers
holidays.country_holidays("GB", subdiv="ENG", years=2026)
from PySide6.QtWidgets import QApplication, QMainWindow, QLabel
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.setCentralWidget(QLabel("Reception"))
window.resize(1200, 780)
window.show()
app.processEvents()
print("SHOWN", flush=True)
"""

APP = """
import sys
from PySide6.QtWidgets import QApplication
from reception_app.app import open_desk
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.ui.theme import Theme

# The desk start-up of reception_app.app.run_gui, with the sign-in answered by the manager.
app = QApplication(sys.argv[:1])
paths = AppPaths.from_environment()
machine = MachineSettings.load(paths.machine_settings_file)
theme = Theme(app)
theme.apply(high_contrast=machine.high_contrast, large_text=machine.large_text)

def sign_in(state, window):
    office = state.services.office.active_office_key()
    return next(m for m in state.services.staff.list_staff(office) if m.is_manager)

def failed(exc):
    print("FAILED", exc, flush=True)
    app.quit()

window = open_desk(paths, machine, theme, None, failed, sign_in)
app.processEvents()
print("SHOWN", flush=True)

def opened(member):
    print("READY", flush=True)
    app.quit()

window.desk_opened.connect(opened)
app.exec()
"""


def time_child(code: str, env: dict[str, str], marker: str = "SHOWN") -> tuple[float, float]:
    """Seconds from spawn to the child's SHOWN line, and to its READY line (or SHOWN again)."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    shown = ready = None
    for line in process.stdout:
        word = line.strip()
        if word == "SHOWN" and shown is None:
            shown = time.perf_counter() - start
        elif word == "READY":
            ready = time.perf_counter() - start
        elif word.startswith("FAILED"):
            raise RuntimeError(word)
    process.wait()
    if shown is None:
        raise RuntimeError(f"child exited with {process.returncode} before showing its window")
    return shown, ready if ready is not None else shown


def prepare(home: Path, days: int, env: dict[str, str]) -> None:
    setup = f"""
from reception_app.app import start_services
from reception_app.database_choice import resolve_database_url
from reception_app.paths import AppPaths
paths = AppPaths.from_environment()
services = start_services(resolve_database_url(None, paths), paths)
manager = services.staff.create_first_manager("north-norfolk", "Bench Manager", "bench",
                                              "bench-password", "bench-password")
services.office.set_active_office("north-norfolk", manager)
summary = services.demo.fill("north-norfolk", {days}, seed=1)
print(summary)
"""
    subprocess.run([sys.executable, "-c", setup], check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--days", type=int, default=250)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, RECEPTION_HOME=folder, QT_QPA_PLATFORM="offscreen")
        env.pop("RECEPTION_DB_URL", None)
        prepare(Path(folder), args.days, env)
        for code in (BARE, FLOOR, APP):  # warm the file cache for all three
            time_child(code, env)
        bare, floor, full, ready = [], [], [], []
        for _ in range(args.runs):  # interleaved so drift hits all alike
            bare.append(time_child(BARE, env)[0])
            floor.append(time_child(FLOOR, env)[0])
            shown_at, ready_at = time_child(APP, env)
            full.append(shown_at)
            ready.append(ready_at)
        size = (Path(folder) / "data" / "reception.sqlite3").stat().st_size
    bare_median, app_median = statistics.median(bare), statistics.median(full)
    floor_median = statistics.median(floor)
    print(f"database: {args.days} working days of sample data, {size / 1e6:.1f} MB")
    print(
        f"bare PySide6 window : median {bare_median * 1000:7.0f} ms  (min {min(bare) * 1000:.0f})"
    )
    print(
        f"Reception main window shown: median {app_median * 1000:7.0f} ms  (min {min(full) * 1000:.0f})"
    )
    ready_median = statistics.median(ready)
    print(
        f"Reception ready (signed in, Today filled): median {ready_median * 1000:7.0f} ms  "
        f"(min {min(ready) * 1000:.0f})"
    )
    print(
        f"libraries + bare window: median {floor_median * 1000:6.0f} ms  (min {min(floor) * 1000:.0f})"
    )
    print(f"ratio to the bare window: {app_median / bare_median:.2f}  (goal: at most 2.5)")
    print(f"ready, ratio to libraries + bare window: {ready_median / floor_median:.2f}")


if __name__ == "__main__":
    main()
