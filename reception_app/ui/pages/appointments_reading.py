"""What the Appointments page shows, read in one go (on a worker thread when live: ui/live.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reception_app.domain.appointments import Appointment
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import OfficeProfile
from reception_app.services.container import AppServices
from reception_app.ui.panels.appointment_timeline_panel import Bookings, read_day, read_week


@dataclass(frozen=True)
class Looking:
    """What the desk is looking at when the read starts."""

    day: date | None
    """None: today (the page's first read)."""
    week: bool
    staff: int | None
    """The officer whose week is chosen (None: the first one)."""


@dataclass(frozen=True)
class AppointmentsView:
    profile: OfficeProfile
    calendar: OfficeCalendar
    today: date
    officers: list[tuple[int, str]]
    day: date
    week_staff: int | None
    """In the week view: whose week was read (None: no officer takes appointments)."""
    bookings: Bookings | None
    """None: not read (a refusal, in ``problem``; or a week with no officer)."""
    waiting: list[Appointment]
    """Arrived customers waiting past their time."""
    problem: str = ""


def week_of(day: date) -> list[date]:
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(7)]


def read_appointments(services: AppServices, looking: Looking) -> AppointmentsView:
    """The office, its officers, the day's (or the week's) bookings and the delay prompts.
    Touches no widget: safe on a worker thread."""
    profile = services.office.profile()
    calendar = OfficeCalendar.from_profile(profile)
    today = services.context.clock().astimezone(calendar.zone).date()
    day = looking.day or today
    problem = ""
    appointments = services.appointments()
    try:
        officers = [(o.staff_id, o.name) for o in appointments.officers()]
    except ReceptionError as exc:
        problem, officers = str(exc), []
    ids = [staff_id for staff_id, _ in officers]
    staff = looking.staff if looking.staff in ids else (ids[0] if ids else None)
    bookings = None
    try:
        if not looking.week:
            bookings = read_day(services, day, officers)
        elif staff is not None:
            bookings = read_week(services, week_of(day), staff)
    except ReceptionError as exc:
        problem = str(exc)
    try:
        waiting = appointments.delay_prompts()
    except ReceptionError:
        waiting = []
    week_staff = staff if looking.week else None
    return AppointmentsView(
        profile, calendar, today, officers, day, week_staff, bookings, waiting, problem
    )
