"""Removing personal details from given records (retention's batches and a person's erasure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session

from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.services.retention.rules import FINISHED_NOTIFICATIONS, Rule

NOTIFICATION_CLEAR = {"recipient": "", "body": "", "subject": "", "contact_id": None}


def clear_records(
    session: Session, rule: Rule, ids: Sequence[int], now: datetime, files: list[str]
) -> None:
    """Blank the personal columns of ``ids`` (and their children, letters and sent texts);
    letter file names are added to ``files`` for deletion after the commit."""
    if not ids:
        return
    model = rule.model
    update_where(session, model, model.id.in_(ids), {**rule.clear, "purged_at": now})
    for child in rule.children:
        values = dict(child.clear)
        if hasattr(child.model, "purged_at"):
            values["purged_at"] = now
        column = getattr(child.model, child.parent_column)
        update_where(session, child.model, column.in_(ids), values)
    if rule.source_kind:
        letters = and_(
            LetterRecord.source_kind == rule.source_kind, LetterRecord.source_id.in_(ids)
        )
        clear_letters(session, letters, files)
        n = NotificationRecord
        finished = and_(
            n.subject_kind == rule.source_kind,
            n.subject_id.in_(ids),
            n.status.in_(FINISHED_NOTIFICATIONS),
        )
        update_where(session, n, finished, NOTIFICATION_CLEAR)


def clear_letters(session: Session, where: Any, files: list[str]) -> int:
    files.extend(
        name for name in session.scalars(select(LetterRecord.file_name).where(where)) if name
    )
    return update_where(session, LetterRecord, where, {"file_name": "", "contact_id": None})


def update_where(session: Session, model: Any, where: Any, values: dict[str, Any]) -> int:
    done = session.execute(
        update(model).where(where).values(**values).execution_options(synchronize_session=False)
    )
    return int(getattr(done, "rowcount", 0) or 0)
