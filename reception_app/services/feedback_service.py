"""Feedback (compliments, comments, concerns, complaints) and the incident log (managers only)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.correspondence import CorrespondenceDraft, clean_correspondence, reference
from reception_app.domain.errors import ValidationError
from reception_app.domain.feedback import (
    FEEDBACK_CHANNELS,
    NOTE_MAX,
    Feedback,
    FeedbackAction,
    FeedbackDraft,
    FeedbackKind,
    FeedbackStatus,
    Incident,
    IncidentDraft,
    IncidentKind,
    allowed_actions,
    check_details,
    clean_incident,
    refuse,
)
from reception_app.domain.people import Role, StaffMember
from reception_app.domain.validation import (
    check_email,
    check_length,
    check_phone,
    check_required,
)
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    FeedbackRecord,
    IncidentRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.services.context import ServiceContext
from reception_app.services.correspondence_service import CorrespondenceService
from reception_app.services.office_scoped import OfficeScoped, owned, require_manager

FEEDBACK_VIEWS = ("open", "serious", "all")


class FeedbackService(OfficeScoped):
    """Feedback and incidents of one office. Every public method is one transaction (making a
    concern formal also logs the complaint, in its own transaction, then links it)."""

    def __init__(self, context: ServiceContext, office_key: str) -> None:
        super().__init__(context, office_key)
        self._context = context

    # --- feedback -----------------------------------------------------------------------------

    def record(self, actor: StaffMember | None, draft: FeedbackDraft) -> Feedback:
        member = self._require_actor(actor)
        now = self._clock()
        if draft.channel not in FEEDBACK_CHANNELS:
            raise ValidationError("Choose how the feedback reached us.", "channel")
        if draft.received_at > now + timedelta(minutes=1):
            raise ValidationError("The received date cannot be in the future.", "received_at")
        details = check_details(draft.details)
        from_name = check_length(draft.from_name.strip(), "from_name", "The name", 300)
        phone = check_phone(draft.from_phone, "from_phone")
        email = check_email(draft.from_email, "from_email")
        about_service = check_length(
            draft.about_service.strip(), "about_service", "The service", 120
        )
        serious = draft.serious and draft.kind in (FeedbackKind.CONCERN, FeedbackKind.COMPLAINT)
        if draft.serious and not serious:
            raise ValidationError(
                "Only a concern or a complaint is escalated as serious.", "serious"
            )
        with transaction(self._factory) as session:
            office = self._office(session)
            if draft.about_staff_id is not None:
                self._staff_record(session, office, draft.about_staff_id, "about_staff")
            escalated_to = None
            if serious:
                escalated_to = self._manager(session, office, draft.escalate_to_id)
            record = FeedbackRecord(
                office_id=office.id,
                kind=draft.kind.value,
                channel=draft.channel,
                received_at=draft.received_at,
                recorded_at=now,
                recorded_by_id=member.id,
                contact_id=draft.contact_id,
                from_name=from_name,
                from_phone=phone,
                from_email=email,
                about_service=about_service,
                about_staff_id=draft.about_staff_id,
                details=details,
                status=FeedbackStatus.OPEN.value,
                serious=serious,
                escalated_to_id=escalated_to.id if escalated_to else None,
                escalated_at=now if escalated_to else None,
                outcome="",
            )
            session.add(record)
            session.flush()
            log_event(
                session,
                at=now,
                action="feedback_recorded",
                entity="feedback",
                entity_id=record.id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"{draft.kind.label} #{record.id} recorded"
                + (f"; serious, escalated to {escalated_to.full_name}" if escalated_to else ""),
            )
            return self._feedback(session, office, record)

    def list_feedback(self, view: str = "open") -> list[Feedback]:
        if view not in FEEDBACK_VIEWS:
            raise ValidationError(f"Unknown view '{view}'.", "view")
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            query = select(FeedbackRecord).where(FeedbackRecord.office_id == office.id)
            if view == "open":
                query = query.where(
                    FeedbackRecord.status.in_(
                        (FeedbackStatus.OPEN.value, FeedbackStatus.FORMAL_COMPLAINT.value)
                    )
                )
            elif view == "serious":
                query = query.where(FeedbackRecord.serious.is_(True))
            query = query.order_by(FeedbackRecord.received_at.desc(), FeedbackRecord.id.desc())
            staff = self._names(session, office)
            return [self._to_feedback(r, staff) for r in session.scalars(query)]

    def get(self, feedback_id: int) -> Feedback:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return self._feedback(session, office, self._record(session, office, feedback_id))

    def share(self, actor: StaffMember | None, feedback_id: int) -> Feedback:
        """A compliment is shared with the officer it is about (or the team, for a service)."""

        def act(session: Session, record: FeedbackRecord, member: StaffMember) -> str:
            record.status = FeedbackStatus.SHARED.value
            record.shared_at, record.shared_by_id = self._clock(), member.id
            return "shared with the officer"

        return self._act(actor, feedback_id, FeedbackAction.SHARE, act)

    def resolve_informally(
        self, actor: StaffMember | None, feedback_id: int, outcome: str
    ) -> Feedback:
        def act(session: Session, record: FeedbackRecord, member: StaffMember) -> str:
            record.outcome = check_required(outcome, "outcome", "How it was resolved", NOTE_MAX)
            record.status = FeedbackStatus.RESOLVED_INFORMALLY.value
            record.closed_at, record.closed_by_id = self._clock(), member.id
            return "resolved informally"

        return self._act(actor, feedback_id, FeedbackAction.RESOLVE_INFORMALLY, act)

    def make_formal(
        self, actor: StaffMember | None, feedback_id: int, owner_id: int | None
    ) -> Feedback:
        """Turn a concern or complaint into a formal complaint: a correspondence item on the
        complaint clocks (received now: the formal procedure starts today), owned by
        ``owner_id``."""
        member = self._require_actor(actor)
        current = self.get(feedback_id)
        if FeedbackAction.MAKE_FORMAL not in current.actions():
            raise refuse(current.kind, current.status, FeedbackAction.MAKE_FORMAL)
        now = self._clock()
        draft = clean_correspondence(
            CorrespondenceDraft(
                channel="complaint",
                received_at=now,
                from_name=current.from_name or "Not given",
                subject=_subject(current),
                owner_id=owner_id,
                summary=current.details,
                from_email=current.from_email,
                from_phone=current.from_phone,
                contact_id=current.contact_id,
            ),
            now,
        )
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, feedback_id)
            if FeedbackAction.MAKE_FORMAL not in allowed_actions(
                FeedbackKind(record.kind), FeedbackStatus(record.status), record.serious
            ):
                raise refuse(
                    FeedbackKind(record.kind),
                    FeedbackStatus(record.status),
                    FeedbackAction.MAKE_FORMAL,
                )
        item = CorrespondenceService(self._context, self._office_key).log(member, draft)
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, feedback_id)
            record.status = FeedbackStatus.FORMAL_COMPLAINT.value
            record.complaint_id = item.id
            log_event(
                session,
                at=now,
                action="feedback_formal",
                entity="feedback",
                entity_id=record.id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"Feedback #{record.id} is now formal complaint {item.reference}",
            )
            return self._feedback(session, office, record)

    def escalate(
        self, actor: StaffMember | None, feedback_id: int, manager_id: int | None
    ) -> Feedback:
        """A serious concern or complaint goes to a manager (Hellesdon 5.7)."""

        def act(session: Session, record: FeedbackRecord, member: StaffMember) -> str:
            manager = self._manager(session, self._office(session), manager_id)
            record.serious = True
            record.escalated_to_id, record.escalated_at = manager.id, self._clock()
            return f"escalated to {manager.full_name}"

        return self._act(actor, feedback_id, FeedbackAction.ESCALATE, act)

    def close(self, actor: StaffMember | None, feedback_id: int, outcome: str = "") -> Feedback:
        def act(session: Session, record: FeedbackRecord, member: StaffMember) -> str:
            text = check_length(outcome, "outcome", "The outcome", NOTE_MAX)
            if record.status == FeedbackStatus.FORMAL_COMPLAINT.value and record.complaint_id:
                complaint = session.get(CorrespondenceRecord, record.complaint_id)
                if complaint is not None and complaint.closed_at is None:
                    raise ValidationError(
                        f"The formal complaint {reference('complaint', complaint.id)} is still "
                        "open: close it on the Log tab first.",
                        "outcome",
                    )
            record.outcome = text
            record.status = FeedbackStatus.CLOSED.value
            record.closed_at, record.closed_by_id = self._clock(), member.id
            return "closed"

        return self._act(actor, feedback_id, FeedbackAction.CLOSE, act)

    # --- incidents ----------------------------------------------------------------------------

    def record_incident(self, actor: StaffMember | None, draft: IncidentDraft) -> int:
        """Anyone signed in may record an incident (they may be the one it happened to); only
        managers can read the log. Returns the new incident's number."""
        member = self._require_actor(actor)
        now = self._clock()
        cleaned = clean_incident(draft, now)
        with transaction(self._factory) as session:
            office = self._office(session)
            record = IncidentRecord(
                office_id=office.id,
                occurred_at=cleaned.occurred_at,
                recorded_at=now,
                recorded_by_id=member.id,
                kind=cleaned.kind.value,
                location=cleaned.location,
                person=cleaned.person,
                contact_id=cleaned.contact_id,
                staff_involved=cleaned.staff_involved,
                description=cleaned.description,
                action_taken=cleaned.action_taken,
                police_told=cleaned.police_told,
                police_reference=cleaned.police_reference,
                police_not_told_reason=cleaned.police_not_told_reason,
                witness_count=cleaned.witness_count,
            )
            session.add(record)
            session.flush()
            # The log entry names no person: the event log is readable more widely.
            log_event(
                session,
                at=now,
                action="incident_recorded",
                entity="incident",
                entity_id=record.id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"Incident #{record.id} recorded",
            )
            return record.id

    def incidents(self, actor: StaffMember | None) -> list[Incident]:
        require_manager(actor)
        with transaction(self._factory, write=False) as session:
            require_manager(actor, session)
            office = self._office(session)
            names = self._names(session, office)
            rows = session.scalars(
                select(IncidentRecord)
                .where(IncidentRecord.office_id == office.id)
                .order_by(IncidentRecord.occurred_at.desc())
            )
            return [
                Incident(
                    id=r.id,
                    occurred_at=r.occurred_at,
                    kind=IncidentKind(r.kind),
                    description=r.description,
                    location=r.location,
                    person=r.person,
                    staff_involved=r.staff_involved,
                    action_taken=r.action_taken,
                    police_told=r.police_told,
                    police_reference=r.police_reference,
                    police_not_told_reason=r.police_not_told_reason,
                    witness_count=r.witness_count,
                    recorded_by_name=names.get(r.recorded_by_id or -1, ""),
                    recorded_at=r.recorded_at,
                )
                for r in rows
            ]

    # --- helpers ------------------------------------------------------------------------------

    def _act(
        self,
        actor: StaffMember | None,
        feedback_id: int,
        action: FeedbackAction,
        change: Callable[[Session, FeedbackRecord, StaffMember], str],
    ) -> Feedback:
        member = self._require_actor(actor)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = self._record(session, office, feedback_id)
            kind, status = FeedbackKind(record.kind), FeedbackStatus(record.status)
            if action not in allowed_actions(kind, status, record.serious):
                raise refuse(kind, status, action)
            summary = change(session, record, member)
            log_event(
                session,
                at=now,
                action=f"feedback_{action.value}",
                entity="feedback",
                entity_id=record.id,
                office_id=office.id,
                staff_id=member.id,
                summary=f"{kind.label} #{record.id} {summary}",
            )
            session.flush()
            return self._feedback(session, office, record)

    @staticmethod
    def _record(session: Session, office: OfficeRecord, feedback_id: int) -> FeedbackRecord:
        return owned(session, FeedbackRecord, feedback_id, office, "feedback")

    @staticmethod
    def _staff_record(
        session: Session, office: OfficeRecord, staff_id: int, field: str
    ) -> StaffRecord:
        person = session.get(StaffRecord, staff_id)
        if person is None or person.office_id != office.id:
            raise ValidationError("That colleague is not on the staff list here.", field)
        return person

    def _manager(
        self, session: Session, office: OfficeRecord, manager_id: int | None
    ) -> StaffRecord:
        if manager_id is None:
            raise ValidationError("Choose the manager it is escalated to.", "escalate_to")
        person = self._staff_record(session, office, manager_id, "escalate_to")
        if person.role != Role.MANAGER.value or not person.active:
            raise ValidationError(
                f"{person.full_name} is not an active manager: choose a manager.", "escalate_to"
            )
        return person

    @staticmethod
    def _names(session: Session, office: OfficeRecord) -> dict[int, str]:
        rows = session.execute(
            select(StaffRecord.id, StaffRecord.full_name).where(StaffRecord.office_id == office.id)
        )
        return {staff_id: name for staff_id, name in rows}

    def _feedback(self, session: Session, office: OfficeRecord, record: FeedbackRecord) -> Feedback:
        return self._to_feedback(record, self._names(session, office))

    @staticmethod
    def _to_feedback(record: FeedbackRecord, names: dict[int, str]) -> Feedback:
        return Feedback(
            id=record.id,
            kind=FeedbackKind(record.kind),
            channel=record.channel,
            received_at=record.received_at,
            from_name=record.from_name,
            details=record.details,
            status=FeedbackStatus(record.status),
            about_service=record.about_service,
            about_staff_id=record.about_staff_id,
            about_staff_name=names.get(record.about_staff_id or -1, ""),
            from_phone=record.from_phone,
            from_email=record.from_email,
            contact_id=record.contact_id,
            serious=record.serious,
            escalated_to_name=names.get(record.escalated_to_id or -1, ""),
            escalated_at=record.escalated_at,
            shared_at=record.shared_at,
            complaint_id=record.complaint_id,
            outcome=record.outcome,
            recorded_by_name=names.get(record.recorded_by_id or -1, ""),
            closed_at=record.closed_at,
        )


def _subject(feedback: Feedback) -> str:
    about = feedback.about_service or feedback.about_staff_name
    first_line = feedback.details.strip().splitlines()[0] if feedback.details.strip() else ""
    text = f"Complaint about {about}" if about else f"Complaint: {first_line}"
    return text[:200]
