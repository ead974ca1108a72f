"""Texts through the outbox and the background sender, against the stand-in Notify API.

The real notifications-python-client sends to tests/notify_standin.py on 127.0.0.1 (JWT checked
on every request), on a SQLite file. It prints:

- sends per second for 1,000 queued texts (the sender unpaced, and as shipped: paced to stay
  under Notify's 3,000 requests a minute), and the baseline in the same run: the client alone
  posting 1,000 texts to the stand-in, with no database;
- the time from a "call" at the desk (call_next, which queues the text in its transaction) to
  the stand-in receiving the text, p50 and p95 over 100 calls, with the sender already running;
- the GUI thread's stalls while the 1,000 are sent (unpaced, and paced as shipped): a 5 ms
  timer on a Qt event loop, its longest gap, 99th percentile and gaps over 50 ms, against the
  same timer with nothing sending (the baseline); and the garbage collections meanwhile, which
  stop every thread (``--no-freeze`` leaves out the desk's ``gc.freeze()`` after start-up).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/notify.py [--count 1000] [--calls 100]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from notifications_python_client.notifications import NotificationsAPIClient  # noqa: E402

from reception_app.domain.notifications import Channel, NotificationKind  # noqa: E402
from reception_app.gc_tuning import freeze_start_up_objects  # noqa: E402
from reception_app.persistence.database import open_database  # noqa: E402
from reception_app.persistence.engine import sqlite_url, transaction  # noqa: E402
from reception_app.persistence.office_repository import get_office  # noqa: E402
from reception_app.seams import Seams  # noqa: E402
from reception_app.services.container import AppServices  # noqa: E402
from reception_app.services.notifications import queue_notification  # noqa: E402
from reception_app.services.notifications.config import NotifyConfig  # noqa: E402
from reception_app.services.notifications.outbox import set_office_channels  # noqa: E402
from reception_app.services.notifications.sender import NotificationSender  # noqa: E402
from reception_app.services.queue import CheckInRequest  # noqa: E402
from tests.notify_standin import (  # noqa: E402
    EMAIL_TEMPLATE,
    SMS_TEMPLATE,
    TEST_KEY,
    NotifyStandIn,
)

START = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)  # a Tuesday morning: the office is open


def moving_clock() -> Callable[[], datetime]:
    """Tuesday 10:30 plus the real time since the benchmark started."""
    began = time.monotonic()
    return lambda: START + timedelta(seconds=time.monotonic() - began)


def office(folder: Path, clock: Callable[[], datetime]) -> AppServices:
    from argon2 import PasswordHasher

    db = open_database(sqlite_url(folder / "bench.sqlite3"), backup_dir=None, now=START)
    services = AppServices.create(
        db, seams=Seams(clock, PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
    )
    services.office.seed_shipped_profiles()
    member = services.staff.create_first_manager(
        "hellesdon", "Bench Manager", "bench", "bench pass 1", "bench pass 1"
    )
    services.office.set_active_office("hellesdon", member)
    with transaction(db.session_factory) as session:
        set_office_channels(session, get_office(session, "hellesdon").id, frozenset({Channel.SMS}))
    return services


def queue_many(services: AppServices, count: int) -> None:
    factory = services.database.session_factory
    for start in range(0, count, 100):
        with transaction(factory) as session:
            office_ = get_office(session, "hellesdon")
            for n in range(start, min(start + 100, count)):
                queue_notification(
                    session,
                    office=office_,
                    kind=NotificationKind.CALLED,
                    channel=Channel.SMS,
                    address=f"07700 9{n % 100000:05d}",
                    values={"ticket": f"G{n:03d}", "desk": "Desk 1"},
                    now=services.context.clock(),
                )


class GcMeter:
    """How long each garbage collection stopped every thread (gc.callbacks), by generation."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._began = 0.0
        gc.callbacks.append(self._seen)

    def _seen(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self._began) * 1000)

    def reset(self) -> None:
        for found in self.pauses.values():
            found.clear()

    def longest(self) -> str:
        return ", ".join(
            f"gen{g} {max(p):.1f} ms ({len(p)}x)" if p else f"gen{g} none"
            for g, p in self.pauses.items()
        )


