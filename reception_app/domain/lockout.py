"""Sign-in lockout (issue 12): after a few wrong passwords for one user name, known or not,
further tries wait, longer each time, until the wait is over or a manager unlocks the name."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_TRIES = 5
"""Wrong passwords allowed before a user name has to wait."""
FIRST_WAIT = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=1)
USERNAME_KEPT = 120
"""Longest user name remembered (typed names are cut to this; the accounts' names are 40)."""


@dataclass(frozen=True, slots=True)
class Attempts:
    """Wrong passwords in a row for one user name, and until when it must wait."""

    failures: int = 0
    locked_until: datetime | None = None

    def waiting(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime) -> Attempts:
        """One more wrong password: from the FREE_TRIES-th on, wait FIRST_WAIT, doubling each
        time (up to LONGEST_WAIT)."""
        failures = self.failures + 1
        if failures < FREE_TRIES:
            return Attempts(failures, None)
        wait = min(FIRST_WAIT * 2 ** (failures - FREE_TRIES), LONGEST_WAIT)
        return Attempts(failures, now + wait)


def lock_key(username: str) -> str:
    """How a typed user name is remembered: trimmed, lower case, characters that do not print
    escaped (\\x1b: what is stored and logged is always text), cut to USERNAME_KEPT."""
    typed = username.strip().lower()
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in typed)[:USERNAME_KEPT]


def wait_words(until: datetime, now: datetime) -> str:
    """'in 5 minutes' / 'in 1 minute' / 'in under a minute': how long is left, rounded up."""
    seconds = max(0, int((until - now).total_seconds()))
    minutes = -(-seconds // 60)
    if seconds < 60:
        return "in under a minute"
    return f"in {minutes} minute{'s' if minutes != 1 else ''}"


def locked_message(until: datetime, now: datetime, local_time: str) -> str:
    return (
        f"Too many wrong passwords for this user name. Try again {wait_words(until, now)} "
        f"(at {local_time}), or ask a manager to unlock it in Settings > Staff."
    )
