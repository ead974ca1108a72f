"""A ticket only when the walk-in can be seen today, and "Book instead" in one transaction
(issue 13 points 1 and 2), on both engines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reception_app.domain.closing_time import NotSeenToday, NotToday
from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact, StaffMember
from reception_app.domain.visits import VisitNeeds, VisitStatus
from reception_app.services.appointment_service import BookingRequest
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests.conftest import FixedClock


def test_no_ticket_when_the_office_is_closed(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    clock.now = datetime(2026, 11, 24, 18, 30, tzinfo=UTC)  # Tuesday evening, closed at 16:00
    queue = services.queue()
    with pytest.raises(NotSeenToday) as refused:
        queue.check_in(manager, CheckInRequest("general", "Ann"))
    verdict = refused.value.verdict
    assert verdict.why_not is NotToday.CLOSED
    assert verdict.reason_closed == "outside opening hours"
    assert verdict.next_opening is not None
    assert (verdict.next_opening.date(), f"{verdict.next_opening:%H:%M}") == (
        date(2026, 11, 25),
        "09:30",
    )
    assert verdict.out_of_hours == services.office.profile().out_of_hours != ""
    assert queue.waiting() == []
    assert queue.walk_in_verdict("general") == verdict


def test_no_ticket_once_the_wait_runs_past_closing(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    clock.now = datetime(2026, 11, 24, 15, 40, tzinfo=UTC)  # closes at 16:00
    queue = services.queue()
    issued = 0
    with pytest.raises(NotSeenToday) as refused:
        for name in ("Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal", "Ivy", "Jo"):
            queue.check_in(manager, CheckInRequest("burials", name))
            issued += 1
    assert 0 < issued < 10
    assert refused.value.verdict.why_not is NotToday.PAST_CLOSING
    opening = refused.value.verdict.next_opening
    assert opening is not None and opening.date() == date(2026, 11, 25)
    # Every ticket issued is one that can be called before closing.
    assert len(queue.waiting()) == issued
    assert all(v.callable_today for v in queue.waiting())


def test_times_offered_instead_are_on_another_day(
    services: AppServices, manager: StaffMember
) -> None:
    slots = services.queue().alternative_slots("general")
    assert len(slots) == 3
    assert all(s.start.date() > date(2026, 11, 24) for s in slots)


def test_book_instead_carries_every_need_and_withdraws_the_ticket_at_once(
    services: AppServices, manager: StaffMember
) -> None:
    contact = services.contacts().save(
        Contact(id=None, full_name="Ann O'Brien", phone="01603 301751"), manager
    )
    queue = services.queue()
    needs = VisitNeeds(interpreter_language="Polish", wheelchair_access=True, large_print=True)
    visit = queue.check_in(
        manager, CheckInRequest("general", "Ann O'Brien", contact.id, needs, "burial plot")
    )
    slot = queue.alternative_slots("general")[0]
    bare = BookingRequest("general", slot.start, staff_id=slot.staff_id, customer_name="Ann")
    booked = queue.book_instead(manager, visit.ticket, bare)
    assert booked.contact_id == contact.id
    assert booked.interpreter_language == "Polish"
    assert booked.wheelchair_access and booked.large_print
    assert booked.notes == "burial plot"
    assert queue.visit(visit.ticket).status is VisitStatus.CANCELLED


def test_a_refused_booking_leaves_the_ticket_waiting(
    services: AppServices, manager: StaffMember
) -> None:
    queue = services.queue()
    visit = queue.check_in(manager, CheckInRequest("general", "Ben"))
    slot = queue.alternative_slots("general")[0]
    request = BookingRequest("general", slot.start, staff_id=slot.staff_id, customer_name="Ben")
    services.appointments().book(manager, request)  # another desk takes the time first
    with pytest.raises(ReceptionError):
        queue.book_instead(manager, visit.ticket, request)
    assert queue.visit(visit.ticket).status is VisitStatus.WAITING


def test_book_instead_without_a_ticket_keeps_bsl_and_braille_in_the_notes(
    services: AppServices, manager: StaffMember
) -> None:
    queue = services.queue()
    slot = queue.alternative_slots("general")[0]
    request = BookingRequest("general", slot.start, staff_id=slot.staff_id, customer_name="Rhi")
    booked = queue.book_instead(
        manager, None, request, VisitNeeds(hearing_loop=True, bsl=True, braille=True)
    )
    assert booked.hearing_loop
    assert booked.notes == "Needs: BSL interpreter, Braille"
