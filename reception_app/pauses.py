"""Waiting a while on a background thread, unless told to stop (or woken) first."""

from __future__ import annotations

import threading
import time

STEP_SECONDS = 0.02
"""How often a pause looks at its event: the longest a stop or a wake-up can go unnoticed."""


def pause(event: threading.Event, seconds: float) -> bool:
    """Wait up to ``seconds`` or until ``event`` is set; True when it was set.

    Short sleeps rather than ``event.wait(seconds)``: a timed wait sets its deadline on the
    monotonic clock, and under faketime (the suite run with the clock years ahead) that clock is
    shifted while the kernel's wait is not, so such a wait never ends. ``time.sleep`` works
    there, and the cost is a wake-up every ``STEP_SECONDS`` while waiting."""
    end = time.monotonic() + seconds
    while not event.is_set():
        left = end - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(left, STEP_SECONDS))
    return True
