"""One person's data (issue 12): the subject access export and erasure, manager-only, audited."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reception_app.domain.errors import NotFoundError, PermissionDenied, ReceptionError
from reception_app.domain.people import PreferredFormat, Role, StaffMember
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.correspondence_records import CorrespondenceRecord, MessageRecord
from reception_app.persistence.engine import transaction
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.records import ContactRecord, EventRecord
from reception_app.services.container import AppServices
from reception_app.services.letter_service import LetterRequest, LetterSource
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import EXTRA, add_contact

NAME = "Zoë Łukasz Siobhán O'Neill"


def _person(services: AppServices, manager: StaffMember, tmp_path: Path, **kw: object) -> int:
    """A contact with an appointment, a closed message, a letter saved as a file."""
    contact = add_contact(services, manager, **kw)  # type: ignore[arg-type]
    cid = contact.id or 0
    factory = services.database.session_factory
    with transaction(factory) as session:
        appointment = session.scalars(select(AppointmentRecord).limit(1)).first()
        message = session.scalars(select(MessageRecord).limit(1)).first()
        if appointment is not None:
            appointment.contact_id, appointment.customer_name = cid, NAME
        if message is not None:
            message.contact_id, message.caller_name = cid, NAME
            message.body = '=HYPERLINK("http://x")'
    letter = tmp_path / "letter.pdf"
    services.letters().save_pdf(
        LetterRequest("acknowledgement", LetterSource("contact", cid), extra=EXTRA), letter, manager
    )
    return cid


pytestmark = pytest.mark.sample_history(10, 4)


@pytest.fixture
def filled(sample_history: AppServices) -> AppServices:
    """``demo.fill("hellesdon", 10, seed=4)`` on a copy, filled once per session."""
    return sample_history


def test_the_export_holds_everything_about_the_person_readably_and_is_recorded(
    filled: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    cid = _person(filled, manager, tmp_path, fmt=PreferredFormat.LARGE_PRINT, size=20)
    out = tmp_path / "sar.zip"
    data = filled.person_data().export(manager, cid, out)
    assert data.count("appointments") == 1 and data.count("messages") == 1
    assert data.count("letters") == 1
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        assert {"personal-data.pdf", "data.json", "csv/contact.csv", "csv/visits.csv"} <= names
        assert "csv/audit.csv" in names and "csv/room_bookings.csv" in names
        assert any(n.startswith("letters/") for n in names)
        document = json.loads(archive.read("data.json"))
        pdf = archive.read("personal-data.pdf")
        messages = list(
            csv.reader(io.StringIO(archive.read("csv/messages.csv").decode("utf-8-sig")))
        )
    assert document["records"]["contact"][0]["full_name"] == NAME
    assert document["records"]["appointments"][0]["customer_name"] == NAME
    assert any(
        e["action"] == "letter_sent" or e["record"] == "contact"
        for e in document["records"]["audit"]
    )
    body = messages[0].index("body")
    assert messages[1][body].startswith("'=")  # never run as a formula
    facts = read_pdf(pdf)
    text = squash(" ".join(facts.pages))
    assert f"Personal data held about {NAME}" in text
    assert min(facts.font_sizes) >= 20  # large print, as their record asks
    assert facts.language == "en-GB"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "sar.pdf").write_bytes(pdf)
    with transaction(filled.database.session_factory, write=False) as session:
        logged = session.scalar(
            select(func.count()).where(EventRecord.action == "subject_access_export")
        )
    assert logged == 1


def test_erasure_removes_the_person_keeps_statistics_and_says_what_went(
    filled: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    cid = _person(filled, manager, tmp_path)
    people = filled.person_data()
    plan = people.erasure_plan(manager, cid)
    assert plan.blockers == ()
    assert "1 appointment," in plan.describe() and "deletes 1 letter file" in plan.describe()
    appointments_before = _count(filled, AppointmentRecord)

    people.erase(manager, cid)

    assert _count(filled, ContactRecord, ContactRecord.id == cid) == 0
    assert _count(filled, AppointmentRecord) == appointments_before
    assert _count(filled, AppointmentRecord, AppointmentRecord.customer_name == NAME) == 0
    assert _count(filled, MessageRecord, MessageRecord.caller_name == NAME) == 0
    assert (
        _count(filled, LetterRecord, LetterRecord.file_name != "", LetterRecord.contact_id == cid)
        == 0
    )
    assert not (tmp_path / "letter.pdf").exists()
    with transaction(filled.database.session_factory, write=False) as session:
        entry = session.scalars(
            select(EventRecord).where(EventRecord.action == "contact_erased")
        ).one()
    assert NAME not in entry.summary and "O'Neill" not in json.dumps(entry.details)
    with pytest.raises(NotFoundError):
        people.erasure_plan(manager, cid)


def test_erasure_waits_for_open_clocks_and_holds(
    filled: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    cid = _person(filled, manager, tmp_path)
    with transaction(filled.database.session_factory) as session:
        item = session.scalars(
            select(CorrespondenceRecord).where(CorrespondenceRecord.closed_at.is_(None)).limit(1)
        ).one()
        item.contact_id = cid
        item_id = item.id
    filled.retention().set_legal_hold(manager, "contact", cid, True)
    plan = filled.person_data().erasure_plan(manager, cid)
    assert "the contact is on legal hold" in plan.blockers
    assert f"correspondence {item_id} is still open" in " ".join(plan.blockers)
    with pytest.raises(ReceptionError, match="Nothing was erased"):
        filled.person_data().erase(manager, cid)
    assert _count(filled, ContactRecord, ContactRecord.id == cid) == 1


def test_export_and_erasure_are_for_managers_only(
    filled: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    cid = _person(filled, manager, tmp_path)
    desk = filled.staff.save_staff(
        manager, "hellesdon", StaffMember(0, "rdesk", "Rita Desk", Role.RECEPTIONIST)
    )
    people = filled.person_data()
    with pytest.raises(PermissionDenied):
        people.export(desk, cid, tmp_path / "x.zip")
    with pytest.raises(PermissionDenied):
        people.erase(desk, cid)
    assert not (tmp_path / "x.zip").exists()


def _count(services: AppServices, model: object, *where: object) -> int:
    with transaction(services.database.session_factory, write=False) as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)  # type: ignore[arg-type]


_ = (datetime, UTC, timedelta)
