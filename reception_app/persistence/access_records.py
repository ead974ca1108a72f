"""Sign-in attempts per typed user name (issue 12): kept in the database so every desk and the
command line share one count, and a manager at any desk can unlock a name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from reception_app.persistence.base import Base, UTCDateTime


class SignInLockRecord(Base):
    """Wrong passwords in a row for one user name (known or not); deleted by a right password
    or a manager's unlock. Read and written inside the sign-in's write transaction, which
    holds the database's write lock (docs/concurrency.md), so two desks cannot lose a count."""

    __tablename__ = "sign_in_locks"

    username: Mapped[str] = mapped_column(String(120), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime())
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
