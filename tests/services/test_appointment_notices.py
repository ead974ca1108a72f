"""Appointments keep their customer informed: confirmed, moved, cancelled, running late, by the
channel they agreed to, each written with the action; sent by the real client to the stand-in."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from reception_app.domain.appointments import Place
from reception_app.domain.notifications import Channel, NotificationKind, OutboxStatus
from reception_app.domain.people import Contact, Role, StaffMember
from reception_app.services.appointment_service import AppointmentService, BookingRequest
from reception_app.services.container import AppServices
from tests.conftest import FixedClock
from tests.notify_fixtures import NotifyOffice

LONDON = ZoneInfo("Europe/London")


def at(d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, 11, d, hh, mm, tzinfo=LONDON)


@pytest.fixture
def officer(services: AppServices, manager: StaffMember) -> StaffMember:
    member = StaffMember(0, "obrown", "Olu Brown", Role.OFFICER, team="")
    return services.staff.save_staff(manager, "hellesdon", member, "officer-pass-1")


def _contact(services: AppServices, manager: StaffMember, by: Channel) -> Contact:
    contact = Contact(None, "Ann Lee", phone="07700 900123", email="ann@example.org", notify_by=by)
    return services.contacts().save(contact, manager)


def _book(
    appointments: AppointmentService,
    manager: StaffMember,
    officer: StaffMember,
    contact: Contact,
    start: datetime,
    **kw: object,
) -> int:
    request = BookingRequest(
        service_key="general",
        start=start,
        staff_id=officer.id,
        contact_id=contact.id,
        customer_name=contact.full_name,
        **kw,  # type: ignore[arg-type]
    )
    return appointments.book(manager, request).id


def _sent(services: AppServices, appointment_id: int) -> list[tuple[str, str]]:
    return [
        (n.kind.value, n.status.value)
        for n in services.notifications().about("appointment", appointment_id)
    ]


def test_confirmed_moved_and_cancelled_by_text_with_the_place_and_directions(
    services: AppServices, manager: StaffMember, officer: StaffMember, notify: NotifyOffice
) -> None:
    appointments = services.appointments()
    contact = _contact(services, manager, Channel.SMS)
    booked = _book(appointments, manager, officer, contact, at(26, 10))
    assert _sent(services, booked) == [("appointment_confirmed", "queued")]
    appointments.reschedule(manager, booked, at(27, 11))
    assert _sent(services, booked) == [
        ("appointment_confirmed", "cancelled"),
        ("appointment_moved", "queued"),
    ]
    sender = services.notifications().sender(per_second=0)
    assert sender.step().sent == 1
    (moved,) = notify.standin.received
    assert moved.recipient == "+447700900123"
    assert "moved to Friday 27 November at 11:00" in moved.body
    assert "Where: Reception, Diamond Jubilee Lodge" in moved.body
    appointments.cancel(manager, booked, "The officer is unwell")
    assert sender.step().sent == 1
    assert "cancelled. The officer is unwell." in notify.standin.received[-1].body
    assert [r.reference for r in notify.standin.received] == [
        r.reference
        for r in notify.standin.received
        if r.reference  # every one carries its outbox reference
    ]


def test_the_confirmation_text_keeps_within_two_fragments_and_the_e_mail_has_it_all(
    services: AppServices, manager: StaffMember, officer: StaffMember, notify: NotifyOffice
) -> None:
    appointments = services.appointments()
    by_text = _contact(services, manager, Channel.SMS)
    _book(appointments, manager, officer, by_text, at(26, 10))
    by_email = services.contacts().save(
        Contact(None, "Ben Roe", email="ben@example.org", notify_by=Channel.EMAIL), manager
    )
    _book(appointments, manager, officer, by_email, at(26, 11))
    assert services.notifications().sender(per_second=0).step().sent == 2
    text, email = notify.standin.received
    from reception_app.domain.notifications import sms_fragments

    assert sms_fragments(text.body) <= 2, text.body
    assert "Diamond Jubilee Lodge is on Woodview Road" in text.body  # its first sentence
    assert email.recipient == "ben@example.org"
    assert "please report to the reception window" in email.body  # the whole directions
    assert "Your appointment on Thursday 26 November at 11:00" == email.subject


def test_no_consent_no_contact_or_no_notify_means_nothing_is_queued(
    services: AppServices, manager: StaffMember, officer: StaffMember, notify: NotifyOffice
) -> None:
    appointments = services.appointments()
    quiet = _contact(services, manager, Channel.NONE)
    booked = _book(appointments, manager, officer, quiet, at(26, 10))
    assert _sent(services, booked) == []
    request = BookingRequest(
        service_key="general", start=at(26, 11), staff_id=officer.id, customer_name="Walk Up"
    )
    assert _sent(services, appointments.book(manager, request).id) == []
    assert appointments.notice_channel(booked) is Channel.NONE


def test_late_prompt_sends_the_reason_and_new_time_in_one_step_and_a_home_visit_too(
    services: AppServices,
    manager: StaffMember,
    officer: StaffMember,
    notify: NotifyOffice,
    clock: FixedClock,
) -> None:
    appointments = services.appointments()
    contact = _contact(services, manager, Channel.SMS)
    booked = _book(appointments, manager, officer, contact, at(24, 11, 45))
    assert appointments.notice_channel(booked) is Channel.SMS
    services.queue().check_in_appointment(manager, booked)
    clock.now = datetime(2026, 11, 24, 11, 51, tzinfo=UTC)
    appointments.record_delay(
        manager, booked, "Officer on a call", datetime(2026, 11, 24, 12, 5, tzinfo=UTC), send=True
    )
    assert _sent(services, booked)[-1] == ("appointment_late", "queued")
    home = _book(
        appointments,
        manager,
        officer,
        contact,
        at(24, 14),
        place=Place.HOME,
        home_address="1 Woodview Road\nHellesdon",
    )
    told = appointments.record_delay(
        manager, home, "The officer's car broke down", at(24, 14, 40), send=True
    )
    assert told.delay_reason == "The officer's car broke down"
    sender = services.notifications().sender(per_second=0)
    sender.step()
    bodies = [r.body for r in notify.standin.received]
    assert any(
        "sorry, your 11:45 appointment is running late. Officer on a call. We expect to see you "
        "at 12:05." in b
        for b in bodies
    )
    assert any("our visit to you at 14:00 is running late" in b and "14:40" in b for b in bodies)
    assert all("Woodview Road" not in b for b in bodies if "visit to you" in b), "no address"


def test_withdrawing_consent_stops_what_was_queued_for_the_appointment(
    services: AppServices, manager: StaffMember, officer: StaffMember, notify: NotifyOffice
) -> None:
    appointments = services.appointments()
    contact = _contact(services, manager, Channel.SMS)
    booked = _book(appointments, manager, officer, contact, at(26, 10))
    services.contacts().save(
        Contact(
            contact.id,
            contact.full_name,
            phone=contact.phone,
            email=contact.email,
            notify_by=Channel.NONE,
        ),
        manager,
    )
    assert services.notifications().sender(per_second=0).step().sent == 0
    (only,) = services.notifications().about("appointment", booked)
    assert (
        only.status is OutboxStatus.CANCELLED
        and only.kind is NotificationKind.APPOINTMENT_CONFIRMED
    )
    assert notify.standin.received == []


def test_the_sender_reminds_the_working_day_before_once_and_not_for_a_moved_one(
    services: AppServices,
    manager: StaffMember,
    officer: StaffMember,
    notify: NotifyOffice,
    clock: FixedClock,
) -> None:
    appointments = services.appointments()
    contact = _contact(services, manager, Channel.SMS)
    # Booked on Tuesday 24 November for Thursday 26 and for Monday 30 November.
    thursday = _book(appointments, manager, officer, contact, at(26, 10))
    monday = _book(appointments, manager, officer, contact, at(30, 10))
    sender = services.notifications().sender(per_second=0)
    sender.step()  # the confirmations
    assert len(notify.standin.received) == 2
    clock.now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday before 10:00: not yet
    sender.step()
    assert len(notify.standin.received) == 2
    clock.now = datetime(2026, 11, 25, 10, 30, tzinfo=UTC)
    sender.step()
    assert _sent(services, thursday)[-1] == ("appointment_reminder", "sent")
    assert "a reminder of your appointment on Thursday 26 November at 10:00" in (
        notify.standin.received[-1].body
    )
    clock.now = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    sender.step()
    assert [k for k, _ in _sent(services, thursday)].count("appointment_reminder") == 1
    assert [k for k, _ in _sent(services, monday)] == ["appointment_confirmed"]
    # Friday 27 reminds Monday 30 (the next working day); one booked on Friday gets none.
    clock.now = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    late = _book(appointments, manager, officer, contact, at(30, 11))
    clock.now = datetime(2026, 11, 27, 11, 0, tzinfo=UTC)
    sender.step()
    assert [k for k, _ in _sent(services, monday)][-1] == "appointment_reminder"
    assert "appointment_reminder" not in [k for k, _ in _sent(services, late)]
