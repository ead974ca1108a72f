"""Logging correspondence as it arrives and reading the log: the views (open, due soon,
overdue, paused, closed), one item in full, and the counts on the view buttons."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select

from reception_app.domain.correspondence import (
    CorrespondenceDraft,
    CorrespondenceItem,
    Deadlines,
    clean_correspondence,
    compute_deadlines,
    reference,
)
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.standards import CHANNELS
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.services.contact_links import check_contact
from reception_app.services.correspondence_service.clocks import (
    CLOSED_LIST_DAYS,
    VIEWS,
    due_soon_condition,
    overdue_condition,
    recompute,
)
from reception_app.services.correspondence_service.views import CorrespondenceBase


class Entries(CorrespondenceBase):
    """Logging and reading (``CorrespondenceService`` is made of this and its siblings)."""

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
            recompute(record, engine, [], today)
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
