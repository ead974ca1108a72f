"""The correspondence log: log, acknowledge, holding responses, respond, close; clock pauses and
extensions for SAR, FOI and EIR; and the walk-in follow-ups with their agreed target dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from reception_app.domain.correspondence import (
    NOTE_MAX,
    ClockPause,
    CorrespondenceDraft,
    CorrespondenceItem,
    Deadlines,
    FollowUp,
    HoldingResponse,
    PauseReason,
    channel_can_extend,
    check_holding,
    check_pause,
    clean_correspondence,
    compute_deadlines,
    next_step,
    reference,
    status_of,
)
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.standards import CHANNELS
from reception_app.domain.validation import check_length, check_required
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
    HoldingResponseRecord,
    VisitFollowUpRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import ContactRecord, OfficeRecord, StaffRecord, VisitRecord
from reception_app.services.contact_links import check_contact, chunks, contact_names
from reception_app.services.office_scoped import OfficeScoped, owned

VIEWS = ("open", "due_soon", "overdue", "paused", "closed", "all")
CLOSED_LIST_DAYS = 90
"""The 'closed' view shows what was closed in the last 90 days."""


def due_value(on: date | None, at: datetime | None) -> date | datetime | None:
    return at if at is not None else on


def _next_due_moment_passed(now: datetime) -> ColumnElement[bool]:
    """The next step runs on an hours clock whose moment has come (``now`` or before).

    The record keeps the due moment per clock (``*_due_at``); the next step says which clock
    is next ("respond" with an extension is a date only). Never NULL, so it can be negated.
    """
    c = CorrespondenceRecord
    return or_(
        and_(
            c.next_step == "acknowledge",
            c.acknowledge_due_at.is_not(None),
            c.acknowledge_due_at <= now,
        ),
        and_(
            c.next_step == "respond",
            c.extended_due_on.is_(None),
            c.respond_due_at.is_not(None),
            c.respond_due_at <= now,
        ),
        and_(c.next_step == "final", c.final_due_at.is_not(None), c.final_due_at <= now),
    )


def overdue_condition(today: date, now: datetime) -> ColumnElement[bool]:
    """Open items whose next step is late: its day is over, or its due moment has come."""
    c = CorrespondenceRecord
    return and_(
        c.closed_at.is_(None),
        c.next_due_on.is_not(None),
        or_(c.next_due_on < today, _next_due_moment_passed(now)),
    )


def due_soon_condition(today: date, soon: date, now: datetime) -> ColumnElement[bool]:
    """Open items due today or on the next working day and not already late."""
    c = CorrespondenceRecord
    return and_(
        c.closed_at.is_(None),
        c.next_due_on >= today,
        c.next_due_on <= soon,
        not_(_next_due_moment_passed(now)),
    )


class CorrespondenceService(OfficeScoped):
    """Correspondence of one office. Every public method is one transaction."""

    # --- logging ------------------------------------------------------------------------------

    def deadline_engine(self) -> DeadlineEngine:
        with transaction(self._factory, write=False) as session:
            return self._engine(self._office(session))

    def preview(self, channel: str, received_at: datetime) -> Deadlines:
        """The due dates an item would get, shown in the dialog before it is saved."""
        if channel not in CHANNELS:
            raise ValidationError("Choose the channel it came by.", "channel")
        engine = self.deadline_engine()
        return compute_deadlines(engine, channel, received_at)

    def log(self, actor: StaffMember | None, draft: CorrespondenceDraft) -> CorrespondenceItem:
        member = self._require_actor(actor)
        now = self._clock()
        cleaned = clean_correspondence(draft, now)
        with transaction(self._factory) as session:
            office = self._office(session)
            assert cleaned.owner_id is not None
            self._check_owner(session, office, cleaned.owner_id)
            if cleaned.contact_id is not None:
                check_contact(session, office, cleaned.contact_id, "contact_id")
            engine = self._engine(office)
            today = self._today(office)
            if cleaned.target_on is not None and cleaned.target_on < engine.calendar.local_date(
                cleaned.received_at
            ):
                raise ValidationError(
                    "The agreed target date cannot be before the day it was received.",
                    "target_on",
                )
            record = CorrespondenceRecord(
                office_id=office.id,
                channel=cleaned.channel,
                received_at=cleaned.received_at,
                logged_at=now,
                logged_by_id=member.id,
                contact_id=cleaned.contact_id,
                from_name=cleaned.from_name,
                from_email=cleaned.from_email,
                from_phone=cleaned.from_phone,
                subject=cleaned.subject,
                summary=cleaned.summary,
                owner_id=cleaned.owner_id,
                target_on=cleaned.target_on,
                extension_reason="",
                response_note="",
                close_note="",
                next_step="",
            )
            session.add(record)
            self._recompute(record, engine, [], today)
            session.flush()
            log_event(
                session,
                at=now,
                action="correspondence_logged",
                entity="correspondence",
                entity_id=record.id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"{reference(record.channel, record.id)} logged: "
                f"{CHANNELS[record.channel]}",
            )
            return self._item(session, office, record, full=True)

    # --- reading ------------------------------------------------------------------------------

    def list_items(
        self,
        view: str = "open",
        owner_id: int | None = None,
        channel: str | None = None,
    ) -> list[CorrespondenceItem]:
        """Items for a view: open, due soon (today or the next working day), overdue, paused,
        closed (last 90 days) or all; optionally one owner's or one channel's."""
        if view not in VIEWS:
            raise ValidationError(f"Unknown view '{view}'.", "view")
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            engine = self._engine(office)
            today = self._today(office)
            c = CorrespondenceRecord
            query = select(c).where(c.office_id == office.id)
            paused_ids = select(CorrespondencePauseRecord.correspondence_id).where(
                CorrespondencePauseRecord.answered_on.is_(None)
            )
            if view == "open":
                query = query.where(c.closed_at.is_(None))
            elif view == "due_soon":
                soon = engine.calendar.next_working_day_after(today)
                query = query.where(due_soon_condition(today, soon, self._clock()))
            elif view == "overdue":
                query = query.where(overdue_condition(today, self._clock()))
            elif view == "paused":
                query = query.where(c.closed_at.is_(None), c.id.in_(paused_ids))
            elif view == "closed":
                since = self._clock() - timedelta(days=CLOSED_LIST_DAYS)
                query = query.where(c.closed_at >= since)
            if owner_id is not None:
                query = query.where(c.owner_id == owner_id)
            if channel:
                query = query.where(c.channel == channel)
            query = query.order_by(c.next_due_on.is_(None), c.next_due_on, c.received_at)
            records = list(session.scalars(query))
            return self._items(session, office, records)

    def get(self, item_id: int) -> CorrespondenceItem:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return self._item(session, office, self._record(session, office, item_id), full=True)

    def counts(self) -> dict[str, int]:
        """How many items are open, due soon, overdue and paused (for the view buttons)."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            engine = self._engine(office)
            today, now = self._today(office), self._clock()
            soon = engine.calendar.next_working_day_after(today)
            c = CorrespondenceRecord
            base = (
                select(func.count())
                .select_from(c)
                .where(c.office_id == office.id, c.closed_at.is_(None))
            )
            paused = select(CorrespondencePauseRecord.correspondence_id).where(
                CorrespondencePauseRecord.answered_on.is_(None)
            )
            return {
                "open": int(session.scalar(base) or 0),
                "due_soon": int(
                    session.scalar(base.where(due_soon_condition(today, soon, now))) or 0
                ),
                "overdue": int(session.scalar(base.where(overdue_condition(today, now))) or 0),
                "paused": int(session.scalar(base.where(c.id.in_(paused))) or 0),
            }

    # --- actions ------------------------------------------------------------------------------

    def acknowledge(self, actor: StaffMember | None, item_id: int) -> CorrespondenceItem:
        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            if record.acknowledged_at is not None:
                raise ValidationError("It has already been acknowledged.", "status")
            record.acknowledged_at, record.acknowledged_by_id = self._clock(), member.id
            return "acknowledged"

        return self._act(actor, item_id, "correspondence_acknowledged", act)

    def send_holding_response(
        self,
        actor: StaffMember | None,
        item_id: int,
        reason: str,
        expected_on: date,
        contact_staff_id: int | None = None,
    ) -> CorrespondenceItem:
        """Record a holding response: why, the expected date and the named contact (by default
        the owner) with the phone and email given to the customer."""

        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            office = self._office(session)
            text = check_holding(reason, expected_on, self._today(office))
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
            return f"holding response sent, expected {expected_on:%d %b %Y}"

        return self._act(actor, item_id, "correspondence_holding", act)

    def respond(
        self, actor: StaffMember | None, item_id: int, note: str = ""
    ) -> CorrespondenceItem:
        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            if record.responded_at is not None:
                raise ValidationError("The response has already been recorded.", "status")
            if self._open_pause(session, record) is not None:
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
            pause = self._open_pause(session, record)
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
            if answered_on is None and self._open_pause(session, record) is not None:
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
            pause = self._open_pause(session, record)
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

    def extend(self, actor: StaffMember | None, item_id: int, reason: str) -> CorrespondenceItem:
        """The statutory extension, with its reason (SAR complex; FOI public-interest test; EIR
        complex and voluminous)."""

        def act(session: Session, record: CorrespondenceRecord, member: StaffMember) -> str:
            if not channel_can_extend(record.channel):
                raise ValidationError(
                    "Only subject access, FOI and EIR requests can be extended.", "reason"
                )
            if record.extended_at is not None:
                raise ValidationError("It has already been extended.", "reason")
            if record.responded_at is not None:
                raise ValidationError("It has already been answered.", "reason")
            record.extension_reason = check_required(reason, "reason", "The reason", NOTE_MAX)
            record.extended_at, record.extended_by_id = self._clock(), member.id
            return "deadline extended"

        return self._act(actor, item_id, "correspondence_extended", act)

    # --- walk-in follow-ups -------------------------------------------------------------------

    def follow_ups(self, include_closed: bool = False) -> list[FollowUp]:
        """Walk-ins not resolved at first contact, by agreed target date."""
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            staff = self._staff_names(session, office)
            v, f = VisitRecord, VisitFollowUpRecord
            query = (
                select(v, f, ContactRecord.full_name)
                .outerjoin(f, f.visit_id == v.id)
                .outerjoin(
                    ContactRecord,
                    (ContactRecord.id == v.contact_id) & (ContactRecord.office_id == office.id),
                )
                .where(v.office_id == office.id, v.resolved_first_contact.is_(False))
                .order_by(v.follow_up_target.is_(None), v.follow_up_target, v.id)
            )
            if not include_closed:
                query = query.where(f.id.is_(None))
            out = []
            for visit, closing, contact_name in session.execute(query):
                out.append(
                    FollowUp(
                        visit_id=visit.id,
                        ticket=visit.ticket,
                        visit_day=visit.ticket_day,
                        visitor=contact_name or visit.display_name,
                        service_name=visit.service.name,
                        officer_id=visit.follow_up_officer_id,
                        officer_name=staff.get(visit.follow_up_officer_id or -1, ""),
                        target_on=visit.follow_up_target,
                        note=visit.note,
                        closed_at=closing.closed_at if closing else None,
                        close_note=closing.note if closing else "",
                        contact_id=visit.contact_id,
                    )
                )
            return out

    def close_follow_up(self, actor: StaffMember | None, visit_id: int, note: str) -> None:
        member = self._require_actor(actor)
        text = check_required(note, "note", "What was done", NOTE_MAX)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            visit = session.get(VisitRecord, visit_id)
            if (
                visit is None
                or visit.office_id != office.id
                or visit.resolved_first_contact is not False
            ):
                raise NotFoundError("That follow-up no longer exists.")
            existing = session.scalars(
                select(VisitFollowUpRecord).where(VisitFollowUpRecord.visit_id == visit_id)
            ).first()
            if existing is not None:
                raise ValidationError("This follow-up is already done.", "note")
            session.add(
                VisitFollowUpRecord(
                    visit_id=visit_id, closed_at=now, closed_by_id=member.id, note=text
                )
            )
            log_event(
                session,
                at=now,
                action="follow_up_done",
                entity="visit",
                entity_id=visit_id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"Follow-up of {visit.ticket} ({visit.ticket_day:%d %b %Y}) done",
            )

    # --- helpers ------------------------------------------------------------------------------

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
            self._recompute(
                record, self._engine(office), self._pauses(session, record), self._today(office)
            )
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

    def _recompute(
        self,
        record: CorrespondenceRecord,
        engine: DeadlineEngine,
        pauses: Sequence[ClockPause],
        today: date,
    ) -> Deadlines:
        return recompute(record, engine, pauses, today)

    @staticmethod
    def _deadlines(
        record: CorrespondenceRecord,
        engine: DeadlineEngine,
        pauses: Sequence[ClockPause],
        today: date,
    ) -> Deadlines:
        return record_deadlines(record, engine, pauses, today)

    @staticmethod
    def _pauses(session: Session, record: CorrespondenceRecord) -> list[ClockPause]:
        return [
            ClockPause(
                id=p.id,
                reason=PauseReason(p.reason),
                asked_on=p.asked_on,
                answered_on=p.answered_on,
                note=p.note,
            )
            for p in session.scalars(
                select(CorrespondencePauseRecord)
                .where(CorrespondencePauseRecord.correspondence_id == record.id)
                .order_by(CorrespondencePauseRecord.asked_on, CorrespondencePauseRecord.id)
            )
        ]

    @staticmethod
    def _open_pause(
        session: Session, record: CorrespondenceRecord
    ) -> CorrespondencePauseRecord | None:
        return session.scalars(
            select(CorrespondencePauseRecord).where(
                CorrespondencePauseRecord.correspondence_id == record.id,
                CorrespondencePauseRecord.answered_on.is_(None),
            )
        ).first()

    @staticmethod
    def _record(session: Session, office: OfficeRecord, item_id: int) -> CorrespondenceRecord:
        return owned(session, CorrespondenceRecord, item_id, office, "correspondence")

    @staticmethod
    def _check_owner(session: Session, office: OfficeRecord, owner_id: int) -> StaffRecord:
        owner = session.get(StaffRecord, owner_id)
        if owner is None or owner.office_id != office.id:
            raise ValidationError("That officer is not on the staff list here.", "owner")
        if not owner.active:
            raise ValidationError(
                f"{owner.full_name} no longer works here (their account is inactive): choose "
                "another officer.",
                "owner",
            )
        return owner

    @staticmethod
    def _staff_names(session: Session, office: OfficeRecord) -> dict[int, str]:
        rows = session.execute(
            select(StaffRecord.id, StaffRecord.full_name).where(StaffRecord.office_id == office.id)
        )
        return {staff_id: name for staff_id, name in rows}

    def _items(
        self, session: Session, office: OfficeRecord, records: list[CorrespondenceRecord]
    ) -> list[CorrespondenceItem]:
        """Many rows at once: three small queries, not three per row."""
        staff = {
            r.id: r
            for r in session.scalars(select(StaffRecord).where(StaffRecord.office_id == office.id))
        }
        paused: set[int] = set()
        holding: dict[int, date] = {}
        if records:
            open_ids = [r.id for r in records if r.closed_at is None]
            for chunk in chunks(open_ids, 900):
                paused |= set(
                    session.scalars(
                        select(CorrespondencePauseRecord.correspondence_id).where(
                            CorrespondencePauseRecord.correspondence_id.in_(chunk),
                            CorrespondencePauseRecord.answered_on.is_(None),
                        )
                    )
                )
            for chunk in chunks([r.id for r in records], 900):
                for item_id, expected in session.execute(
                    select(
                        HoldingResponseRecord.correspondence_id, HoldingResponseRecord.expected_on
                    )
                    .where(HoldingResponseRecord.correspondence_id.in_(chunk))
                    .order_by(HoldingResponseRecord.sent_at)
                ):
                    holding[item_id] = expected
        names = contact_names(session, office, [r.contact_id for r in records])
        return [
            self._to_item(r, staff, r.id in paused, holding.get(r.id), (), (), names)
            for r in records
        ]

    def _item(
        self, session: Session, office: OfficeRecord, record: CorrespondenceRecord, full: bool
    ) -> CorrespondenceItem:
        staff = {
            r.id: r
            for r in session.scalars(select(StaffRecord).where(StaffRecord.office_id == office.id))
        }
        pauses = self._pauses(session, record)
        holding_rows = list(
            session.scalars(
                select(HoldingResponseRecord)
                .where(HoldingResponseRecord.correspondence_id == record.id)
                .order_by(HoldingResponseRecord.sent_at, HoldingResponseRecord.id)
            )
        )
        holding = tuple(
            HoldingResponse(
                id=h.id,
                sent_at=h.sent_at,
                reason=h.reason,
                expected_on=h.expected_on,
                contact_name=h.contact_name,
                contact_phone=h.contact_phone,
                contact_email=h.contact_email,
                staff_name=staff[h.staff_id].full_name if h.staff_id in staff else "",
            )
            for h in holding_rows
        )
        item = self._to_item(
            record,
            staff,
            any(p.is_open for p in pauses),
            holding[-1].expected_on if holding else None,
            tuple(pauses),
            holding,
            contact_names(session, office, [record.contact_id]),
        )
        if any(p.is_open for p in pauses):
            # While paused the stored dates are stale: show them as if answered today.
            engine = self._engine(office)
            deadlines = self._deadlines(record, engine, pauses, self._today(office))
            item = _replace_deadlines(item, deadlines)
        return item

    @staticmethod
    def _to_item(
        record: CorrespondenceRecord,
        staff: dict[int, StaffRecord],
        paused: bool,
        holding_expected: date | None,
        pauses: tuple[ClockPause, ...],
        holding: tuple[HoldingResponse, ...],
        contact_names: dict[int, str],
    ) -> CorrespondenceItem:
        """``contact_names``: the current name of each linked contact, shown instead of the name
        typed when the item was logged (the contact may have been corrected since)."""
        owner = staff.get(record.owner_id)
        deadlines = Deadlines(
            acknowledge=due_value(record.acknowledge_due_on, record.acknowledge_due_at),
            respond=due_value(record.respond_due_on, record.respond_due_at),
            final=due_value(record.final_due_on, record.final_due_at),
            extended=record.extended_due_on,
            target=record.target_on,
        )
        next_due: date | datetime | None = None
        if record.next_step:
            key = (
                "extended"
                if record.next_step == "respond" and record.extended_due_on
                else record.next_step
            )
            next_due = deadlines.clocks().get(key, record.next_due_on)
        logged_by = staff.get(record.logged_by_id or -1)
        return CorrespondenceItem(
            id=record.id,
            channel=record.channel,
            received_at=record.received_at,
            from_name=contact_names.get(record.contact_id or -1, record.from_name),
            subject=record.subject,
            owner_id=record.owner_id,
            owner_name=owner.full_name if owner else "",
            deadlines=deadlines,
            status=status_of(
                closed=record.closed_at is not None,
                paused=paused,
                responded=record.responded_at is not None,
                holding=holding_expected is not None,
                acknowledged=record.acknowledged_at is not None,
            ),
            next_step=record.next_step,
            next_due=next_due,
            summary=record.summary,
            from_email=record.from_email,
            from_phone=record.from_phone,
            contact_id=record.contact_id,
            owner_phone=owner.phone if owner else "",
            owner_email=owner.email if owner else "",
            acknowledged_at=record.acknowledged_at,
            responded_at=record.responded_at,
            closed_at=record.closed_at,
            response_note=record.response_note,
            close_note=record.close_note,
            extension_reason=record.extension_reason,
            pauses=pauses,
            holding_responses=holding,
            holding_expected_on=holding_expected,
            logged_by_name=logged_by.full_name if logged_by else "",
        )


