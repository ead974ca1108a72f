"""The audit page's question (issue 12): which log entries, by whom, about whom, when."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reception_app.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Every part is optional; all given parts must hold. Days are office-local (London)."""

    staff_id: int | None = None
    """Done by this member of staff."""
    contact_id: int | None = None
    """About this person: their contact record or any record held for them."""
    entity: str = ""
    """About this kind of record ('visit', 'appointment', ...), with ``entity_id`` one of them."""
    entity_id: int | None = None
    start: date | None = None
    end: date | None = None

    def checked(self) -> AuditFilter:
        if self.start and self.end and self.end < self.start:
            raise ValidationError("The last day is before the first day.", "end")
        if self.entity_id is not None and not self.entity:
            raise ValidationError("Choose which kind of record the number belongs to.", "entity")
        return self


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    staff_name: str
    action: str
    entity: str
    entity_id: int | None
    summary: str


AUDIT_HEADERS = ("When (UTC)", "Who", "Action", "Record", "Record number", "What happened")


def _cell(text: str) -> str:
    """A spreadsheet cannot take a typed value for a formula (=, +, -, @ first)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def audit_csv(rows: Iterable[AuditRow], headers: Sequence[str] = AUDIT_HEADERS) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(headers)
    for r in rows:
        writer.writerow(
            [
                r.at.isoformat(timespec="seconds"),
                _cell(r.staff_name),
                r.action,
                r.entity,
                "" if r.entity_id is None else r.entity_id,
                _cell(r.summary),
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
