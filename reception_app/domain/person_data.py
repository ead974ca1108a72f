"""Everything held about one person, as plain values (subject access, DOMAIN.md 9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RecordSet:
    """One kind of record: a title, the column names and one row of text per record."""

    key: str
    """File name stem in the export, e.g. 'visits'."""
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class PersonData:
    contact_id: int
    full_name: str
    office_name: str
    large_print_size: int | None
    """Points when their record asks for large print, else None."""
    produced_at: datetime
    sets: tuple[RecordSet, ...]
    files: tuple[str, ...] = field(default=())
    """Letter files still kept, to put in the export beside the data."""

    def count(self, key: str) -> int:
        return next((len(s.rows) for s in self.sets if s.key == key), 0)


@dataclass(frozen=True, slots=True)
class ErasurePlan:
    """What erasing a contact would remove, or why it cannot be done yet."""

    contact_id: int
    full_name: str
    counts: dict[str, int]
    blockers: tuple[str, ...]
    files: int

    def describe(self) -> str:
        parts = [f"{n} {_noun(key, n)}" for key, n in self.counts.items() if n]
        text = (
            f"This removes {self.full_name}'s contact record (name, phone, e-mail, address, "
            "needs and notes)"
        )
        if parts:
            text += " and the personal details on " + ", ".join(parts)
        if self.files:
            text += f", and deletes {self.files} letter file{'s' if self.files != 1 else ''}"
        return text + ". Anonymous statistics stay. This cannot be undone."


NOUNS: dict[str, tuple[str, str]] = {
    "visits": ("visit", "visits"),
    "appointments": ("appointment", "appointments"),
    "messages": ("phone message", "phone messages"),
    "correspondence": ("piece of correspondence", "pieces of correspondence"),
    "feedback": ("piece of feedback", "pieces of feedback"),
    "incidents": ("incident", "incidents"),
    "letters": ("letter sent", "letters sent"),
    "notifications": ("text or e-mail", "texts and e-mails"),
}


def _noun(key: str, count: int) -> str:
    one, many = NOUNS.get(key, (key, key))
    return one if count == 1 else many
