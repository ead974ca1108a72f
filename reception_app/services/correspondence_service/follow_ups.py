"""Walk-in follow-ups: visitors not resolved at first contact, with the officer and the target
date agreed with them, until the follow-up is recorded as done."""

from __future__ import annotations

from sqlalchemy import select

from reception_app.domain.correspondence import NOTE_MAX, FollowUp
from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_required
from reception_app.persistence.correspondence_records import VisitFollowUpRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import ContactRecord, VisitRecord
from reception_app.services.correspondence_service.views import CorrespondenceBase


class FollowUps(CorrespondenceBase):
    """Walk-in follow-ups (``CorrespondenceService`` is made of this and its siblings)."""

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
