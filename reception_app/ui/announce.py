"""Telling a screen reader what changed on a live screen, without moving the focus: the queue
changes while the receptionist is typing elsewhere (issue 13 point 14)."""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget


class Announcer:
    """``say(text)`` asks the screen reader to read ``text`` once it has finished what it is
    reading (polite); ``said`` keeps the last few, newest last."""

    KEPT = 20

    def __init__(self, widget: QWidget) -> None:
        self._widget = widget
        self.said: list[str] = []

    def say(self, text: str) -> None:
        if not text:
            return
        self.said = [*self.said, text][-self.KEPT :]
        event = QAccessibleAnnouncementEvent(self._widget, text)
        event.setPoliteness(QAccessible.AnnouncementPoliteness.Polite)
        QAccessible.updateAccessibility(event)


def queue_change_words(before: list[str] | None, after: list[str]) -> str:
    """What a listener needs to hear when the waiting tickets go from ``before`` to ``after``:
    'G004 joined the queue. 3 waiting.', 'G002 left the queue. 1 waiting.', or '' when nothing
    changed (or this is the first reading: ``before`` None)."""
    if before is None or before == after:
        return ""
    joined = [t for t in after if t not in before]
    left = [t for t in before if t not in after]
    parts = []
    if joined:
        parts.append(f"{_tickets(joined)} joined the queue.")
    if left:
        parts.append(f"{_tickets(left)} left the queue.")
    count = len(after)
    parts.append("Nobody is waiting." if not count else f"{count} waiting.")
    return " ".join(parts)


def _tickets(tickets: list[str]) -> str:
    return tickets[0] if len(tickets) == 1 else f"{', '.join(tickets[:-1])} and {tickets[-1]}"
