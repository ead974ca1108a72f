"""A line of a weekly rota or working pattern: a weekday and the times, office-local."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time


@dataclass(frozen=True, slots=True, order=True)
class Shift:
    """On ``weekday`` (0 = Monday) from ``start`` to ``end``, office-local wall-clock times.

    A desk's rota line (who sits there is kept beside it) or an officer's working period. Ordered
    by weekday, then start, then end, which is how rotas are listed.
    """

    weekday: int
    start: time
    end: time

    @classmethod
    def from_text(cls, weekday: int, start: str, end: str) -> Shift:
        """From times written 'HH:MM' (as they are stored); ValueError for any other text."""
        return cls(weekday, _hhmm(start), _hhmm(end))

    @property
    def start_text(self) -> str:
        return f"{self.start:%H:%M}"

    @property
    def end_text(self) -> str:
        return f"{self.end:%H:%M}"

    @property
    def span_text(self) -> str:
        """'09:30-12:30', as the rota and the officers' hours are typed."""
        return f"{self.start_text}-{self.end_text}"

    def covers(self, moment: time) -> bool:
        """Whether ``moment`` (a time of day on this shift's weekday) falls inside it."""
        return self.start <= moment < self.end


def _hhmm(text: str) -> time:
    return datetime.strptime(text, "%H:%M").time()
