"""Acting on correspondence: acknowledge, holding responses, respond, close, reassign, and the
clock pauses and extensions of SAR, FOI and EIR requests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from reception_app.domain.correspondence import (
    NOTE_MAX,
    CorrespondenceItem,
    check_holding,
    check_pause,
    reference,
)
from reception_app.domain.errors import ValidationError
from reception_app.domain.extensions import check_told_on, holding_limit_question, reply_limit
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_length, check_required
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
    HoldingResponseRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import StaffRecord
from reception_app.services.correspondence_service.clocks import (
    open_pause,
    pauses,
    recompute,
    record_deadlines,
)
from reception_app.services.correspondence_service.notices import (
    notice_holding,
    notice_received,
)
from reception_app.services.correspondence_service.previews import check_extendable
from reception_app.services.correspondence_service.views import CorrespondenceBase


class Actions(CorrespondenceBase):
    """Actions on an item (``CorrespondenceService`` is made of this and its siblings)."""

    def acknowledge(self, actor: StaffMember | None, item_id: int) -> CorrespondenceItem:
        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            if record.acknowledged_at is not None:
                raise ValidationError("It has already been acknowledged.", "status")
            record.acknowledged_at, record.acknowledged_by_id = self._clock(), member.id
            notice_received(session, self._office(session), record, self._clock())
            return "acknowledged"

        return self._act(actor, item_id, "correspondence_acknowledged", act)

    def send_holding_response(
        self,
        actor: StaffMember | None,
        item_id: int,
        reason: str,
        expected_on: date,
        contact_staff_id: int | None = None,
        beyond_limit: bool = False,
    ) -> CorrespondenceItem:
        """Record a holding response: why, the expected date and the named contact (by default
        the owner) with the phone and email given to the customer. An expected date after the
        final limit for the reply is questioned (field "expected_on") unless ``beyond_limit``
        says the customer is to be told that later date."""

        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            office = self._office(session)
            today = self._today(office)
            text = check_holding(reason, expected_on, today)
            engine = self._engine(office)
            limit = reply_limit(
                engine, record_deadlines(record, engine, pauses(session, record), today)
            )
            question = holding_limit_question(expected_on, limit)
            if question and not beyond_limit:
                raise ValidationError(question, "expected_on")
            contact = session.get(StaffRecord, contact_staff_id or record.owner_id)
            if contact is None or contact.office_id != office.id or not contact.active:
                raise ValidationError(
                    "The named contact must be an active member of staff.", "contact"
                )
            if not (contact.phone or contact.email):
                raise ValidationError(
                    f"{contact.full_name} has no phone number or email on the staff list: a "
                    "holding response must tell the customer how to reach their named contact. "
                    "A manager adds them in Settings > Staff.",
                    "contact",
                )
            session.add(
                HoldingResponseRecord(
                    correspondence_id=record.id,
                    sent_at=self._clock(),
                    staff_id=member.id,
                    reason=text,
                    expected_on=expected_on,
                    contact_staff_id=contact.id,
                    contact_name=contact.full_name,
                    contact_phone=contact.phone,
                    contact_email=contact.email,
                )
            )
            if record.acknowledged_at is None:
                # A holding response tells the customer it has arrived: it acknowledges too.
                record.acknowledged_at, record.acknowledged_by_id = self._clock(), member.id
            session.flush()
            notice_holding(session, office, record, self._clock())
            return f"holding response sent, expected {expected_on:%d %b %Y}"

        return self._act(actor, item_id, "correspondence_holding", act)

    def respond(
        self, actor: StaffMember | None, item_id: int, note: str = ""
    ) -> CorrespondenceItem:
        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            if record.responded_at is not None:
                raise ValidationError("The response has already been recorded.", "status")
            if open_pause(session, record) is not None:
                raise ValidationError(
                    "The clock is paused: record the answer (resume the clock) first.", "status"
                )
            record.responded_at, record.responded_by_id = self._clock(), member.id
            record.response_note = check_length(note, "note", "The note", NOTE_MAX)
            return "responded"

        return self._act(actor, item_id, "correspondence_responded", act)

    def close(self, actor: StaffMember | None, item_id: int, note: str = "") -> CorrespondenceItem:
        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            text = check_length(note, "note", "The note", NOTE_MAX)
            if record.responded_at is None and not text.strip():
                raise ValidationError(
                    "No response is recorded: record the response first, or say in the note "
                    "why it is closed without one (e.g. withdrawn).",
                    "note",
                )
            pause = open_pause(session, record)
            if pause is not None:
                pause.answered_on = max(self._today(self._office(session)), pause.asked_on)
            record.closed_at, record.closed_by_id = self._clock(), member.id
            record.close_note = text
            return "closed"

        return self._act(actor, item_id, "correspondence_closed", act)

    def reassign(
        self, actor: StaffMember | None, item_id: int, owner_id: int
    ) -> CorrespondenceItem:
        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            office = self._office(session)
            owner = self._check_owner(session, office, owner_id)
            if record.owner_id == owner_id:
                raise ValidationError(f"{owner.full_name} already owns it.", "owner")
            record.owner_id = owner_id
            return f"passed to {owner.full_name}"

        return self._act(actor, item_id, "correspondence_reassigned", act, allow_closed=False)

    def pause_clock(
        self,
        actor: StaffMember | None,
        item_id: int,
        reason: str,
        asked_on: date,
        answered_on: date | None = None,
        note: str = "",
    ) -> CorrespondenceItem:
        """Stop a SAR, FOI or EIR clock from ``asked_on``; with ``answered_on`` the whole pause
        is recorded at once (an answer that came in before it was logged)."""

        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            office = self._office(session)
            engine = self._engine(office)
            received_on = engine.calendar.local_date(record.received_at)
            chosen = check_pause(
                record.channel, reason, asked_on, answered_on, received_on, self._today(office)
            )
            if answered_on is None and open_pause(session, record) is not None:
                raise ValidationError(
                    "The clock is already paused: resume it when the answer arrives.", "reason"
                )
            session.add(
                CorrespondencePauseRecord(
                    correspondence_id=record.id,
                    reason=chosen.value,
                    asked_on=asked_on,
                    answered_on=answered_on,
                    note=check_length(note, "note", "The note", NOTE_MAX),
                    staff_id=member.id,
                )
            )
            session.flush()
            return f"clock paused from {asked_on:%d %b %Y} ({chosen.label.lower()})" + (
                f" to {answered_on:%d %b %Y}" if answered_on else ""
            )

        return self._act(actor, item_id, "correspondence_paused", act)

    def resume_clock(
        self, actor: StaffMember | None, item_id: int, answered_on: date
    ) -> CorrespondenceItem:
        """The identity, clarification or fee arrived on ``answered_on``: the clock runs again
        and the due dates move by the paused days."""

        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            office = self._office(session)
            pause = open_pause(session, record)
            if pause is None:
                raise ValidationError("The clock is not paused.", "answered_on")
            engine = self._engine(office)
            check_pause(
                record.channel,
                pause.reason,
                pause.asked_on,
                answered_on,
                engine.calendar.local_date(record.received_at),
                self._today(office),
            )
            pause.answered_on = answered_on
            return f"clock resumed ({answered_on:%d %b %Y})"

        return self._act(actor, item_id, "correspondence_resumed", act)

    def extend(
        self, actor: StaffMember | None, item_id: int, reason: str, told_on: date | None = None
    ) -> CorrespondenceItem:
        """The statutory extension, with its reason (SAR complex; FOI public-interest test; EIR
        complex and voluminous), refused once the original deadline's day is over. A SAR needs
        ``told_on``: the day the person was told, within the first month."""

        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            office = self._office(session)
            engine, today = self._engine(office), self._today(office)
            original = check_extendable(session, record, engine, today)
            text = check_required(reason, "reason", "The reason", NOTE_MAX)
            received_on = engine.calendar.local_date(record.received_at)
            told = check_told_on(record.channel, told_on, received_on, original, today)
            record.extension_reason, record.extension_told_on = text, told
            record.extended_at, record.extended_by_id = self._clock(), member.id
            return "deadline extended" + (f" (told {told:%d %b %Y})" if told else "")

        return self._act(actor, item_id, "correspondence_extended", act)

    def _act(
        self,
        actor: StaffMember | None,
        item_id: int,
        action: str,
        change: Callable[[Session, CorrespondenceRecord, StaffMember], str],
        allow_closed: bool = False,
    ) -> CorrespondenceItem:
        member = self._require_actor(actor)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, item_id)
            if record.closed_at is not None and not allow_closed:
                raise ValidationError("It is already closed.", "status")
            summary = change(session, record, member)
            session.flush()
            recompute(record, self._engine(office), pauses(session, record), self._today(office))
            log_event(
                session,
                at=now,
                action=action,
                entity="correspondence",
                entity_id=record.id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"{reference(record.channel, record.id)} {summary}",
            )
            return self._item(session, office, record, full=True)
