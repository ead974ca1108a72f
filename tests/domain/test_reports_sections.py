"""Appointments, rooms, call-backs and correspondence sections from hand-made rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.reports import (
    AppointmentRow,
    RoomBookingRow,
    Share,
    WorkItemRow,
    appointments_section,
    build_report,
    correspondence_section,
    rooms_section,
)

CAL = OfficeCalendar("ENG", {d: ((time(9, 30), time(16, 0)),) for d in range(5)})
DAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


def at(hh: int, mm: int, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hh, mm), UTC)


def appointment(n: int, start: datetime, status: str, **kw: object) -> AppointmentRow:
    return AppointmentRow(
        n, start, start + timedelta(minutes=30), status, "Allotments", "Ann", **kw
    )  # type: ignore[arg-type]


def test_appointment_figures() -> None:
    rows = [
        appointment(
            1, at(10, 0), "seen", arrived_at=at(9, 55), seen_at=at(10, 3)
        ),  # 3 min: on time
        appointment(
            2, at(11, 0), "seen", arrived_at=at(10, 50), seen_at=at(11, 20), delay_told_at=at(11, 6)
        ),  # 20 late, told
        appointment(
            3, at(12, 0), "seen", arrived_at=at(12, 15), seen_at=at(12, 19)
        ),  # arrived late: 4 min
        appointment(
            4, at(13, 0), "seen", arrived_at=at(13, 0), seen_at=at(13, 11)
        ),  # 11 late, not told
        appointment(5, at(14, 0), "no_show"),
        appointment(6, at(15, 0), "cancelled"),
        appointment(7, at(15, 30), "arrived", arrived_at=at(15, 25)),
    ]
    section, extra = appointments_section(rows, 5, CAL)
    figures = {f.key: f.text for f in section.figures}
    assert figures == {
        "booked": "6",
        "seen": "4",
        "on_time": "50% (2 of 4)",
        "mean_delay": "9.5 min",  # (3 + 20 + 4 + 11) / 4
        "worst_delay": "20.0 min",
        "late_told": "50% (1 of 2)",
        "no_shows": "1",
        "open": "1",
        "cancelled": "1",
    }
    assert [r[0] for r in extra["appointments:late"]] == ["24 Nov 11:00", "24 Nov 13:00"]
    assert extra["appointments:late"][0] == (
        "24 Nov 11:00",
        "Allotments",
        "Ann",
        "seen",
        "10:50",
        "11:20",
        "20.0",
        "yes",
    )
    assert len(extra["appointments:no_show"]) == 1


def test_room_use_per_room() -> None:
    rows = [
        RoomBookingRow(1, "Interview Room", at(10, 0), at(11, 30), "booked", "Benefits"),
        RoomBookingRow(2, "Interview Room", at(13, 0), at(13, 30), "booked"),
        RoomBookingRow(3, "Interview Room", at(14, 0), at(15, 0), "cancelled"),
        RoomBookingRow(4, "Committee Room", at(9, 30), at(12, 45), "booked"),
    ]
    section, extra = rooms_section(
        rows, ["Interview Room", "Committee Room", "Quiet Room"], 6.5, CAL
    )
    table = section.tables[0]
    assert table.rows == (
        ("Committee Room", "1", "3.2", "50%"),
        ("Interview Room", "2", "2.0", "31%"),
        ("Quiet Room", "0", "0.0", "0%"),
    )
    assert extra["rooms:room:Interview Room"][0] == (
        "Interview Room",
        "Tue 24 Nov 2026",
        "10:00",
        "11:30",
        "1.5",
        "Benefits",
    )


def test_call_backs_and_correspondence_within_standard_and_overdue() -> None:
    monday = date(2026, 11, 23)
    in_period = [
        # Answered on its due day: within.
        WorkItemRow(
            1,
            "correspondence",
            "email",
            at(10, 0),
            date(2026, 11, 24),
            answered_at=at(15, 0),
            closed=True,
        ),
        # Answered a day late.
        WorkItemRow(
            2, "correspondence", "letter", at(10, 5), monday, answered_at=at(9, 0), closed=True
        ),
        # Not answered, due tomorrow: outcome not known yet.
        WorkItemRow(
            3,
            "correspondence",
            "email",
            at(11, 0),
            date(2026, 11, 25),
            next_due_on=date(2026, 11, 25),
        ),
        # Hours clock: due 12:00, answered 12:30 the same day.
        WorkItemRow(
            4, "correspondence", "email", at(9, 0), DAY, due_at=at(12, 0), answered_at=at(12, 30)
        ),
        # A call-back due today, called back in time; one with no clock.
        WorkItemRow(5, "message", "callback", at(9, 45), DAY, answered_at=at(10, 15), closed=True),
        WorkItemRow(6, "message", "callback", at(9, 50), None),
    ]
    open_now = [
        WorkItemRow(
            7,
            "correspondence",
            "foi",
            datetime(2026, 10, 1, 9, tzinfo=UTC),
            date(2026, 10, 29),
            next_due_on=date(2026, 10, 29),
        ),
        WorkItemRow(8, "message", "callback", at(9, 0, monday), monday, next_due_on=monday),
        WorkItemRow(
            3,
            "correspondence",
            "email",
            at(11, 0),
            date(2026, 11, 25),
            next_due_on=date(2026, 11, 25),
        ),
    ]
    section, extra, results = correspondence_section(in_period, open_now, DAY, NOW, CAL)
    figures = {f.key: f.text for f in section.figures}
    assert figures["received"] == "2 call-backs, 4 correspondence"
    assert figures["within_standard"] == "50% (2 of 4)"
    assert figures["overdue_now"] == "2"
    assert figures["oldest_overdue"] == (
        "Freedom of Information request received 1 Oct 2026, due 29 Oct 2026: overdue by 18 working days"
    )
    assert results["email"] == (Share(1, 2), 0)
    assert results["letter"] == (Share(0, 1), 0)
    assert results["callback"] == (Share(1, 1), 1)
    assert results["foi"] == (Share(0, 0), 1)
    assert [r[1] for r in extra["correspondence:overdue"]] == [
        "Freedom of Information request",
        "Call-back (message for a colleague)",
    ]
    assert [r[1] for r in extra["correspondence:missed"]] == ["Letter", "Email"]
    assert section.tables[0].rows[0] == ("Email", "3", "50% (1 of 2)", "0")


def test_channel_results_reach_the_standards_table() -> None:
    from reception_app.domain.standards import ChannelStandard, ClockKind, ClockRule

    report = build_report(
        office_name="T",
        calendar=CAL,
        start=DAY,
        end=DAY,
        rows=[],
        target_wait_minutes=15,
        now=NOW,
        standards={
            "letter": ChannelStandard("letter", respond=ClockRule(ClockKind.WORKING_DAYS, 10))
        },
        channel_results={"letter": (Share(3, 4), 2)},
    )
    table = report.section("standards").tables[0]
    assert table.headers == (
        "Channel",
        "Standard",
        "Published standard",
        "Answered within standard",
        "Overdue now",
    )
    # Issue 13 point 15: met or missed at a glance (1 answered late + 2 overdue now).
    assert table.rows == (
        ("Letter", "Missed: 3 late", "respond: 10 working days", "75% (3 of 4)", "2"),
    )
    assert table.selectors == ("channel:letter",)


def test_a_standard_is_met_only_when_nothing_was_late() -> None:
    from reception_app.domain.reports.standards import verdict

    assert verdict(Share(4, 4), 0) == "Met"
    assert verdict(Share(4, 4), 1) == "Missed: 1 late"
    assert verdict(Share(0, 0), 0) == "Nothing due"
