"""Staff accounts: the first manager, signing in (argon2), and managers editing accounts."""

from __future__ import annotations

from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, PermissionDenied, ValidationError
from reception_app.domain.people import Role, StaffMember
from reception_app.domain.settings import ACTIVE_OFFICE_KEY
from reception_app.domain.validation import (
    check_email,
    check_length,
    check_phone,
    check_required,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import get_office
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.persistence.settings_repository import put_setting
from reception_app.services.context import ServiceContext, actor_id
from reception_app.services.office_scoped import require_manager
from reception_app.services.sign_in import LockedName, SignIn

MIN_PASSWORD_LENGTH = 8


def staff_from_record(record: StaffRecord) -> StaffMember:
    return StaffMember(
        id=record.id,
        username=record.username,
        full_name=record.full_name,
        role=Role(record.role),
        team=record.team,
        is_team_lead=record.is_team_lead,
        phone=record.phone,
        email=record.email,
        active=record.active,
        can_sign_in=record.password_hash is not None,
    )


def check_password(password: str, repeat: str | None = None) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long.", "password"
        )
    if repeat is not None and password != repeat:
        raise ValidationError("The two passwords are not the same.", "repeat_password")
    return password


def check_username(text: str) -> str:
    value = check_required(text, "username", "The user name", 40).lower()
    if not all(c.isalnum() or c in "._-" for c in value):
        raise ValidationError(
            "The user name may use letters, digits, dots, dashes and underscores only.", "username"
        )
    return value


