"""Every write transaction says what it touched; every process hears of it within a second.

``track_changes`` hooks a session factory: each flush and each UPDATE/DELETE/INSERT statement
notes the tables written, and just before commit one ``change_log`` row names their topics
(``domain.changes.Topic``); on PostgreSQL a NOTIFY carries it to every listening desk at commit.
Listeners in the same process are told after the commit (the desk's own action). ``ChangeFeed``
(persistence/change_feed.py) is how the other processes hear.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from reception_app.domain.changes import Change, Topic
from reception_app.persistence.change_records import ChangeRecord

CHANNEL = "reception_changes"
"""The PostgreSQL LISTEN/NOTIFY channel."""

Q, A, R, M, C, P, S, N = (
    Topic.QUEUE,
    Topic.APPOINTMENTS,
    Topic.ROOMS,
    Topic.MESSAGES,
    Topic.CORRESPONDENCE,
    Topic.CONTACTS,
    Topic.SETTINGS,
    Topic.NOTIFICATIONS,
)
TABLE_TOPICS: dict[str, frozenset[Topic]] = {
    "visits": frozenset({Q}),
    "desk_pauses": frozenset({Q}),
    "desk_duties": frozenset({Q, S}),
    "appointments": frozenset({A, Q}),
    "staff_hours": frozenset({A, S}),
    "staff_absences": frozenset({A, S}),
    "room_bookings": frozenset({R, A}),
    "interview_rooms": frozenset({R, S}),
    "messages": frozenset({M}),
    "message_callbacks": frozenset({M}),
    "correspondence": frozenset({C}),
    "correspondence_pauses": frozenset({C}),
    "holding_responses": frozenset({C}),
    "visit_follow_ups": frozenset({C}),
    "feedback": frozenset({C}),
    "incidents": frozenset({C}),
    "letters_sent": frozenset({C, M, A}),
    # A contact's name and needs show on messages, correspondence and the queue too.
    "contacts": frozenset({P, M, C, Q}),
    "offices": frozenset({S, Q, A, R}),
    "office_days_off": frozenset({S, Q, A, R}),
    "services": frozenset({S, Q, A}),
    "desks": frozenset({S, Q}),
    "desk_services": frozenset({S, Q}),
    "settings": frozenset({S, Q, A, R, M, C}),
    "staff": frozenset({S, A, M, C}),
    # Settings > Staff shows which user names wait after wrong passwords.
    "sign_in_locks": frozenset({S}),
    # The desk, the display and each record show whether a person was texted or e-mailed.
    "notifications": frozenset({N, Q, A, M, C}),
}
"""Which screens' data each table holds. tests/persistence/test_changes.py fails when a table
is in neither this map nor UNTRACKED."""
UNTRACKED = frozenset({"event_log", "change_log", "alembic_version", "notification_senders"})
"""Written by every unit of work or by none a screen shows (the sender's lease is renewed
every few seconds and shown nowhere)."""

_TOPICS = "reception_topics"
_COMMITTED = "reception_committed_change"
_LISTENERS = "reception_change_listeners"

Listener = Callable[[Change], None]


def _note(session: Session, table: str) -> None:
    topics = TABLE_TOPICS.get(table)
    if topics:
        session.info.setdefault(_TOPICS, set()).update(topics)


def _after_flush(session: Session, _context: Any) -> None:
    for obj in chain(session.new, session.dirty, session.deleted):
        table = getattr(obj, "__tablename__", None)
        if table:
            _note(session, table)


def _on_execute(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if name:
            _note(state.session, name)


def _before_commit(session: Session) -> None:
    session.flush()  # whatever is still pending notes its tables first
    topics: set[Topic] = session.info.pop(_TOPICS, set())
    if not topics:
        return
    change_text = ",".join(sorted(topics))
    record = ChangeRecord(topics=change_text)
    session.add(record)
    session.flush()
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": CHANNEL, "payload": f"{record.id}:{change_text}"},
        )
    session.info[_COMMITTED] = Change(record.id, frozenset(topics))


def _after_commit(session: Session) -> None:
    change = session.info.pop(_COMMITTED, None)
    if change is None:
        return
    for listener in list(session.info.get(_LISTENERS, ())):
        listener(change)


def _after_rollback(session: Session) -> None:
    session.info.pop(_TOPICS, None)
    session.info.pop(_COMMITTED, None)


def track_changes(factory: sessionmaker[Session]) -> None:
    """Hook ``factory``'s sessions (done by make_session_factory)."""
    factory.kw.setdefault("info", {}).setdefault(_LISTENERS, [])
    event.listen(factory, "after_flush", _after_flush)
    event.listen(factory, "do_orm_execute", _on_execute)
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_commit", _after_commit)
    event.listen(factory, "after_rollback", _after_rollback)


def on_commit(factory: sessionmaker[Session], listener: Listener) -> Callable[[], None]:
    """Call ``listener(change)`` after each commit of this process that changed something;
    returns how to stop. Called on the thread that committed."""
    listeners: list[Listener] = factory.kw["info"][_LISTENERS]
    listeners.append(listener)
    return lambda: listeners.remove(listener) if listener in listeners else None


def prune(factory: sessionmaker[Session], keep: int = 10_000) -> None:
    """Keep the newest ``keep`` rows: a desk away longer than that reloads everything anyway."""
    from reception_app.persistence.engine import transaction  # engine hooks this module

    with transaction(factory) as session:
        session.execute(
            text("DELETE FROM change_log WHERE id <= (SELECT MAX(id) FROM change_log) - :keep"),
            {"keep": keep},
        )
