"""Signing in, with the lockout of issue 12: wrong passwords are counted per typed user name
(known or not) in the database, so every desk and the command line share one count; from the
fifth in a row the name waits (domain/lockout.py), and every failure is in the event log.

Each try is one write transaction, which holds the database's write lock (docs/concurrency.md):
two desks trying at once cannot lose a count or both slip past the limit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.lockout import FREE_TRIES, Attempts, lock_key, locked_message
from reception_app.domain.people import StaffMember
from reception_app.persistence.access_records import SignInLockRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import StaffRecord
from reception_app.services.context import ServiceContext, actor_id
from reception_app.services.office_scoped import require_manager

LONDON = ZoneInfo("Europe/London")
WRONG = "The user name or password is not right. Try again."
UNLOCK = "unlock a user name"


@dataclass(frozen=True, slots=True)
class LockedName:
    """A user name with wrong passwords against it, for Settings > Staff."""

    username: str
    failures: int
    locked_until: datetime | None
    staff_name: str
    """The account's name, or '' for a user name nobody has."""


def shown(text: str) -> str:
    """A typed user name as the log shows it: characters that do not print are escaped."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


class SignIn:
    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory
        self._clock = context.clock
        self._hasher: PasswordHasher = context.hasher
        self._dummy: str | None = None

    def try_password(self, session: Session, username: str, password: str) -> StaffRecord | str:
        """The account when ``password`` is right; otherwise the message to show (after the
        caller has committed the logged failure)."""
        now = self._clock()
        key = lock_key(username)
        lock = session.get(SignInLockRecord, key)
        attempts = Attempts(lock.failures, lock.locked_until) if lock else Attempts()
        if attempts.waiting(now):
            assert attempts.locked_until is not None
            self._log_failure(session, key, None, "tried while waiting after wrong passwords")
            return self._locked(attempts.locked_until, now)
        record = session.scalars(select(StaffRecord).where(StaffRecord.username == key)).first()
        usable = record is not None and record.active and record.password_hash is not None
        if usable and record is not None and self._right(record.password_hash, password):
            if lock is not None:
                session.delete(lock)
            return record
        if not usable:
            self._right(None, password)  # the same work as a real check: timing says nothing
        attempts = attempts.after_failure(now)
        if lock is None:
            lock = SignInLockRecord(username=key, failures=0, last_failure_at=now)
            session.add(lock)
        lock.failures, lock.locked_until, lock.last_failure_at = (
            attempts.failures,
            attempts.locked_until,
            now,
        )
        what = "wrong password" if usable else "unknown user name or account that cannot sign in"
        self._log_failure(
            session, key, record if usable else None, f"{what} ({attempts.failures} in a row)"
        )
        if attempts.locked_until is not None:
            return self._locked(attempts.locked_until, now)
        return WRONG

    def locked_names(self, actor: StaffMember | None) -> list[LockedName]:
        """User names with wrong passwords against them (managers only), newest first."""
        with transaction(self._factory, write=False) as session:
            require_manager(actor, session, UNLOCK)
            rows_of_staff = session.execute(select(StaffRecord.username, StaffRecord.full_name))
            names = {username: name for username, name in rows_of_staff}
            rows = session.scalars(
                select(SignInLockRecord).order_by(SignInLockRecord.last_failure_at.desc())
            )
            return [
                LockedName(r.username, r.failures, r.locked_until, names.get(r.username, ""))
                for r in rows
            ]

    def unlock(self, actor: StaffMember | None, username: str) -> None:
        """Forget the wrong passwords against ``username`` (managers only); logged."""
        require_manager(actor, what=UNLOCK)
        key = lock_key(username)
        with transaction(self._factory) as session:
            require_manager(actor, session, UNLOCK)
            lock = session.get(SignInLockRecord, key)
            if lock is None:
                raise NotFoundError(f"The user name '{shown(key)}' is not locked.")
            session.delete(lock)
            log_event(
                session,
                at=self._clock(),
                action="sign_in_unlocked",
                entity="staff",
                staff_id=actor_id(actor),
                summary=f"Sign-in unlocked for {shown(key)} after {lock.failures} wrong passwords",
            )

    # --- helpers --------------------------------------------------------------------------------

    def _right(self, password_hash: str | None, password: str) -> bool:
        if password_hash is None:
            if self._dummy is None:
                self._dummy = self._hasher.hash("not anybody's password")
            password_hash = self._dummy
            password = password + "\0"  # never right
        try:
            return bool(self._hasher.verify(password_hash, password))
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def _log_failure(
        self, session: Session, key: str, record: StaffRecord | None, what: str
    ) -> None:
        log_event(
            session,
            at=self._clock(),
            action="sign_in_failed",
            entity="staff",
            entity_id=record.id if record is not None else None,
            office_id=record.office_id if record is not None else None,
            summary=f"Sign-in failed for {shown(key)}: {what}",
            details={"username": key},
        )

    @staticmethod
    def _locked(until: datetime, now: datetime) -> str:
        return locked_message(until, now, f"{until.astimezone(LONDON):%H:%M}")


__all__ = ["FREE_TRIES", "WRONG", "LockedName", "SignIn", "ValidationError", "shown"]
