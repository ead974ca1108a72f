"""Which tables the database has, and the sections that wait for tables it does not have yet."""

from __future__ import annotations

import weakref

from sqlalchemy import Engine, inspect
from sqlalchemy.orm import Session

SECTION_TABLES = {
    "appointments": frozenset({"appointments"}),
    "rooms": frozenset({"room_bookings"}),
    "correspondence": frozenset({"correspondence", "messages", "message_callbacks"}),
    "notifications": frozenset({"notifications"}),
}
"""The tables each later section reads: a database without them shows the section as pending."""

PENDING_SECTIONS = (
    (
        "appointments",
        "Appointments",
        "Appointment figures (seen on time, average and worst delay, no-shows) need the "
        "appointments tables, which this database does not have yet.",
    ),
    (
        "rooms",
        "Interview rooms",
        "Room use per room needs the room bookings table, which this database does not have yet.",
    ),
    (
        "correspondence",
        "Call-backs and correspondence",
        "Answered within standard by channel, overdue now and the oldest overdue item need the "
        "messages and correspondence tables, which this database does not have yet.",
    ),
    (
        "notifications",
        "Texts and e-mails",
        "Texts and e-mails sent, delivered and failed need the notifications table, which this "
        "database does not have yet.",
    ),
)

_TABLES: weakref.WeakKeyDictionary[Engine, frozenset[str]] = weakref.WeakKeyDictionary()


def tables_present(session: Session) -> frozenset[str]:
    """The tables of the database (looked up once per engine: the schema changes only when the
    app migrates it at start-up)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    found = _TABLES.get(engine)
    if found is None:
        found = _TABLES[engine] = frozenset(inspect(session.connection()).get_table_names())
    return found
