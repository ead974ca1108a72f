"""Office profiles kept per database and rebuilt only when the office changed.

Building an ``OfficeProfile`` reads the office's days off, services, desks and rooms: four
statements, each time a desk shows its status, checks someone in or works out a deadline. The
office row is read anyway (for its id), so its ``updated_at`` says whether the profile built last
time is still right: every flush that adds, changes or removes one of the office's parts sets it
(``touch_changed_offices``), as an edit of the row itself always did. Another desk's change
reaches this one with the row it reads next; nothing is kept that another process could not
see was out of date.

A change made with SQL rather than through these records (a migration's data fix, a hand edit)
must set ``offices.updated_at`` too (docs/decisions.md, "Office profiles are kept").
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, object_session, sessionmaker

from reception_app.domain.offices import OfficeProfile
from reception_app.persistence.records import (
    DayOffRecord,
    DeskRecord,
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
    utcnow,
)

OFFICE_PARTS = (DayOffRecord, ServiceRecord, DeskRecord, InterviewRoomRecord)
"""Records whose change changes their office's profile."""

_kept: WeakKeyDictionary[Engine | Connection, dict[str, tuple[tuple[int, datetime], OfficeProfile]]]
_kept = WeakKeyDictionary()


def kept_profile(
    record: OfficeRecord, build: Callable[[OfficeRecord], OfficeProfile]
) -> OfficeProfile:
    """``build(record)``, or the profile built from the same version of this office in this
    database before. Built afresh when the record's session has changes not yet written (they
    may be to the office) or it has no session."""
    session = object_session(record)
    if session is None or session.new or session.deleted or session.dirty:
        return build(record)
    version = (record.id, record.updated_at)
    kept = _kept.setdefault(session.get_bind(), {})
    found = kept.get(record.key)
    if found is not None and found[0] == version:
        return found[1]
    profile = build(record)
    kept[record.key] = (version, profile)
    return profile


def touch_changed_offices(factory: sessionmaker[Session]) -> None:
    """Hook ``factory``'s sessions (done by make_session_factory): a flush that writes a part of
    an office, or changes which parts it has, sets the office's ``updated_at``."""
    event.listen(factory, "before_flush", _touch)


def _touch(session: Session, _context: Any, _instances: Any) -> None:
    offices: dict[int, OfficeRecord] = {}
    for record in itertools.chain(session.new, session.dirty, session.deleted):
        office: OfficeRecord | None = None
        if isinstance(record, OfficeRecord):
            if record in session.new or not session.is_modified(record):
                continue  # a new office has its times; a loaded one only looked at
            office = record
        elif isinstance(record, OFFICE_PARTS):
            if record in session.dirty and not session.is_modified(record):
                continue
            office = record.office or (
                session.get(OfficeRecord, record.office_id) if record.office_id else None
            )
        if office is not None and office not in session.new:
            offices[id(office)] = office
    for office in offices.values():
        office.updated_at = utcnow()