class StaffService:
    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory
        self._clock = context.clock
        self._hasher = context.hasher
        self._sign_in = SignIn(context)

    def has_accounts(self) -> bool:
        """True once anyone can sign in (the first start creates the manager account)."""
        with transaction(self._factory, write=False) as session:
            count = session.scalar(
                select(func.count())
                .select_from(StaffRecord)
                .where(StaffRecord.password_hash.is_not(None))
            )
            return bool(count)

    def create_first_manager(
        self, office_key: str, full_name: str, username: str, password: str, repeat: str
    ) -> StaffMember:
        name = check_required(full_name, "full_name", "Your name", 120)
        user = check_username(username)
        check_password(password, repeat)
        with transaction(self._factory) as session:
            if session.scalar(
                select(func.count())
                .select_from(StaffRecord)
                .where(StaffRecord.password_hash.is_not(None))
            ):
                raise PermissionDenied(
                    "A manager account already exists: sign in, or ask a manager to add you."
                )
            office = get_office(session, office_key)
            record = StaffRecord(
                office_id=office.id,
                username=user,
                full_name=name,
                role=Role.MANAGER.value,
                password_hash=self._hasher.hash(password),
            )
            session.add(record)
            session.flush()
            # The new manager's office becomes the running office in the same transaction, so a
            # failure cannot leave an account without an office.
            put_setting(session, ACTIVE_OFFICE_KEY, office.key)
            log_event(
                session,
                at=self._clock(),
                action="created",
                entity="staff",
                entity_id=record.id,
                office_id=office.id,
                staff_id=record.id,
                summary=f"First manager account created for {name}",
            )
            return staff_from_record(record)

    def sign_in(self, username: str, password: str) -> StaffMember:
        """The staff member, or ValidationError that does not say which part was wrong (or
        that the user name must wait after too many wrong passwords: services/sign_in.py)."""
        with transaction(self._factory) as session:
            found = self._sign_in.try_password(session, username, password)
            if isinstance(found, StaffRecord):
                if self._hasher.check_needs_rehash(found.password_hash or ""):
                    found.password_hash = self._hasher.hash(password)
                found.last_sign_in_at = self._clock()
                log_event(
                    session,
                    at=self._clock(),
                    action="signed_in",
                    entity="staff",
                    entity_id=found.id,
                    office_id=found.office_id,
                    staff_id=found.id,
                    summary=f"{found.full_name} signed in",
                )
                return staff_from_record(found)
        # raised after the commit so the failed attempt stays in the log
        raise ValidationError(found, "password")

    def locked_names(self, actor: StaffMember | None) -> list[LockedName]:
        """User names waiting, or with wrong passwords against them (managers only)."""
        return self._sign_in.locked_names(actor)

    def unlock_sign_in(self, actor: StaffMember | None, username: str) -> None:
        """Let ``username`` try again at once (managers only); logged."""
        self._sign_in.unlock(actor, username)

    def record_sign_out(self, actor: StaffMember, reason: str = "signed out") -> None:
        with transaction(self._factory) as session:
            log_event(
                session,
                at=self._clock(),
                action="signed_out",
                entity="staff",
                entity_id=actor.id,
                staff_id=actor.id,
                summary=f"{actor.full_name} {reason}",
            )

    def list_staff(self, office_key: str, include_inactive: bool = True) -> list[StaffMember]:
        with transaction(self._factory, write=False) as session:
            office = get_office(session, office_key)
            query = select(StaffRecord).where(StaffRecord.office_id == office.id)
            if not include_inactive:
                query = query.where(StaffRecord.active.is_(True))
            return [
                staff_from_record(r) for r in session.scalars(query.order_by(StaffRecord.full_name))
            ]

    def find_active(self, office_key: str, username: str) -> StaffMember:
        """An active staff member of ``office_key`` by user name (the command line's --staff)."""
        for member in self.list_staff(office_key, include_inactive=False):
            if member.username == username.strip():
                return member
        raise NotFoundError(f"There is no active staff member with the user name '{username}'.")

    def sign_in_names(self) -> list[tuple[str, str]]:
        """(username, full name) of everyone who can sign in, for the sign-in list."""
        with transaction(self._factory, write=False) as session:
            rows = session.execute(
                select(StaffRecord.username, StaffRecord.full_name)
                .where(StaffRecord.active.is_(True), StaffRecord.password_hash.is_not(None))
                .order_by(StaffRecord.full_name)
            )
            return [(u, n) for u, n in rows]

    def save_staff(
        self,
        actor: StaffMember | None,
        office_key: str,
        member: StaffMember,
        password: str | None = None,
    ) -> StaffMember:
        """Create (member.id == 0) or update an account; managers only."""
        require_manager(actor)
        name = check_required(member.full_name, "full_name", "The name", 120)
        user = check_username(member.username)
        phone = check_phone(member.phone)
        email = check_email(member.email)
        team = check_length(member.team.strip(), "team", "The team name", 120)
        if password:
            check_password(password)
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = get_office(session, office_key)
            clash = session.scalars(
                select(StaffRecord).where(StaffRecord.username == user, StaffRecord.id != member.id)
            ).first()
            if clash is not None:
                raise ValidationError(
                    f"The user name '{user}' is taken by {clash.full_name}.", "username"
                )
            record = _account(session, office, member, actor)
            record.full_name = name
            record.username = user
            record.role = member.role.value
            record.team = team
            record.is_team_lead = member.is_team_lead
            record.phone = phone
            record.email = email
            record.active = member.active
            if password:
                record.password_hash = self._hasher.hash(password)
            session.flush()
            log_event(
                session,
                at=self._clock(),
                action="updated" if member.id else "created",
                entity="staff",
                entity_id=record.id,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary=f"Staff account {name} ({member.role.label}{'' if member.active else ', inactive'}) saved"
                + ("; password set" if password else ""),
            )
            return staff_from_record(record)

    def change_own_password(self, actor: StaffMember, old: str, new: str, repeat: str) -> None:
        check_password(new, repeat)
        with transaction(self._factory) as session:
            record = session.get(StaffRecord, actor.id)
            if record is None or record.password_hash is None:
                raise NotFoundError("Your account no longer exists.")
            try:
                self._hasher.verify(record.password_hash, old)
            except (VerifyMismatchError, VerificationError, InvalidHashError):
                raise ValidationError(
                    "Your current password is not right.", "old_password"
                ) from None
            record.password_hash = self._hasher.hash(new)
            log_event(
                session,
                at=self._clock(),
                action="updated",
                entity="staff",
                entity_id=record.id,
                staff_id=record.id,
                summary=f"{record.full_name} changed their password",
            )


def _account(
    session: Session, office: OfficeRecord, member: StaffMember, actor: StaffMember | None
) -> StaffRecord:
    """The account ``member`` updates (a new one when its id is 0); a manager may not take
    away their own manager role or deactivate themselves."""
    if not member.id:
        record = StaffRecord(office_id=office.id)
        session.add(record)
        return record
    found = session.get(StaffRecord, member.id)
    if found is None or found.office_id != office.id:
        raise NotFoundError("That staff member no longer exists in this office.")
    if (
        actor is not None
        and found.id == actor.id
        and (not member.active or member.role is not Role.MANAGER)
    ):
        raise ValidationError(
            "You cannot remove your own manager role or deactivate yourself; ask another manager.",
            "role",
        )
    return found
