"""One person's data (issue 12): a subject access export, and erasure on request.

Both are manager-only (or the command line) and recorded in the event log; the erasure entry
names the contact's number and the counts, never the erased details (DOMAIN.md 9).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, ReceptionError
from reception_app.domain.person_data import ErasurePlan, PersonData, RecordSet
from reception_app.domain.retention import correspondence_kind
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    FeedbackRecord,
    IncidentRecord,
    MessageRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import (
    ContactRecord,
    DeskRecord,
    EventRecord,
    InterviewRoomRecord,
    ServiceRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.retention import Actor, check_actor, delete_files, staff_id_of
from reception_app.services.retention.clearing import (
    NOTIFICATION_CLEAR,
    clear_letters,
    clear_records,
    update_where,
)
from reception_app.services.retention.rules import RULES, Rule

LINKED: tuple[tuple[str, str, Any, str], ...] = (
    ("visits", "Visits", VisitRecord, "visit"),
    ("appointments", "Appointments", AppointmentRecord, "appointment"),
    ("messages", "Phone messages", MessageRecord, "message"),
    ("correspondence", "Correspondence", CorrespondenceRecord, "correspondence"),
    ("feedback", "Feedback", FeedbackRecord, "feedback"),
    ("incidents", "Incidents", IncidentRecord, "incident"),
    ("letters", "Letters sent", LetterRecord, "letter"),
    ("notifications", "Texts and e-mails", NotificationRecord, "notification"),
)
"""(export key, title, record, event-log entity) of every record that names a contact."""
HIDDEN = frozenset({"name_key", "position", "office_id"})


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


Names = dict[str, dict[int, str]]
"""Table -> id -> name, for showing 'Priya Shah' rather than 'staff 5'."""


def _names(session: Session, office_id: int) -> Names:
    named = (
        ("staff", StaffRecord, StaffRecord.full_name),
        ("services", ServiceRecord, ServiceRecord.name),
        ("desks", DeskRecord, DeskRecord.name),
        ("interview_rooms", InterviewRoomRecord, InterviewRoomRecord.name),
    )
    return {
        table: {
            row[0]: row[1]
            for row in session.execute(select(model.id, name).where(model.office_id == office_id))
        }
        for table, model, name in named
    }


def _record_set(
    key: str, title: str, model: Any, rows: Sequence[Any], names: Names | None = None
) -> RecordSet:
    columns = [c for c in model.__table__.columns if c.key not in HIDDEN]
    targets = {c.key: next((fk.column.table.name for fk in c.foreign_keys), "") for c in columns}

    def shown(row: Any, column: str) -> str:
        value = getattr(row, column)
        lookup = (names or {}).get(targets[column])
        if lookup is not None and isinstance(value, int) and value in lookup:
            return f"{lookup[value]} ({value})"
        return _text(value)

    return RecordSet(
        key,
        title,
        tuple(c.key for c in columns),
        tuple(tuple(shown(row, c.key) for c in columns) for row in rows),
    )


class PersonDataService(OfficeScoped):
    """Subject access export and erasure of one contact of the office."""

    def gather(self, actor: Actor, contact_id: int) -> PersonData:
        """Everything held about the contact, read in one snapshot."""
        with transaction(self._factory, write=False) as session:
            check_actor(actor, session)
            office = self._office(session)
            contact = self._contact(session, contact_id, office.id)
            names = _names(session, office.id)
            sets = [_record_set("contact", "Contact record", ContactRecord, [contact])]
            touched: list[tuple[str, list[int]]] = [("contact", [contact_id])]
            for key, title, model, entity in LINKED:
                rows = list(
                    session.scalars(
                        select(model).where(model.contact_id == contact_id).order_by(model.id)
                    )
                )
                sets.append(_record_set(key, title, model, rows, names))
                touched.append((entity, [r.id for r in rows]))
                if model is AppointmentRecord:
                    bookings = _bookings(session, [r.id for r in rows])
                    sets.append(
                        _record_set(
                            "room_bookings", "Room bookings", RoomBookingRecord, bookings, names
                        )
                    )
                    touched.append(("room_booking", [b.id for b in bookings]))
            sets.append(_events(session, touched))
            files = tuple(
                r.file_name
                for r in session.scalars(
                    select(LetterRecord).where(LetterRecord.contact_id == contact_id)
                )
                if r.file_name and Path(r.file_name).is_file()
            )
            size = contact.large_print_size or 18
            large = contact.preferred_format == "large_print"
            return PersonData(
                contact_id,
                contact.full_name,
                office.name,
                size if large else None,
                self._clock(),
                tuple(sets),
                files,
            )

    def export(self, actor: Actor, contact_id: int, path: Path) -> PersonData:
        """Write everything held about the contact to the zip ``path`` (recorded as exported)."""
        from reception_app.documents.person_export import write_person_export
        from reception_app.documents.report_csv import check_output

        check_output(path, (".zip",))
        data = self.gather(actor, contact_id)
        write_person_export(data, path)
        with transaction(self._factory) as session:  # recorded once it exists (DOMAIN.md 9)
            check_actor(actor, session)
            log_event(
                session,
                at=self._clock(),
                action="subject_access_export",
                entity="contact",
                entity_id=contact_id,
                staff_id=staff_id_of(actor),
                office_id=self._office(session).id,
                summary=f"Everything held about contact {contact_id} exported "
                f"({sum(len(s.rows) for s in data.sets)} records)",
            )
        return data

    def erasure_plan(self, actor: Actor, contact_id: int) -> ErasurePlan:
        with transaction(self._factory, write=False) as session:
            check_actor(actor, session)
            office = self._office(session)
            return _plan(session, self._contact(session, contact_id, office.id))

    def erase(self, actor: Actor, contact_id: int) -> ErasurePlan:
        """Remove the person: every linked record loses its personal details (as retention
        does) and the contact goes. Refused, with nothing changed, while a blocker remains."""
        files: list[str] = []
        with transaction(self._factory) as session:
            check_actor(actor, session)
            office = self._office(session)
            contact = self._contact(session, contact_id, office.id)
            plan = _plan(session, contact)
            if plan.blockers:
                raise ReceptionError(
                    "Nothing was erased: "
                    + "; ".join(plan.blockers)
                    + ". Deal with "
                    + ("it" if len(plan.blockers) == 1 else "them")
                    + " first."
                )
            now = self._clock()
            for model, rule in _first_rules().items():
                ids = list(session.scalars(select(model.id).where(model.contact_id == contact_id)))
                clear_records(session, rule, ids, now, files)
            clear_letters(session, LetterRecord.contact_id == contact_id, files)
            update_where(
                session,
                NotificationRecord,
                NotificationRecord.contact_id == contact_id,
                NOTIFICATION_CLEAR,
            )
            session.execute(delete(ContactRecord).where(ContactRecord.id == contact_id))
            log_event(
                session,
                at=now,
                action="contact_erased",
                entity="contact",
                entity_id=contact_id,
                staff_id=staff_id_of(actor),
                office_id=office.id,
                summary=f"Contact {contact_id} erased on request; anonymous statistics kept",
                details={"counts": plan.counts, "files": plan.files},
            )
        delete_files(files)
        return plan

    @staticmethod
    def _contact(session: Session, contact_id: int, office_id: int) -> ContactRecord:
        contact = session.get(ContactRecord, contact_id)
        if contact is None or contact.office_id != office_id:
            raise NotFoundError(f"There is no contact {contact_id} at this office.")
        return contact


def _first_rules() -> dict[Any, Rule]:
    rules: dict[Any, Rule] = {}
    for rule in RULES:
        if rule.has_contact:
            rules.setdefault(rule.model, rule)
    return rules


def _bookings(session: Session, appointment_ids: list[int]) -> list[RoomBookingRecord]:
    if not appointment_ids:
        return []
    query = select(RoomBookingRecord).where(RoomBookingRecord.appointment_id.in_(appointment_ids))
    return list(session.scalars(query.order_by(RoomBookingRecord.id)))


def _events(session: Session, touched: list[tuple[str, list[int]]]) -> RecordSet:
    about = [
        and_(EventRecord.entity == entity, EventRecord.entity_id.in_(ids))
        for entity, ids in touched
        if ids
    ]
    query = (
        select(EventRecord.at, StaffRecord.full_name, EventRecord.action, EventRecord.entity)
        .add_columns(EventRecord.entity_id, EventRecord.summary)
        .outerjoin(StaffRecord, StaffRecord.id == EventRecord.staff_id)
        .where(or_(*about))
        .order_by(EventRecord.at, EventRecord.id)
    )
    rows = tuple(
        (_text(at), who or "System", action, entity, _text(entity_id), summary)
        for at, who, action, entity, entity_id, summary in session.execute(query)
    )
    headers = ("at", "by", "action", "record", "record_id", "summary")
    return RecordSet("audit", "Who did what with these records", headers, rows)


def _plan(session: Session, contact: ContactRecord) -> ErasurePlan:
    cid = contact.id
    blockers: list[str] = []
    if contact.legal_hold:
        blockers.append("the contact is on legal hold")
    counts: dict[str, int] = {}
    for key, _title, model, entity in LINKED:
        rows = list(session.scalars(select(model).where(model.contact_id == cid)))
        counts[key] = len(rows)
        held = [r for r in rows if getattr(r, "legal_hold", False)]
        if held:
            blockers.append(f"{len(held)} of their {key} on legal hold")
        if model is CorrespondenceRecord:
            for r in rows:
                if r.closed_at is None:
                    kind = correspondence_kind(r.channel).label.lower()
                    blockers.append(f"{entity} {r.id} is still open ({kind})")
        if model is FeedbackRecord:
            for r in rows:
                if r.status in ("open", "formal_complaint"):
                    blockers.append(f"{entity} {r.id} is still open")
    files = sum(
        1
        for name in session.scalars(
            select(LetterRecord.file_name).where(LetterRecord.contact_id == cid)
        )
        if name and Path(name).is_file()
    )
    return ErasurePlan(cid, contact.full_name, counts, tuple(blockers), files)
