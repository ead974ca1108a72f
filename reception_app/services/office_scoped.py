"""What every use-case service of one office shares: the session factory, the clock, the
office it works for, and the checks each of them made on its own before."""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import NotFoundError, PermissionDenied
from reception_app.domain.people import Role, StaffMember
from reception_app.persistence.office_repository import get_office, profile_from_record
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.services.context import ServiceContext


class _OfficeOwned(Protocol):
    office_id: Any


R = TypeVar("R", bound=_OfficeOwned)


class OfficeScoped:
    """Base of a service working on one office's records (every public method one transaction)."""

    def __init__(self, context: ServiceContext, office_key: str) -> None:
        self._context = context
        self._factory = context.session_factory
        self._clock = context.clock
        self._office_key = office_key

    def _office(self, session: Session) -> OfficeRecord:
        return get_office(session, self._office_key)

    def _today(self, office: OfficeRecord) -> date:
        """The office-local date now."""
        return self._clock().astimezone(ZoneInfo(office.timezone)).date()

    @staticmethod
    def _engine(office: OfficeRecord) -> DeadlineEngine:
        return DeadlineEngine.from_profile(profile_from_record(office))

    @staticmethod
    def _require_actor(actor: StaffMember | None) -> StaffMember:
        return require_actor(actor)


def require_actor(actor: StaffMember | None) -> StaffMember:
    """The signed-in person; PermissionDenied at the kiosk or after the desk locked."""
    if actor is None:
        raise PermissionDenied("Sign in at the desk to do this.")
    return actor


def owned(session: Session, model: type[R], record_id: int, office: OfficeRecord, what: str) -> R:
    """The ``model`` row ``record_id`` of this office; NotFoundError names ``what`` otherwise."""
    record = session.get(model, record_id)
    if record is None or record.office_id != office.id:
        raise NotFoundError(f"That {what} no longer exists.")
    return record


def require_manager(
    actor: StaffMember | None, session: Session | None = None, what: str = "change this"
) -> None:
    """Refuse unless ``actor`` is a manager; with a session, as the database says now (another
    desk may have changed their role or deactivated them since they signed in). ``what``
    finishes the sentence "Only a manager can ..." (e.g. "read reports")."""
    if actor is None or not actor.is_manager:
        raise PermissionDenied(f"Only a manager can {what}.")
    if session is not None and not actor.is_command_line:
        record = session.get(StaffRecord, actor.id)
        if record is None or not record.active or record.role != Role.MANAGER.value:
            raise PermissionDenied(
                "Your account is no longer a manager's, so this was not saved. "
                "Sign out and in again, or ask a manager."
            )
