"""Shared settings stored in the database (global or per office). Never commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.settings import SETTINGS
from reception_app.persistence.records import SettingRecord


def get_setting(session: Session, key: str, office_id: int | None = None) -> Any | None:
    value = session.scalars(
        select(SettingRecord.value).where(
            SettingRecord.key == key,
            SettingRecord.office_id.is_(None)
            if office_id is None
            else SettingRecord.office_id == office_id,
        )
    ).first()
    return value


def read_setting(session: Session, key: str, office_id: int) -> int:
    """A desk rule of ``SETTINGS`` for an office, or its default when never set."""
    spec = SETTINGS[key]
    value = get_setting(session, key, office_id if spec.per_office else None)
    return spec.default if value is None else int(value)


def put_setting(session: Session, key: str, value: Any, office_id: int | None = None) -> None:
    record = session.scalars(
        select(SettingRecord).where(
            SettingRecord.key == key,
            SettingRecord.office_id.is_(None)
            if office_id is None
            else SettingRecord.office_id == office_id,
        )
    ).first()
    if record is None:
        session.add(SettingRecord(key=key, value=value, office_id=office_id))
    else:
        record.value = value
