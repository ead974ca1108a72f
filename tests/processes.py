"""Several desks at once, as real processes: each opens its own engine on the same database and
runs one use-case, released together by a barrier (threads share one interpreter's locks and the
GIL; separate processes are what an office has).

Children come from a fork server that has imported the app once, so a child starts in tens of
milliseconds, with no engine, thread or Qt object inherited from the test process.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from multiprocessing.context import BaseContext, ForkServerContext
from typing import Any

_context: ForkServerContext | None = None

PRELOAD = [
    "reception_app.services.container",
    "reception_app.persistence.database",
    # what the desks' work imports on first use: without these every child imported them again
    # (Alembic, psycopg and the Notify client about 0.1-0.2 s each, on two cores shared by four)
    "reception_app.persistence.migrations",
    "reception_app.services.appointment_service",
    "reception_app.services.notifications.sender",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "tests.race_work",
]
"""Imported once by the fork server, so each child starts with them (tests/race_work.py also
configures the ORM mappers there)."""


def _context_now() -> BaseContext:
    """The fork server, except under ``faketime -f "@DATE"``: there a new process's clock starts
    at DATE when it starts, and a forked child's again at its parent's start, so children of a
    fork server started minutes earlier would run minutes behind this process. Then each child
    is spawned afresh, its clock starting at this process's faked time now, so desks agree
    about the time as with a real clock (a Notify token is dated by a child and checked here)."""
    if not os.environ.get("FAKETIME", "").startswith("@"):
        return _forkserver()
    os.environ["FAKETIME"] = "@" + time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime())
    return multiprocessing.get_context("spawn")


def _forkserver() -> ForkServerContext:
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


def _child(
    work: Callable[..., Any],
    url: str,
    now: str,
    index: int,
    args: tuple[Any, ...],
    barrier: Any,
    results: Any,
) -> None:
    try:
        from tests.race_work import desk_services

        if getattr(work, "opens_the_database", False):  # e.g. a desk's first start
            barrier.wait(timeout=60)
            outcome: Any = ("ok", work(url, datetime.fromisoformat(now), index, *args))
        else:
            services = desk_services(url, datetime.fromisoformat(now))
            barrier.wait(timeout=60)
            try:
                outcome = ("ok", work(services, index, *args))
            finally:
                services.database.dispose()
    except BaseException as exc:  # noqa: BLE001 - handed back to the test, with its traceback
        outcome = ("error", f"{type(exc).__name__}: {exc}", traceback.format_exc())
    results.put((index, outcome))


def in_processes(
    work: Callable[..., Any], url: str, now: datetime, each: Sequence[tuple[Any, ...]]
) -> list[tuple[Any, ...]]:
    """Run ``work(services, index, *each[index])`` in one process per entry of ``each``, all at
    once; each result is ``("ok", value)`` or ``("error", message, traceback)``, in order.
    ``work`` must be a module-level function (tests/race_work.py) so the child can import it;
    one marked ``opens_the_database`` gets ``(url, now, index, *args)`` and opens it itself."""
    context = _context_now()
    barrier = context.Barrier(len(each))
    results = context.Queue()
    children = [
        context.Process(target=_child, args=(work, url, now.isoformat(), i, args, barrier, results))
        for i, args in enumerate(each)
    ]
    for child in children:
        child.start()
    collected = dict(results.get(timeout=300) for _ in children)
    for child in children:
        child.join(timeout=60)
    return [collected[i] for i in range(len(each))]


def values(results: list[tuple[Any, ...]]) -> list[Any]:
    """The children's values; fails the test with every child's traceback if any failed."""
    errors = [r for r in results if r[0] != "ok"]
    assert not errors, "\n".join(f"{r[1]}\n{r[2]}" for r in errors)
    return [r[1] for r in results]
