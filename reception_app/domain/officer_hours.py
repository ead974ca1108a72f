"""An officer's working time on a day: the office's opening hours inside their pattern.

Times are minutes after local midnight, as the timeline draws them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import time

from reception_app.domain.shifts import Shift

Span = tuple[int, int]
"""(start, end) in minutes after local midnight."""

NOT_WORKING = "Not working"


def clock_minutes(text: str) -> int:
    """'13:15' -> 795."""
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def intersect(spans: Sequence[Span], limits: Sequence[Span]) -> tuple[Span, ...]:
    """The parts of ``spans`` inside ``limits`` (e.g. opening hours inside a working pattern)."""
    out = []
    for a, b in spans:
        for c, d in limits:
            s, e = max(a, c), min(b, d)
            if s < e:
                out.append((s, e))
    return tuple(sorted(out))


def officer_spans(
    weekday: int, opening: tuple[Span, ...], pattern: Iterable[Shift]
) -> tuple[tuple[Span, ...], str]:
    """(working spans, note) of an officer on a ``weekday`` (0 = Monday) the office is open
    ``opening``. ``pattern`` is their working periods: none at all means they work whenever
    the office is open; a weekday without a period is a day off ("Not working")."""
    lines = list(pattern)
    if not lines:
        return opening, ""
    mine = [(_minutes(s.start), _minutes(s.end)) for s in lines if s.weekday == weekday]
    if not mine:
        return (), NOT_WORKING
    return intersect(opening, mine), ""


def away_note(reason: str) -> str:
    """What an officer's column says on a day they are away: 'Away' or 'Away: Training'."""
    return "Away" + (f": {reason}" if reason else "")
