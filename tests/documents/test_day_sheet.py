"""The day sheet PDF: each officer's appointments in time order, read back with pypdf."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from reception_app.documents.day_sheet import day_sheet_pdf, write_day_sheet
from reception_app.domain.appointments import Appointment, AppointmentStatus, Place
from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from tests.documents.pdf_checks import font_names, read_pdf, squash


def _text(data: bytes) -> str:
    return squash(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(data)).pages))


def _appointment(n: int, officer: str, hh: int, name: str, **fields: object) -> Appointment:
    return Appointment(
        id=n,
        customer_name=name,
        contact_id=None,
        service_key="general",
        service_name="General enquiry",
        staff_id=len(officer),
        officer_name=officer,
        any_officer=False,
        start=datetime(2026, 11, 24, hh, 0, tzinfo=UTC),
        end=datetime(2026, 11, 24, hh, 30, tzinfo=UTC),
        place=fields.pop("place", Place.DESK),  # type: ignore[arg-type]
        **fields,  # type: ignore[arg-type]
    )


def test_officers_in_the_given_order_with_their_appointments() -> None:
    from zoneinfo import ZoneInfo

    rows = [
        _appointment(
            1,
            "Tom Reed",
            14,
            "Łukasz Nowak",
            place=Place.HOME,
            home_address="12 Woodview Road\nNR6 5QB",
        ),
        _appointment(
            2, "Priya Shah", 11, "Zoë Adams", interpreter_language="Polish", notes="Bring the deed"
        ),
        _appointment(3, "Priya Shah", 10, "Siobhán Kelly", status=AppointmentStatus.SEEN),
        _appointment(4, "Priya Shah", 12, "Cancelled Carl", status=AppointmentStatus.CANCELLED),
    ]
    data = day_sheet_pdf(
        "Hellesdon Parish Council",
        date(2026, 11, 24),
        rows,
        ZoneInfo("Europe/London"),
        officers=["Priya Shah", "Tom Reed", "Olu Jones"],
    )
    text = _text(data)
    assert font_names(data) <= {"AtkinsonHyperlegibleNext-Regular", "AtkinsonHyperlegibleNext-Bold"}
    assert "Day sheet: Tuesday 24 November 2026 Hellesdon Parish Council. 3 appointments" in text
    assert "page 1" in text
    priya, tom, olu = (
        text.index("Priya Shah: 2"),
        text.index("Tom Reed: 1"),
        text.index("Olu Jones: 0"),
    )
    assert priya < tom < olu
    assert text.index("Siobhán Kelly") < text.index("Zoë Adams") < tom  # time order
    assert "Polish interpreter; Bring the deed" in text
    assert "Home visit: 12 Woodview Road, NR6 5QB" in text
    assert "Seen" in text and "Cancelled Carl" not in text
    assert "Nothing booked." in text
    facts = read_pdf(data)
    assert facts.outside == [] and facts.language == "en-GB"
    assert facts.metadata["/Title"] == "Day sheet: Tuesday 24 November 2026"


def test_an_empty_day_says_so() -> None:
    from zoneinfo import ZoneInfo

    text = _text(
        day_sheet_pdf(
            "North Norfolk District Council", date(2026, 12, 25), [], ZoneInfo("Europe/London")
        )
    )
    assert "No appointments are booked for this day." in text


def test_written_from_the_service_and_refuses_a_bad_path(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    appointments = services.appointments()
    zone = appointments.calendar().zone
    appointments.book(
        manager,
        BookingRequest(
            "burials", datetime(2026, 11, 24, 14, 0, tzinfo=zone), customer_name="Gwenllïan ap Ŵyn"
        ),
    )
    day = date(2026, 11, 24)
    target = write_day_sheet(
        tmp_path / "sheet.pdf", "Hellesdon Parish Council", day, appointments.day(day), zone
    )
    text = _text(target.read_bytes())
    assert "Margaret Clerk: 1 appointment" in text
    assert "14:00-14:20" in text and "Gwenllïan ap Ŵyn" in text and "Interview Room" in text
    with pytest.raises(ValidationError, match="must end with .pdf"):
        write_day_sheet(tmp_path / "sheet.txt", "x", day, [], zone)
    with pytest.raises(ValidationError, match="does not exist"):
        write_day_sheet(tmp_path / "missing" / "sheet.pdf", "x", day, [], zone)
