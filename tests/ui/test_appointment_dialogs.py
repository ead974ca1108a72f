"""The booking dialog on a real database: free times fill the form in one click, refusals are
explained next to their field with the nearest free times as buttons, and moving keeps the rest."""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, Qt, QTime

from reception_app.domain.appointments import AppointmentStatus, Place
from reception_app.domain.people import StaffMember
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_booking_dialog import BookAppointmentDialog
from reception_app.ui.dialogs.appointment_cancel_dialog import CancelAppointmentDialog
from reception_app.ui.dialogs.appointment_confirmation_dialog import ConfirmationDetailsDialog


def _london(services: AppServices, y: int, m: int, d: int, hh: int, mm: int) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=services.appointments().calendar().zone)


def _dialog(qtbot, state: DeskState, **preset: object) -> BookAppointmentDialog:  # type: ignore[no-untyped-def]
    dialog = BookAppointmentDialog(state, None, **preset)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _set_when(dialog: BookAppointmentDialog, day: date, at: time) -> None:
    dialog.day.setDate(QDate(day.year, day.month, day.day))
    dialog.at.setTime(QTime(at.hour, at.minute))


def test_free_times_fill_the_date_in_one_click_and_book(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, service_key="burials")
    assert dialog.place_value() is Place.ROOM  # the service needs a private room
    assert dialog.minutes.value() == 20  # the service's usual length
    dialog.customer.setText("Zoë Adams")  # QTest types ASCII only
    dialog.part_of_day.setCurrentIndex(dialog.part_of_day.findData("afternoon"))
    dialog.find_button.click()
    texts = dialog.slot_texts()
    assert texts and texts[0].startswith("Tue 24 Nov 12:00-12:20")
    item = dialog.slots.item(0)
    rect = dialog.slots.visualItemRect(item)
    qtbot.mouseClick(dialog.slots.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.at.time() == QTime(12, 0)
    assert dialog.day.date() == QDate(2026, 11, 24)
    dialog.book_button.click()
    saved = dialog.appointment
    assert saved is not None and saved.customer_name == "Zoë Adams"
    assert saved.start == _london(services, 2026, 11, 24, 12, 0)
    assert saved.room_name == "Interview Room" and saved.any_officer
    assert dialog.result() == BookAppointmentDialog.DialogCode.Accepted


def test_a_bank_holiday_is_refused_next_to_the_time_with_alternatives_as_buttons(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, service_key="general", name="Olu's customer")
    _set_when(dialog, date(2026, 12, 25), time(10, 0))
    dialog.book_button.click()
    assert dialog.appointment is None
    assert "Christmas Day" in dialog.error_text("start")
    buttons = dialog.alternative_buttons()
    assert buttons, "the nearest free times are offered"
    # The nearest free times on either side: Christmas Eve afternoon, then Tuesday 29 December
    # (Monday 28 December is the Boxing Day bank holiday).
    texts = [b.text() for b in buttons]
    assert texts[0].startswith("Thu 24 Dec 15:45") and texts[1].startswith("Tue 29 Dec 09:30")
    buttons[1].click()
    assert dialog.day.date() == QDate(2026, 12, 29)
    assert dialog.at.time() == QTime(9, 30)
    assert dialog.error_text("start") == ""
    dialog.book_button.click()
    assert dialog.appointment is not None
    assert services.appointments().day(date(2026, 12, 29))[0].customer_name == "Olu's customer"


def test_an_officer_already_booked_is_explained_next_to_the_officer(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    priya = colleagues["Priya"]
    services.appointments().book(
        colleagues["Margaret"],
        BookingRequest(
            "general",
            _london(services, 2026, 11, 25, 10, 0),
            minutes=30,
            staff_id=priya.id,
            customer_name="First customer",
        ),
    )
    dialog = _dialog(qtbot, state, service_key="general", staff_id=priya.id)
    qtbot.keyClicks(dialog.customer, "Second customer")
    _set_when(dialog, date(2026, 11, 25), time(10, 15))
    dialog.book_button.click()
    assert dialog.appointment is None
    assert "Priya Shah is already booked 10:00-10:30" in dialog.error_text("officer")
    assert dialog.officer.property("invalid") == "true"
    # The nearest free times around the one asked for, none inside the clash.
    texts = [b.text() for b in dialog.alternative_buttons()]
    assert texts and all(t.startswith("Wed 25 Nov") for t in texts)
    assert not any(t[11:16] in ("10:00", "10:15") for t in texts)
    # Nothing was changed by the refusal.
    assert [a.customer_name for a in services.appointments().day(date(2026, 11, 25))] == [
        "First customer"
    ]


def test_a_home_visit_needs_an_address_and_a_name(
    qtbot, state: DeskState, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state, service_key="general")
    assert not dialog.home_address.isVisible()
    dialog.place.setCurrentIndex(dialog.place.findData("home"))
    assert dialog.home_address.isVisible() and not dialog.room.isVisible()
    _set_when(dialog, date(2026, 11, 26), time(10, 0))
    dialog.book_button.click()
    assert dialog.error_text("customer") == "Enter the customer's name or choose a contact."
    dialog.customer.setText("Łukasz Nowak")
    dialog.book_button.click()
    assert dialog.error_text("home_address") == "Enter the address for the home visit."
    dialog.home_address.setPlainText("12 Woodview Road\nNR6 5QB")
    dialog.book_button.click()
    assert dialog.appointment is not None
    assert dialog.appointment.where() == "Home visit: 12 Woodview Road"


def test_preset_from_the_today_page_with_a_slot_and_contact(
    qtbot,
    state: DeskState,
    services: AppServices,
    manager: StaffMember,
    colleagues: dict[str, StaffMember],
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.domain.people import Contact, ContactNeeds

    contact = services.contacts().save(
        Contact(
            None,
            "Gwenllïan ap Ŵyn",
            phone="01603 301760",
            needs=ContactNeeds(hearing_loop=True, interpreter_language="Welsh"),
        ),
        manager,
    )
    slot = services.appointments().free_slots("allotments", first_day=date(2026, 11, 27))[0]
    dialog = _dialog(qtbot, state, service_key="allotments", slot=slot, contact_id=contact.id)
    assert dialog.customer.text() == "Gwenllïan ap Ŵyn"
    assert dialog.hearing_loop.isChecked() and dialog.interpreter_language.text() == "Welsh"
    assert dialog.day.date() == QDate(2026, 11, 27) and dialog.at.time() == QTime(9, 30)
    dialog.book_button.click()
    assert dialog.appointment is not None
    assert dialog.appointment.contact_id == contact.id
    assert dialog.appointment.needs_text() == "Welsh interpreter, hearing loop"


def test_moving_keeps_everything_but_the_time(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    booked = services.appointments().book(
        colleagues["Margaret"],
        BookingRequest(
            "general",
            _london(services, 2026, 11, 25, 10, 0),
            customer_name="Moving customer",
            notes="Bring the lease",
        ),
    )
    dialog = _dialog(qtbot, state, appointment=booked)
    assert dialog.windowTitle() == "Move an appointment"
    assert not dialog.customer.isEnabled() and not dialog.notes.isEnabled()
    _set_when(dialog, date(2026, 11, 26), time(14, 0))
    dialog.book_button.click()
    moved = dialog.appointment
    assert moved is not None and moved.id == booked.id
    assert moved.start == _london(services, 2026, 11, 26, 14, 0)
    assert moved.notes == "Bring the lease"


def test_cancel_asks_the_reason_next_to_the_field(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    booked = services.appointments().book(
        colleagues["Margaret"],
        BookingRequest(
            "general", _london(services, 2026, 11, 25, 10, 0), customer_name="Cancel me"
        ),
    )
    dialog = CancelAppointmentDialog(state, booked, "Wed 25 Nov at 10:00")
    qtbot.addWidget(dialog)
    dialog.cancel_button.click()
    assert dialog.errors.message_for("reason") == "Say why the appointment is cancelled."
    dialog.reason.setCurrentText("Customer asked to cancel")
    dialog.cancel_button.click()
    assert dialog.appointment is not None
    assert services.appointments().appointment(booked.id).status is AppointmentStatus.CANCELLED


def test_confirmation_details_are_shown_read_only(
    qtbot, state: DeskState, services: AppServices, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    booked = services.appointments().book(
        colleagues["Margaret"],
        BookingRequest(
            "burials", _london(services, 2026, 11, 25, 10, 0), customer_name="Zoë Adams"
        ),
    )
    details = services.appointments().confirmation_details(booked.id)
    dialog = ConfirmationDetailsDialog(details)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert "Date: Wednesday 25 November 2026" in text
    assert "Time: 10:00" in text
    assert "Where to go: Interview Room" in text
    assert "How to cancel: If you cannot come" in text


def test_every_field_of_the_booking_dialog_is_named(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QLineEdit, QListWidget, QSpinBox

    dialog = _dialog(qtbot, state)
    widgets = (
        dialog.findChildren(QLineEdit)
        + dialog.findChildren(QComboBox)
        + dialog.findChildren(QSpinBox)
        + dialog.findChildren(QDateTimeEdit)
        + dialog.findChildren(QListWidget)
    )
    for widget in widgets:
        parent = widget.parentWidget()
        if isinstance(parent, (QComboBox, QDateTimeEdit, QSpinBox)):
            continue
        assert widget.accessibleName(), f"{widget!r} has no accessible name"
