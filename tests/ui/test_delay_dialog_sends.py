"""The late prompt sends the reason and the new time in the same step, for a home visit too."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QApplication

from reception_app.domain.appointments import Place
from reception_app.domain.notifications import Channel, NotificationKind
from reception_app.domain.people import Contact, Role, StaffMember
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.appointment_delay_dialog import AppointmentDelayDialog
from tests.conftest import FixedClock
from tests.notify_fixtures import NotifyOffice

LONDON = ZoneInfo("Europe/London")


def test_the_late_prompt_offers_to_send_and_sends_with_the_record(
    qtbot,
    state: DeskState,
    services: AppServices,
    manager: StaffMember,
    notify: NotifyOffice,
    clock: FixedClock,
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    officer = services.staff.save_staff(
        manager, "hellesdon", StaffMember(0, "obrown", "Olu Brown", Role.OFFICER), "pass-word-1"
    )
    ann = services.contacts().save(
        Contact(None, "Ann Lee", phone="07700 900123", notify_by=Channel.SMS), manager
    )
    home = services.appointments().book(
        manager,
        BookingRequest(
            "general",
            datetime(2026, 11, 24, 14, 0, tzinfo=LONDON),
            staff_id=officer.id,
            contact_id=ann.id,
            customer_name=ann.full_name,
            place=Place.HOME,
            home_address="1 Woodview Road",
        ),
    )
    clock.now = datetime(2026, 11, 24, 13, 50, tzinfo=UTC)
    dialog = AppointmentDelayDialog(state, home, LONDON)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    assert dialog.home_visit and dialog.send.isEnabled() and dialog.send.isChecked()
    assert "Text message" in dialog.send.text() or "text message" in dialog.send.text()
    dialog.reason.setEditText("The officer's previous visit ran over")
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "delay_home_visit.png"))
    dialog.save()
    assert dialog.appointment is not None
    kinds = [n.kind for n in services.notifications().about("appointment", home.id)]
    assert kinds[-1] is NotificationKind.HOME_VISIT_LATE


def test_without_consent_the_prompt_says_nothing_can_be_sent(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:  # type: ignore[no-untyped-def]
    booked = services.appointments().book(
        manager,
        BookingRequest(
            "general", datetime(2026, 11, 24, 14, 0, tzinfo=LONDON), customer_name="Walk Up"
        ),
    )
    dialog = AppointmentDelayDialog(state, booked, LONDON)
    qtbot.addWidget(dialog)
    assert not dialog.send.isEnabled() and "not agreed" in dialog.send.text()


def test_the_appointments_page_says_a_confirmation_is_on_its_way(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.pages.appointments_page import AppointmentsPage

    ann = services.contacts().save(
        Contact(None, "Ann Lee", email="ann@example.org", notify_by=Channel.EMAIL), manager
    )
    booked = services.appointments().book(
        manager,
        BookingRequest(
            "general",
            datetime(2026, 11, 26, 11, 0, tzinfo=LONDON),
            contact_id=ann.id,
            customer_name=ann.full_name,
        ),
    )
    page = AppointmentsPage(state)
    qtbot.addWidget(page)
    page.refresh()
    page.booking._booked(booked, "Booked")
    assert page.message_text.endswith(" An e-mail is on its way to them."), page.message_text