def record_deadlines(
    record: CorrespondenceRecord,
    engine: DeadlineEngine,
    pauses: Sequence[ClockPause],
    today: date,
) -> Deadlines:
    return compute_deadlines(
        engine,
        record.channel,
        record.received_at,
        pauses,
        today,
        extended=record.extended_at is not None,
        target=record.target_on,
    )


def recompute(
    record: CorrespondenceRecord,
    engine: DeadlineEngine,
    pauses: Sequence[ClockPause],
    today: date,
) -> Deadlines:
    """Store the due dates of ``record`` and its next step (used after every change)."""
    deadlines = record_deadlines(record, engine, pauses, today)
    for name in ("acknowledge", "respond", "final"):
        value = getattr(deadlines, name)
        setattr(record, f"{name}_due_on", engine.due_day(value) if value is not None else None)
        setattr(record, f"{name}_due_at", value if isinstance(value, datetime) else None)
    record.extended_due_on = deadlines.extended
    step = next_step(
        deadlines,
        acknowledged=record.acknowledged_at is not None,
        responded=record.responded_at is not None,
        closed=record.closed_at is not None,
        paused=any(p.is_open for p in pauses),
    )
    record.next_step = step[0] if step else ""
    record.next_due_on = engine.due_day(step[1]) if step else None
    return deadlines


def _replace_deadlines(item: CorrespondenceItem, deadlines: Deadlines) -> CorrespondenceItem:
    import dataclasses

    return dataclasses.replace(item, deadlines=deadlines)
