"""Running work in real threads released at the same moment (two desks acting at once)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def in_threads(*work: Callable[[], T]) -> list[T | BaseException]:
    """Run each callable in its own thread, released together; results in the same order."""
    barrier = threading.Barrier(len(work))
    results: list[T | BaseException] = [RuntimeError("not run")] * len(work)

    def run(i: int, fn: Callable[[], T]) -> None:
        barrier.wait()
        try:
            results[i] = fn()
        except BaseException as exc:  # noqa: BLE001 - handed back to the test
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(work)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results