class StallMeter:
    """A 5 ms timer on the Qt event loop: the longest gap beyond 5 ms is the GUI's worst stall;
    ``gaps`` keeps every gap, for the 99th percentile and the count over 50 ms."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.app = QApplication.instance() or QApplication([])
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0
        self.gaps: list[float] = []

    def _tick(self) -> None:
        now = time.perf_counter()
        gap = now - self.last - 0.005
        self.gaps.append(gap * 1000)
        self.worst = max(self.worst, gap)
        self.last = now

    def summary(self) -> str:
        ordered = sorted(self.gaps) or [0.0]
        p99 = ordered[int(0.99 * (len(ordered) - 1))]
        over = sum(1 for g in ordered if g > 50)
        return f"longest {ordered[-1]:.1f} ms, p99 {p99:.1f} ms, {over} over 50 ms"

    def run_until(self, done: Callable[[], bool], limit: float = 300) -> float:
        self.worst, self.last = 0.0, time.perf_counter()
        self.gaps = []
        self.timer.start()
        deadline = time.monotonic() + limit
        while not done() and time.monotonic() < deadline:
            self.app.processEvents()
            time.sleep(0.001)
        self.timer.stop()
        return self.worst * 1000


def client_baseline(standin: NotifyStandIn, count: int) -> float:
    client = NotificationsAPIClient(TEST_KEY, base_url=standin.base_url)  # type: ignore[no-untyped-call]
    began = time.perf_counter()
    for n in range(count):
        client.send_sms_notification(  # type: ignore[no-untyped-call]
            f"07700 9{n:05d}", SMS_TEMPLATE, {"body": "Baseline"}, f"base-{n}"
        )
    return count / (time.perf_counter() - began)


def throughput(
    folder: Path,
    standin: NotifyStandIn,
    count: int,
    per_second: float,
    meter: StallMeter,
    gc_meter: GcMeter,
    freeze: bool,
) -> tuple[float, str, str]:
    clock = moving_clock()
    services = office(folder, clock)
    queue_many(services, count)
    if freeze:
        freeze_start_up_objects()  # as the desk does once it has started (app.py)
    gc_meter.reset()
    config = NotifyConfig(TEST_KEY, SMS_TEMPLATE, EMAIL_TEMPLATE, standin.base_url)
    standin.reset()
    sender = NotificationSender(
        services.database.session_factory,
        "hellesdon",
        lambda: config,
        clock=clock,
        per_second=per_second,
        batch=50,
    )
    began = time.perf_counter()
    sender.start()
    meter.run_until(lambda: len(standin.received) >= count)
    rate = len(standin.received) / (time.perf_counter() - began)
    sender.stop()
    services.database.dispose()
    gc.unfreeze()
    return rate, meter.summary(), gc_meter.longest()


def call_latency(folder: Path, standin: NotifyStandIn, calls: int, freeze: bool) -> list[float]:
    clock = moving_clock()
    services = office(folder, clock)
    if freeze:
        freeze_start_up_objects()
    member = services.staff.sign_in("bench", "bench pass 1")
    queue = services.queue()
    for n in range(calls):
        queue.check_in(None, CheckInRequest("general", f"V{n}", mobile=f"07700 9{n:05d}"))
    config = NotifyConfig(TEST_KEY, SMS_TEMPLATE, EMAIL_TEMPLATE, standin.base_url)
    standin.reset()
    sender = NotificationSender(
        services.database.session_factory, "hellesdon", lambda: config, clock=clock
    )
    sender.start()
    time.sleep(0.3)
    latencies = []
    for _ in range(calls):
        began = time.monotonic()
        visit = queue.call_next(member, "R1")
        assert visit is not None
        wanted = f"ticket {visit.ticket}, it is your turn"
        while not any(wanted in r.body for r in standin.received) and time.monotonic() - began < 10:
            time.sleep(0.0005)
        got = next(r.received_at for r in standin.received if wanted in r.body)
        latencies.append((got - began) * 1000)
        queue.mark_served(member, visit.ticket, resolved_first_contact=True)
    sender.stop()
    services.database.dispose()
    gc.unfreeze()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument(
        "--no-freeze", action="store_true", help="leave out the desk's gc.freeze() after start-up"
    )
    args = parser.parse_args()
    freeze = not args.no_freeze
    standin = NotifyStandIn().start()
    meter, gc_meter = StallMeter(), GcMeter()
    try:
        meter.run_until(lambda: False, limit=3)
        idle = meter.summary()
        baseline = client_baseline(standin, args.count)
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["RECEPTION_HOME"] = tmp
            runs = {
                label: throughput(
                    Path(tmp) / label, standin, args.count, rate, meter, gc_meter, freeze
                )
                for label, rate in (("unpaced", 0.0), ("paced", 45.0))
            }
            latencies = sorted(call_latency(Path(tmp) / "c", standin, args.calls, freeze))
    finally:
        standin.stop()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    raw, paced = runs["unpaced"][0], runs["paced"][0]
    print(f"gc.freeze() after start-up: {'yes' if freeze else 'no'}")
    print(f"baseline: the client alone posts {baseline:.0f} texts/s to the stand-in")
    print(
        f"sender, unpaced: {raw:.0f} texts/s for {args.count} queued ({raw / baseline:.2f}x the client alone)"
    )
    print(f"sender, as shipped (paced to 45/s): {paced:.1f} texts/s for {args.count} queued")
    print(
        f"call at the desk -> text at the stand-in: p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, max {latencies[-1]:.1f} ms ({args.calls} calls)"
    )
    print(f"GUI thread stalls, idle 3 s: {idle}")
    for label, (_rate, stalls, pauses) in runs.items():
        print(f"GUI thread stalls while {args.count} are sent {label}: {stalls}")
        print(f"  garbage collections meanwhile (every thread stopped): {pauses}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
