"""Several desks, kiosks, a clerk, a manager and the display at once, as real processes.

For each engine (a throw-away PostgreSQL server, and one SQLite file) and each mode (realistic:
seconds between actions; stress: no pause), for ``--seconds``:

- desks call the next visitor, start serving and finish them;
- kiosks check visitors in;
- a clerk logs correspondence and pauses and resumes a subject access request's clock;
- a manager changes channels' standards and a setting;
- a desk books officer appointments at random free-looking times;
- a display and another desk each listen for changes (persistence/change_feed.py) and re-read
  who is at the desks, recording when each call first appears.

Then it prints per engine and mode: actions per second, errors by kind, duplicate tickets,
shared queue positions, double bookings, lost updates (every process records what it wrote and
the script checks the database afterwards), visitors called twice, SQL statements per desk
action, and the time from a call at one desk until it appears on another desk and on the
display (p50 / p95 / max). The baseline in the same run is the same workload with one desk and
one kiosk only.

    .venv/bin/python benchmarks/desks.py [--seconds 20] [--engines postgresql,sqlite]
        [--modes stress,realistic]
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import desks_work as work  # noqa: E402

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)  # a Tuesday morning: the office is open


@dataclass
class Scenario:
    engine: str
    mode: str
    desks: int
    kiosks: int
    label: str = ""


@dataclass
class Outcome:
    scenario: Scenario
    seconds: float
    results: list[dict[str, Any]] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)


def _run(scenario: Scenario, url: str, seconds: float) -> Outcome:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["benchmarks.desks_work"])
    pause = (0.5, 2.0) if scenario.mode == "realistic" else (0.0, 0.0)
    roles: list[tuple[str, tuple[Any, ...]]] = []
    roles += [("desk", (f"D{i + 1}", pause)) for i in range(scenario.desks)]
    roles += [("kiosk", (pause,)) for _ in range(scenario.kiosks)]
    roles += [("clerk", (pause,)), ("manager", (pause,)), ("booker", (pause,))]
    roles += [("watcher", ("display",)), ("watcher", ("other desk",))]
    start_at = time.time() + 3.0  # every process starts its clock together
    queue = context.Queue()
    children = [
        context.Process(
            target=work.run_role, args=(role, args, url, NOW, start_at, seconds, queue, i)
        )
        for i, (role, args) in enumerate(roles)
    ]
    for child in children:
        child.start()
    results = [queue.get(timeout=seconds + 120) for _ in children]
    for child in children:
        child.join(timeout=30)
    outcome = Outcome(scenario, seconds, results)
    outcome.checks = work.check_database(url, results)
    return outcome


def _latencies(results: list[dict[str, Any]], watcher: str) -> list[float]:
    called: dict[str, float] = {}
    for result in results:
        called.update(result.get("called_at", {}))
    seen = next((r["seen_at"] for r in results if r.get("watcher") == watcher), {})
    return sorted(seen[t] - called[t] for t in seen if t in called and seen[t] >= called[t])


def _percentiles(values: list[float]) -> str:
    if not values:
        return "no calls seen"
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return (
        f"p50 {statistics.median(values) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"max {values[-1] * 1000:.0f} ms ({len(values)} calls)"
    )


def report(outcome: Outcome) -> bool:
    s = outcome.scenario
    actions = sum(r.get("actions", 0) for r in outcome.results)
    errors: Counter[str] = Counter()
    for r in outcome.results:
        errors.update(r.get("errors", {}))
    statements = [
        r["statements"] / r["actions"]
        for r in outcome.results
        if r.get("role") == "desk" and r.get("actions")
    ]
    print(f"\n== {s.engine}, {s.mode}: {s.desks} desks + {s.kiosks} kiosks{s.label} ==")
    print(
        f"actions per second: {actions / outcome.seconds:.1f} ({actions} in {outcome.seconds:.0f} s)"
    )
    print(f"errors: {dict(errors) or 0}")
    for name, value in outcome.checks.items():
        print(f"{name}: {value}")
    if statements:
        print(
            f"SQL statements per desk action: {statistics.mean(statements):.1f} "
            f"(max {max(statements):.1f})"
        )
    display, other = (
        _latencies(outcome.results, "display"),
        _latencies(outcome.results, "other desk"),
    )
    print(f"call -> display: {_percentiles(display)}")
    print(f"call -> another desk: {_percentiles(other)}")
    bad = sum(errors.values()) + sum(outcome.checks.values())
    return bad == 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--engines", default="postgresql,sqlite")
    parser.add_argument("--modes", default="stress,realistic")
    args = parser.parse_args()
    engines, modes = args.engines.split(","), args.modes.split(",")
    server = None
    ok = True
    try:
        for engine in engines:
            if engine == "postgresql":
                from tests.postgres_server import PostgresServer

                server = PostgresServer.start()
            for mode in modes:
                desks, kiosks = (10, 3) if engine == "postgresql" else (4, 2)
                for scenario in (
                    Scenario(engine, mode, 1, 1, " (baseline)"),
                    Scenario(engine, mode, desks, kiosks),
                ):
                    url = _fresh(engine, server)
                    work.prepare(url, NOW, scenario.desks)
                    ok &= report(_run(scenario, url, args.seconds))
            if server is not None:
                server.stop()
                server = None
    finally:
        if server is not None:
            server.stop()
    print(
        "\ngoal (0 errors, duplicates, double bookings, lost updates): "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


_count = 0


def _fresh(engine: str, server: Any) -> str:
    global _count
    _count += 1
    if engine == "postgresql":
        return server.create_database(f"bench{_count}").render_as_string(hide_password=False)
    folder = Path(tempfile.mkdtemp(prefix="reception-desks-"))
    return f"sqlite:///{folder / 'office.sqlite3'}"


if __name__ == "__main__":
    raise SystemExit(main())
