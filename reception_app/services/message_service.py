"""Messages taken for colleagues: take, inbox, read, call-back attempts, reassign, close.

Confidential messages are redacted in the service (``message_views``), not on the screen:
whoever is not their recipient (or a member of the team they are for) or a manager never
receives the subject or the text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.messages import (
    NOTE_MAX,
    CallbackOutcome,
    Message,
    MessageDraft,
    MessageStatus,
    Urgency,
    callback_deadline,
    can_read_in_full,
    clean_message,
)
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_length
from reception_app.persistence.correspondence_records import (
    MessageCallbackRecord,
    MessageRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.services.contact_links import check_contact
from reception_app.services.message_notices import notice_taken
from reception_app.services.message_views import message_view, messages_view, staff_of
from reception_app.services.office_scoped import OfficeScoped, owned
from reception_app.services.status_change import Logged, change_if_status, log_change

VIEWS = ("open", "due_today", "overdue", "escalated", "closed")
"""Lists for the desk and managers (``list_messages``)."""
CLOSED_LIST_LIMIT = 500
ALREADY_CLOSED = "This message is already closed."
_OPEN = (MessageStatus.OPEN.value,)


class MessageService(OfficeScoped):
    """Messages of one office. Every public method is one transaction."""

    # --- taking a message -------------------------------------------------------------------

    def callback_due(self, at: datetime | None = None) -> date | datetime | None:
        """When a call-back for a message taken at ``at`` (default now) is due."""
        with transaction(self._factory, write=False) as session:
            engine = self._engine(self._office(session))
        return callback_deadline(engine, at or self._clock())

    def deadline_engine(self) -> DeadlineEngine:
        with transaction(self._factory, write=False) as session:
            return self._engine(self._office(session))

    def teams(self) -> list[str]:
        """Teams that have at least one active member, for 'a message for the team'."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            rows = session.scalars(
                select(StaffRecord.team)
                .where(
                    StaffRecord.office_id == office.id,
                    StaffRecord.active.is_(True),
                    StaffRecord.team != "",
                )
                .distinct()
                .order_by(StaffRecord.team)
            )
            return list(rows)

    def take(self, actor: StaffMember | None, draft: MessageDraft) -> Message:
        """Save a message; ValidationError names the field when something is wrong."""
        self._require_actor(actor)
        cleaned = clean_message(draft)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            self._check_recipient(session, office, cleaned.recipient_id, cleaned.recipient_team)
            if cleaned.contact_id is not None:
                check_contact(session, office, cleaned.contact_id, "contact_id")
            engine = self._engine(office)
            due: date | datetime | None = None
            if cleaned.callback_expected:
                due = callback_deadline(engine, now)
            record = MessageRecord(
                office_id=office.id,
                taken_at=now,
                taken_by_id=actor.id if actor else None,
                recipient_id=cleaned.recipient_id,
                recipient_team=cleaned.recipient_team,
                caller_name=cleaned.caller_name,
                caller_phone=cleaned.caller_phone,
                caller_phone_other=cleaned.caller_phone_other,
                caller_email=cleaned.caller_email,
                contact_id=cleaned.contact_id,
                best_time=cleaned.best_time,
                subject=cleaned.subject,
                body=cleaned.body,
                urgency=cleaned.urgency.value,
                confidential=cleaned.confidential,
                callback_expected=cleaned.callback_expected,
                due_on=engine.due_day(due) if due is not None else None,
                due_at=due if isinstance(due, datetime) else None,
                status=MessageStatus.OPEN.value,
            )
            session.add(record)
            session.flush()
            notice_taken(session, office, record, cleaned, now)
            staff = staff_of(session, office)
            log_event(
                session,
                at=now,
                action="message_taken",
                entity="message",
                entity_id=record.id,
                office_id=office.id,
                staff_id=actor.id if actor else None,
                summary=f"Message #{record.id} taken for "
                f"{self._for_whom(record.recipient_id, record.recipient_team, staff)}"
                + (" (urgent)" if cleaned.urgency is Urgency.URGENT else ""),
            )
            return self._message(session, record, staff, actor, self._today(office))

    # --- reading ------------------------------------------------------------------------------

    def inbox(self, actor: StaffMember | None, include_closed: bool = False) -> list[Message]:
        """Messages for ``actor`` (or for their team), newest first; open ones unless asked."""
        member = self._require_actor(actor)
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            query = select(MessageRecord).where(
                MessageRecord.office_id == office.id, self._for_member(member)
            )
            if not include_closed:
                query = query.where(MessageRecord.status == MessageStatus.OPEN.value)
            query = query.order_by(MessageRecord.taken_at.desc(), MessageRecord.id.desc())
            return self._messages(session, office, session.scalars(query), member)

    def unread(self, actor: StaffMember | None) -> tuple[int, Message | None]:
        """How many open messages ``actor`` has not read, and the newest of them."""
        if actor is None:
            return 0, None
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            where = (
                MessageRecord.office_id == office.id,
                self._for_member(actor),
                MessageRecord.status == MessageStatus.OPEN.value,
                MessageRecord.read_at.is_(None),
            )
            count = int(
                session.scalar(select(func.count()).select_from(MessageRecord).where(*where)) or 0
            )
            if not count:
                return 0, None
            newest = session.scalars(
                select(MessageRecord).where(*where).order_by(MessageRecord.id.desc()).limit(1)
            ).first()
            assert newest is not None
            staff = staff_of(session, office)
            return count, self._message(session, newest, staff, actor, self._today(office))

    def list_messages(
        self,
        actor: StaffMember | None,
        view: str = "open",
        recipient_id: int | None = None,
        team: str | None = None,
    ) -> list[Message]:
        """The desk's and managers' lists: open, due today, overdue, escalated, recently closed;
        optionally only one officer's (or one team's, including messages for its members)."""
        member = self._require_actor(actor)
        if view not in VIEWS:
            raise ValidationError(
                f"Unknown list '{view}'; choose one of {', '.join(VIEWS)}.", "view"
            )
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            today = self._today(office)
            query = select(MessageRecord).where(MessageRecord.office_id == office.id)
            if view == "closed":
                query = (
                    query.where(MessageRecord.status == MessageStatus.CLOSED.value)
                    .order_by(MessageRecord.closed_at.desc())
                    .limit(CLOSED_LIST_LIMIT)
                )
            else:
                query = query.where(MessageRecord.status == MessageStatus.OPEN.value)
                # A call-back due at a time of day is overdue from that moment, not from the
                # end of its day.
                now = self._clock()
                past_moment = and_(MessageRecord.due_at.is_not(None), MessageRecord.due_at <= now)
                if view == "due_today":
                    query = query.where(MessageRecord.due_on == today, not_(past_moment))
                elif view in ("overdue", "escalated"):
                    query = query.where(or_(MessageRecord.due_on < today, past_moment))
                query = query.order_by(
                    MessageRecord.due_on.is_(None), MessageRecord.due_on, MessageRecord.taken_at
                )
            if recipient_id is not None:
                query = query.where(MessageRecord.recipient_id == recipient_id)
            if team:
                members = select(StaffRecord.id).where(
                    StaffRecord.office_id == office.id, StaffRecord.team == team
                )
                query = query.where(
                    or_(
                        MessageRecord.recipient_team == team,
                        MessageRecord.recipient_id.in_(members),
                    )
                )
            return self._messages(session, office, session.scalars(query), member)

    def escalated_to(self, actor: StaffMember | None) -> list[Message]:
        """Overdue open messages escalated to ``actor`` (as team lead, or as a manager when the
        team has no lead)."""
        member = self._require_actor(actor)
        # By id: two colleagues may share a name.
        return [m for m in self.list_messages(member, "escalated") if m.is_escalated_to(member.id)]

    def get(self, actor: StaffMember | None, message_id: int) -> Message:
        member = self._require_actor(actor)
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            record = self._record(session, office, message_id)
            return self._message(
                session, record, staff_of(session, office), member, self._today(office)
            )

    # --- acting on a message ------------------------------------------------------------------

    def mark_read(self, actor: StaffMember | None, message_id: int, read: bool = True) -> Message:
        """The recipient (or a member of the team it is for) marks it read or unread."""
        member = self._require_actor(actor)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, message_id)
            if not self._is_recipient(member, record):
                raise PermissionDenied("Only the person the message is for can mark it read.")
            if read and record.read_at is None:
                record.read_at, record.read_by_id = now, member.id
            elif not read:
                record.read_at, record.read_by_id = None, None
            return self._message(
                session, record, staff_of(session, office), member, self._today(office)
            )

    def record_callback(
        self,
        actor: StaffMember | None,
        message_id: int,
        outcome: CallbackOutcome,
        note: str = "",
        close: bool = False,
    ) -> Message:
        """Log one call-back attempt; with ``close`` (and an outcome that reached the caller)
        the message is closed as well."""
        member = self._require_actor(actor)
        note = check_length(note, "note", "The note", NOTE_MAX)
        if close and not outcome.reaches_caller:
            raise ValidationError(
                f"'{outcome.label}' did not reach the caller: keep the message open and try "
                "again, or close it separately with a note.",
                "close",
            )
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, message_id)
            self._require_can_act(member, record)
            self._require_open(record)
            session.add(
                MessageCallbackRecord(
                    message_id=record.id,
                    at=now,
                    staff_id=member.id,
                    outcome=outcome.value,
                    note=note if note.strip() else "",
                )
            )
            if record.read_at is None and self._is_recipient(member, record):
                record.read_at, record.read_by_id = now, member.id
            log = Logged(
                "message_callback",
                "message",
                member.id,
                f"Call-back for message #{record.id}: {outcome.label}"
                + ("; message closed" if close else ""),
                {"outcome": outcome.value},
            )
            if not close:
                session.flush()
                log_change(session, record, log, at=now)
            else:
                closing = self._closing(record, member, now, f"Call-back: {outcome.label.lower()}")
                if not change_if_status(session, record, _OPEN, closing, at=now, log=log):
                    raise ValidationError(ALREADY_CLOSED, "status")
            return self._message(
                session, record, staff_of(session, office), member, self._today(office)
            )

    def reassign(
        self,
        actor: StaffMember | None,
        message_id: int,
        recipient_id: int | None,
        team: str = "",
        note: str = "",
    ) -> Message:
        """Pass the message to a colleague (or a team). The call-back date stays: the caller's
        wait does not start again. The new recipient sees it as unread."""
        member = self._require_actor(actor)
        note = check_length(note.strip(), "note", "The note", NOTE_MAX)
        team = team.strip() if recipient_id is None else ""
        if recipient_id is None and not team:
            raise ValidationError("Choose the colleague or team to pass it to.", "recipient")
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, message_id)
            self._require_can_act(member, record)
            self._require_open(record)
            if record.recipient_id == recipient_id and record.recipient_team == team:
                raise ValidationError("The message is already theirs.", "recipient")
            self._check_recipient(session, office, recipient_id, team)
            staff = staff_of(session, office)
            before = self._for_whom(record.recipient_id, record.recipient_team, staff)
            after = self._for_whom(recipient_id, team, staff)
            passed = {
                "recipient_id": recipient_id,
                "recipient_team": team,
                "read_at": None,
                "read_by_id": None,
            }
            log = Logged(
                "message_reassigned",
                "message",
                member.id,
                f"Message #{record.id} passed from {before} to {after}"
                + (f": {note}" if note else ""),
                {"from": before, "to": after},
            )
            if not change_if_status(session, record, _OPEN, passed, at=now, log=log):
                raise ValidationError(ALREADY_CLOSED, "status")
            return self._message(session, record, staff, member, self._today(office))

    def close(self, actor: StaffMember | None, message_id: int, note: str = "") -> Message:
        member = self._require_actor(actor)
        note = check_length(note, "note", "The note", NOTE_MAX)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, message_id)
            self._require_can_act(member, record)
            self._require_open(record)
            if record.callback_expected and not note.strip():
                attempts = session.scalar(
                    select(func.count())
                    .select_from(MessageCallbackRecord)
                    .where(MessageCallbackRecord.message_id == record.id)
                )
                if not attempts:
                    raise ValidationError(
                        "The caller expects a call back and none is recorded: record the "
                        "call-back, or say in the note why the message is closed without one.",
                        "note",
                    )
            log = Logged("message_closed", "message", member.id, f"Message #{record.id} closed")
            closing = self._closing(record, member, now, note)
            if not change_if_status(session, record, _OPEN, closing, at=now, log=log):
                raise ValidationError(ALREADY_CLOSED, "status")
            return self._message(
                session, record, staff_of(session, office), member, self._today(office)
            )

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _for_member(member: StaffMember) -> ColumnElement[bool]:
        mine = MessageRecord.recipient_id == member.id
        if not member.team:
            return mine
        return or_(
            mine,
            and_(MessageRecord.recipient_id.is_(None), MessageRecord.recipient_team == member.team),
        )

    @staticmethod
    def _is_recipient(member: StaffMember, record: MessageRecord) -> bool:
        if record.recipient_id is not None:
            return record.recipient_id == member.id
        return bool(member.team) and member.team == record.recipient_team

    def _require_can_act(self, member: StaffMember, record: MessageRecord) -> None:
        """Anyone signed in may act on an ordinary message (the desk often calls back for a
        colleague); a confidential one only its recipient and managers (a team lead it is
        escalated to sees that it is overdue, not what it says)."""
        if not record.confidential or can_read_in_full(
            member, record.recipient_id, record.recipient_team
        ):
            return
        raise PermissionDenied(
            "This message is confidential: only its recipient and managers can act on it."
        )

    @staticmethod
    def _require_open(record: MessageRecord) -> None:
        if record.status != MessageStatus.OPEN.value:
            raise ValidationError(ALREADY_CLOSED, "status")

    @staticmethod
    def _closing(
        record: MessageRecord, member: StaffMember, now: datetime, note: str
    ) -> dict[str, Any]:
        """The columns closing the message sets (read too, by whoever closed it, if unread)."""
        values: dict[str, Any] = {
            "status": MessageStatus.CLOSED.value,
            "closed_at": now,
            "closed_by_id": member.id,
            "close_note": note if note.strip() else "",
        }
        if record.read_at is None:
            values.update(read_at=now, read_by_id=member.id)
        return values

    @staticmethod
    def _record(session: Session, office: OfficeRecord, message_id: int) -> MessageRecord:
        return owned(session, MessageRecord, message_id, office, "message")

    @staticmethod
    def _check_recipient(
        session: Session, office: OfficeRecord, recipient_id: int | None, team: str
    ) -> None:
        if recipient_id is not None:
            person = session.get(StaffRecord, recipient_id)
            if person is None or person.office_id != office.id:
                raise ValidationError("That colleague is not on the staff list here.", "recipient")
            if not person.active:
                raise ValidationError(
                    f"{person.full_name} no longer works here (their account is inactive): "
                    "choose a colleague or their team instead.",
                    "recipient",
                )
            return
        members = session.scalar(
            select(func.count())
            .select_from(StaffRecord)
            .where(
                StaffRecord.office_id == office.id,
                StaffRecord.team == team,
                StaffRecord.active.is_(True),
            )
        )
        if not members:
            raise ValidationError(f"Nobody active works in a team called '{team}'.", "recipient")

    @staticmethod
    def _for_whom(recipient_id: int | None, team: str, staff: dict[int, StaffMember]) -> str:
        if recipient_id is not None:
            person = staff.get(recipient_id)
            return person.full_name if person else "a former colleague"
        return f"the {team} team"

    def _messages(
        self,
        session: Session,
        office: OfficeRecord,
        records: Iterable[MessageRecord],
        viewer: StaffMember,
    ) -> list[Message]:
        return messages_view(session, office, records, viewer, self._today(office), self._clock())

    def _message(
        self,
        session: Session,
        record: MessageRecord,
        staff: dict[int, StaffMember],
        viewer: StaffMember | None,
        today: date,
    ) -> Message:
        return message_view(session, record, staff, viewer, today, self._clock())
