"""Live screens under load: how long the GUI thread stalls while other processes write.

One desk window (on Today, hearing changes through the change hub) and the "now serving"
display run in this process, offscreen, on one database; meanwhile ``--desks`` desks call and
serve and ``--kiosks`` kiosks check visitors in, as real processes (benchmarks/desks_work.py),
for ``--seconds``, in the stress mode (no pause) and the realistic one (seconds between
actions). Every piece of the live screens' work on the GUI thread is timed (the hub taking and telling
changes, choosing what to re-read, showing what a worker read, a re-read done on the GUI
thread): the longest is the longest stall they cause. It prints per engine and mode: the longest stall, the 99th percentile, stalls over 50 ms, the
re-reads made, and the time from a call at another desk until it shows on this display.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/live.py [--seconds 15]
        [--engines postgresql,sqlite] [--modes stress,realistic] [--desks 4] [--kiosks 2]
        [--page Appointments --bookers 2] [--page Correspondence --clerks 2]

``--page`` puts the desk window on another page (Appointments, Rooms, Correspondence, ...);
``--bookers`` book appointments and ``--clerks`` log correspondence and pause a clock, so that
page has changes to re-read.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_NO_GLIB", "1")  # as reception_app.app.run_gui starts Qt
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import desks_work as work  # noqa: E402
from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from reception_app.machine_settings import MachineSettings  # noqa: E402
from reception_app.paths import AppPaths  # noqa: E402
from reception_app.persistence.database import Database  # noqa: E402
from reception_app.persistence.engine import make_engine, make_session_factory  # noqa: E402
from reception_app.seams import Seams  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402
from reception_app.ui import display_window  # noqa: E402
from reception_app.ui.desk_state import DeskState  # noqa: E402
from reception_app.ui.display_window import DisplayReading, DisplayWindow  # noqa: E402
from reception_app.ui.live_desk import go_live  # noqa: E402
from reception_app.ui.main_window import PAGES, MainWindow  # noqa: E402
from reception_app.ui.pages.page import Page  # noqa: E402

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)  # a Tuesday morning: the office is open


STALLS: list[float] = []
"""How long each piece of GUI-thread work of the live screens took (while measuring)."""
CPU: list[float] = []
"""The GUI thread's own CPU time in each (the rest of a stall is waiting for a core: the
machine has few, shared with the writers and the server)."""
MEASURING = [False]


def _timed(owner: type, name: str) -> None:
    """Time ``owner.name`` each time it runs (on the GUI thread: the hub taking and telling
    changes, the desk choosing what to re-read, showing a reading, a GUI-thread re-read)."""
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started, cpu = time.perf_counter(), time.thread_time()
        try:
            return original(*args, **kwargs)
        finally:
            if MEASURING[0]:
                STALLS.append(time.perf_counter() - started)
                CPU.append(time.thread_time() - cpu)

    setattr(owner, name, timed)


def _time_the_gui_work() -> None:
    from reception_app.ui.changes import ChangeHub
    from reception_app.ui.live import LiveReload
    from reception_app.ui.live_desk import DeskLive

    for owner, name in (
        (ChangeHub, "_take"),
        (ChangeHub, "_flush"),
        (DeskLive, "changed"),
        (LiveReload, "_done"),
        (LiveReload, "_next"),
    ):
        _timed(owner, name)


def _gui(
    url: str, paths: AppPaths, page: str, gui_reads: bool
) -> tuple[MainWindow, DisplayWindow, dict[str, float]]:
    parsed = make_url(url)
    engine = make_engine(parsed)
    database = Database(parsed, engine, make_session_factory(engine))
    services = AppServices.create(database, seams=Seams(lambda: NOW, work._HASHER))
    state = DeskState(services, paths, MachineSettings(desk_key="D1"))
    state.actor = services.staff.sign_in(work.USER, work.PASSWORD)
    window = MainWindow(state)
    window.resize(1366, 768)
    window.show()
    index = next(i for i, (title, _) in enumerate(PAGES) if title == page)
    if gui_reads:  # as before the page read off the GUI thread: to compare
        type(window.page(index)).live_reading = Page.live_reading  # type: ignore[method-assign]
    window.show_page(index)
    hub = go_live(window)
    display = DisplayWindow(services)
    display_window.chime()  # the first chime loads the audio library: not what is measured
    display.listen(hub)
    display.show()
    seen: dict[str, float] = {}
    shown = display.show_reading

    def show_and_note(reading: DisplayReading) -> None:
        now = time.time()
        for visit in reading.at_desks:
            seen.setdefault(visit.ticket, now)
        shown(reading)

    display.show_reading = show_and_note  # type: ignore[method-assign]
    return window, display, seen


def _start_measuring() -> None:
    STALLS.clear()
    CPU.clear()
    MEASURING[0] = True


def run(engine: str, mode: str, url: str, args: argparse.Namespace) -> dict[str, Any]:
    work.prepare(url, NOW, args.desks + 1)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    paths = AppPaths.from_environment()
    window, display, seen = _gui(url, paths, args.page, args.gui_reads)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["desks_work"])
    pause = (0.5, 2.0) if mode == "realistic" else (0.0, 0.0)
    roles: list[tuple[str, tuple[Any, ...]]] = [
        ("desk", (f"D{i + 2}", pause)) for i in range(args.desks)
    ] + [("kiosk", (pause,)) for _ in range(args.kiosks)]
    roles += [("booker", (pause,)) for _ in range(args.bookers)]
    roles += [("clerk", (pause,)) for _ in range(args.clerks)]
    start_at = time.time() + 3.0
    queue = context.Queue()
    children = [
        context.Process(
            target=work.run_role, args=(role, a, url, NOW, start_at, args.seconds, queue, i)
        )
        for i, (role, a) in enumerate(roles)
    ]
    for child in children:
        child.start()
    QTimer.singleShot(int((start_at - time.time()) * 1000), _start_measuring)
    QTimer.singleShot(int((start_at - time.time() + args.seconds) * 1000), app.quit)
    app.exec()  # as the desk runs (run_gui)
    MEASURING[0] = False
    stalls = sorted(STALLS)
    results = [queue.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=30)
    reads = window.live.reload_of(window.current_page()).reads + display.live.reads
    hub = window.state.hub
    if hub is not None:
        hub.stop()
    window.close()
    display.close()
    app.processEvents()
    window.state.services.database.dispose()
    called: dict[str, float] = {}
    for result in results:
        called.update(result.get("called_at", {}))
    latencies = sorted(seen[t] - called[t] for t in seen if t in called and seen[t] >= called[t])
    return {
        "engine": engine,
        "mode": mode,
        "page": args.page + (" (GUI-thread reads)" if args.gui_reads else ""),
        "stalls": stalls,
        "cpu": sorted(CPU),
        "reads": reads,
        "actions": sum(r["actions"] for r in results),
        "latencies": latencies,
    }


def _ms(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(round(share * (len(values) - 1))))] * 1000


def report(outcome: dict[str, Any], seconds: float) -> None:
    stalls, latencies = outcome["stalls"], outcome["latencies"]
    over = sum(1 for s in stalls if s > 0.050)
    print(
        f"\n{outcome['engine']}, {outcome['mode']}, {outcome['page']}: "
        f"{outcome['actions']} writes by others"
    )
    print(
        f"  GUI-thread stall: max {_ms(stalls, 1.0):.0f} ms, p99 {_ms(stalls, 0.99):.0f} ms, "
        f"over 50 ms: {over}; re-reads {outcome['reads']} ({outcome['reads'] / seconds:.1f}/s)"
    )
    print(f"  of which the GUI thread's own CPU time: max {_ms(outcome['cpu'], 1.0):.0f} ms")
    if latencies:
        print(
            f"  call at another desk -> this display: p50 {statistics.median(latencies) * 1000:.0f}"
            f" ms, p95 {_ms(latencies, 0.95):.0f} ms, max {_ms(latencies, 1.0):.0f} ms "
            f"({len(latencies)} calls)"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--modes", default="stress,realistic")
    parser.add_argument("--desks", type=int, default=4)
    parser.add_argument("--kiosks", type=int, default=2)
    parser.add_argument("--page", default="Today", help="the page the desk window shows")
    parser.add_argument("--bookers", type=int, default=0)
    parser.add_argument("--clerks", type=int, default=0)
    parser.add_argument(
        "--gui-reads", action="store_true", help="the page re-reads on the GUI thread (compare)"
    )
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "MODE", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    os.environ.setdefault("RECEPTION_HOME", tempfile.mkdtemp(prefix="reception-live-"))
    if args.one:  # one engine and mode, in a process of its own (a fresh Qt and thread pool)
        _time_the_gui_work()
        engine, mode, url = args.one
        report(run(engine, mode, url, args), args.seconds)
        return 0
    server = None
    try:
        for number, engine in enumerate(args.engines.split(",")):
            if engine == "postgresql":
                from tests.postgres_server import PostgresServer

                server = PostgresServer.start()
            for mode in args.modes.split(","):
                if server is not None:
                    url = server.create_database(f"live{number}{mode}")
                    text = str(url.render_as_string(hide_password=False))
                else:
                    folder = Path(tempfile.mkdtemp(prefix="reception-live-"))
                    text = f"sqlite:///{folder / 'office.sqlite3'}"
                names = ("seconds", "desks", "kiosks", "page", "bookers", "clerks")
                own = [f"--{k}={getattr(args, k)}" for k in names]
                own += ["--gui-reads"] if args.gui_reads else []
                command = [sys.executable, __file__, *own, "--one", engine, mode, text]
                subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
            if server is not None:
                server.stop()
                server = None
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
