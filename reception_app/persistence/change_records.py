"""The change log: one row per committed unit of work that wrote, naming what it touched."""

from __future__ import annotations

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reception_app.persistence.base import Base


class ChangeRecord(Base):
    """Written in the same transaction as the change itself (persistence/changes.py), so a
    desk that missed a notice (or polls, on SQLite) reads every change since the last it saw."""

    __tablename__ = "change_log"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True
    )
    topics: Mapped[str] = mapped_column(String(200))
