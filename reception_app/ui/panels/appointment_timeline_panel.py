"""The Appointments page's timeline: a day per officer, or one officer's week.

A column per officer (or per day of the week); working time plain, time off hatched,
appointments as blocks.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from reception_app.domain.appointments import Appointment, AppointmentStatus
from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.office_days import closed_reason
from reception_app.domain.officer_hours import away_note, officer_spans
from reception_app.domain.offices import OfficeProfile
from reception_app.domain.shifts import Shift
from reception_app.services.appointment_service.views import Absence
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.timeline import (
    TimelineArea,
    TimelineBlock,
    TimelineColumn,
    minute_of,
    row_bounds,
    spans_of,
)

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

NO_OFFICER = "No officer takes appointments yet."


@dataclass(frozen=True)
class Bookings:
    """What a day or a week of the timeline shows, read in one go (``read_day``/``read_week``
    touch no widget: the live reload runs them on a worker thread)."""

    listed: list[Appointment]
    """Cancelled ones too (the list beside the grid shows them)."""
    absences: list[Absence]
    patterns: dict[int, list[Shift]]


def read_day(services: AppServices, day: date, officers: Sequence[tuple[int, str]]) -> Bookings:
    service = services.appointments()
    listed = service.between(day, day, include_cancelled=True)
    patterns = {sid: service.working_pattern(sid) for sid, _ in officers}
    return Bookings(listed, service.absences(), patterns)


def read_week(services: AppServices, days: Sequence[date], staff_id: int) -> Bookings:
    service = services.appointments()
    listed = service.between(days[0], days[-1], staff_id=staff_id, include_cancelled=True)
    absences = list(service.absences(staff_id))
    return Bookings(listed, absences, {staff_id: service.working_pattern(staff_id)})


def block_for(
    appointment: Appointment, column: Hashable, day: date, zone: ZoneInfo
) -> TimelineBlock:
    return TimelineBlock(
        key=appointment.id,
        column=column,
        start=minute_of(appointment.start, day, zone),
        end=minute_of(appointment.end, day, zone),
        title=appointment.customer_name,
        detail=f"{appointment.service_name} · {appointment.where()}",
        kind=appointment.status.value,
    )


def _live(listed: Sequence[Appointment]) -> list[Appointment]:
    """The appointments that still take time (a cancelled one stays in the list only)."""
    return [a for a in listed if a.status is not AppointmentStatus.CANCELLED]


class AppointmentTimelinePanel(TimelineArea):
    """``show_day``/``show_week`` read the appointments and return them (cancelled ones too) for
    the list beside the grid; a refusal from the service is raised before anything changes."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__("Appointments timeline", parent)
        self.state = state

    def show_day(
        self,
        day: date,
        officers: Sequence[tuple[int, str]],
        calendar: OfficeCalendar,
        profile: OfficeProfile,
        bookings: Bookings | None = None,
    ) -> list[Appointment]:
        """One column per officer: their working time that day, or why they are not there
        (``bookings``: already read, else read here)."""
        bookings = bookings or read_day(self.state.services, day, officers)
        listed, absences, patterns = bookings.listed, bookings.absences, bookings.patterns
        opening = spans_of(calendar.opening_intervals(day))
        columns = []
        for staff_id, name in officers:
            away = next(
                (
                    a
                    for a in absences
                    if a.staff_id == staff_id and a.first_day <= day <= a.last_day
                ),
                None,
            )
            spans, note = officer_spans(day.weekday(), opening, patterns[staff_id])
            if not opening:
                note = ""  # the message across the grid says why
            if away is not None:
                spans, note = (), away_note(away.reason)
            columns.append(TimelineColumn(staff_id, name, spans, note))
        live = _live(listed)
        known = {c.key for c in columns}
        for appointment in live:  # an appointment with someone no longer listed still shows
            if appointment.staff_id not in known:
                columns.append(TimelineColumn(appointment.staff_id, appointment.officer_name))
                known.add(appointment.staff_id)
        zone = calendar.zone
        blocks = [block_for(a, a.staff_id, day, zone) for a in live]
        first, last = row_bounds(columns)
        now_minute = self._now_minute(day, zone)
        self.grid.set_data(
            columns,
            blocks,
            first=first,
            last=last,
            message="" if opening else closed_reason(calendar, profile, day),
            now=now_minute,
        )
        self.opened(day, now_minute)
        return listed

    def show_week(
        self,
        days: Sequence[date],
        staff_id: int,
        calendar: OfficeCalendar,
        profile: OfficeProfile,
        bookings: Bookings | None = None,
    ) -> list[Appointment]:
        """One column per day of one officer's week; a closed weekend with nothing booked is
        left out."""
        bookings = bookings or read_week(self.state.services, days, staff_id)
        listed, absences = bookings.listed, bookings.absences
        pattern = bookings.patterns[staff_id]
        zone = calendar.zone
        live = _live(listed)
        columns = []
        for day in days:
            opening = spans_of(calendar.opening_intervals(day))
            has_any = any(a.start.astimezone(zone).date() == day for a in live)
            if not opening and day.weekday() >= 5 and not has_any:
                continue  # a closed weekend takes no room
            spans, note = officer_spans(day.weekday(), opening, pattern)
            if not opening:
                note = closed_reason(calendar, profile, day)
            away = next((a for a in absences if a.first_day <= day <= a.last_day), None)
            if away is not None:
                spans, note = (), away_note(away.reason)
            columns.append(TimelineColumn(day, f"{day:%a} {day.day} {day:%b}", spans, note))
        blocks = [
            block_for(a, a.start.astimezone(zone).date(), a.start.astimezone(zone).date(), zone)
            for a in live
        ]
        first, last = row_bounds(columns)
        self.grid.set_data(columns, blocks, first=first, last=last)
        today = self.state.services.context.clock().astimezone(zone).date()
        self.opened(("week", days[0]), self._now_minute(today, zone) if today in days else None)
        return listed

    def show_no_officer(self) -> None:
        self.grid.set_data([], [], message=NO_OFFICER)

    def _now_minute(self, day: date, zone: ZoneInfo) -> int | None:
        now = self.state.services.context.clock().astimezone(zone)
        return now.hour * 60 + now.minute if now.date() == day else None
