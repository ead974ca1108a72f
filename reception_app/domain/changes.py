"""What changed in the office's data, as every screen understands it (the live-refresh notices).

A unit of work that writes names the kinds of data it touched; every desk, the kiosk and the
display hear of it within a second and reload only what shows those kinds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Topic(StrEnum):
    QUEUE = "queue"
    APPOINTMENTS = "appointments"
    ROOMS = "rooms"
    MESSAGES = "messages"
    CORRESPONDENCE = "correspondence"
    CONTACTS = "contacts"
    SETTINGS = "settings"
    """Office facts, desks, services, staff, rota, standards: nearly every screen shows some."""
    NOTIFICATIONS = "notifications"
    """Texts and e-mails queued, sent, delivered or failed (the outbox)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One committed unit of work: its place in the office's change log and what it touched."""

    id: int
    topics: frozenset[Topic]

    def to_text(self) -> str:
        return ",".join(sorted(self.topics))

    @staticmethod
    def topics_from_text(text: str) -> frozenset[Topic]:
        """The topics written by ``to_text``; a name this version does not know is left out."""
        known = {t.value for t in Topic}
        return frozenset(Topic(name) for name in text.split(",") if name in known)


def everything() -> frozenset[Topic]:
    """What a screen reloads after it lost the connection and could not hear the notices."""
    return frozenset(Topic)


def merge(changes: Iterable[Change]) -> frozenset[Topic]:
    return frozenset(topic for change in changes for topic in change.topics)
