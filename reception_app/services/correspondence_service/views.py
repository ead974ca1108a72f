"""Correspondence records as the log shows them: the items with their owner, clocks, pauses
and holding responses, read many at a time or one in full; the look-ups every part shares."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.correspondence import (
    ClockPause,
    CorrespondenceItem,
    Deadlines,
    HoldingResponse,
    status_of,
)
from reception_app.domain.errors import ValidationError
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
    HoldingResponseRecord,
)
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.services.contact_links import chunks, contact_names
from reception_app.services.correspondence_service.clocks import due_value, pauses, record_deadlines
from reception_app.services.office_scoped import OfficeScoped, owned


class CorrespondenceBase(OfficeScoped):
    """What the parts of ``CorrespondenceService`` share."""

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
        clock_pauses = pauses(session, record)
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
            any(p.is_open for p in clock_pauses),
            holding[-1].expected_on if holding else None,
            tuple(clock_pauses),
            holding,
            contact_names(session, office, [record.contact_id]),
        )
        if any(p.is_open for p in clock_pauses):
            # While paused the stored dates are stale: show them as if answered today.
            engine = self._engine(office)
            deadlines = record_deadlines(record, engine, clock_pauses, self._today(office))
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
        deadlines, next_due = _stored_clocks(record)
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
            acknowledged_letter_id=record.acknowledged_letter_id,
            responded_letter_id=record.responded_letter_id,
            extension_told_on=record.extension_told_on,
            pauses=pauses,
            holding_responses=holding,
            holding_expected_on=holding_expected,
            logged_by_name=logged_by.full_name if logged_by else "",
        )


def _replace_deadlines(item: CorrespondenceItem, deadlines: Deadlines) -> CorrespondenceItem:
    import dataclasses

    return dataclasses.replace(item, deadlines=deadlines)


def _stored_clocks(record: CorrespondenceRecord) -> tuple[Deadlines, date | datetime | None]:
    """The due dates stored on ``record``, and when its next step is due."""
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
    return deadlines, next_due
