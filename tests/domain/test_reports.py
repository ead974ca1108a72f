"""Report figures from a day built by hand: every number checked exactly, with the edge cases."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time, timedelta

import pytest

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ValidationError
from reception_app.domain.reports import (
    Share,
    VisitRow,
    WaitStats,
    build_report,
    check_period,
    day_status,
    nearest_rank,
    outcomes_for,
    summary_rows,
    trend_buckets,
    visit_cells,
)
from reception_app.domain.standards import ChannelStandard, ClockKind, ClockRule

HOURS = {d: ((time(9, 30), time(16, 0)),) for d in range(5)}
CAL = OfficeCalendar("ENG", HOURS)
DAY = date(2026, 11, 24)  # a Tuesday in GMT: local time = UTC
AFTER = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def at(hh: int, mm: int, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hh, mm), UTC)


def row(n: int, ticket: str, service: str, status: str, checked: datetime, **kw) -> VisitRow:  # type: ignore[no-untyped-def]
    return VisitRow(
        id=n,
        ticket=ticket,
        day=kw.pop("day", DAY),
        service=service,
        status=status,
        checked_in_at=checked,
        **kw,
    )


def hand_made_day() -> list[VisitRow]:
    return [
        # 10 min wait, within target; told 8 -> +2; 10 min at the desk from served_at.
        row(
            1,
            "A001",
            "Allotments",
            "served",
            at(9, 40),
            called_at=at(9, 50),
            served_at=at(9, 51),
            finished_at=at(10, 1),
            desk="Reception window",
            officer="Ann Officer",
            announced_wait_minutes=8.0,
            resolved_first_contact=True,
        ),
        # 20 min wait, over target; told 15 -> +5; no served_at: desk time from the call.
        row(
            2,
            "G001",
            "General enquiry",
            "served",
            at(10, 0),
            called_at=at(10, 20),
            finished_at=at(10, 30),
            desk="Clerk's office",
            officer="Bob Officer",
            announced_wait_minutes=15.0,
            resolved_first_contact=False,
        ),
        # Left after 30 min: counts as over target.
        row(
            3,
            "G002",
            "General enquiry",
            "left",
            at(10, 5),
            finished_at=at(10, 35),
            announced_wait_minutes=10.0,
        ),
        # Left after 5 min: outcome unknown, not in the target share.
        row(4, "G003", "General enquiry", "left", at(10, 10), finished_at=at(10, 15)),
        # Still waiting at close (16:00): 10 min, unknown; 30 min, over target.
        row(5, "A002", "Allotments", "waiting", at(15, 50)),
        row(6, "A003", "Allotments", "waiting", at(15, 30)),
        # Cancelled: counted nowhere but its own line.
        row(7, "G004", "General enquiry", "cancelled", at(11, 0), finished_at=at(11, 1)),
        # 5 min wait, outcome of the visit never recorded.
        row(
            8,
            "H001",
            "Hall and room hire",
            "served",
            at(11, 0),
            called_at=at(11, 5),
            finished_at=at(11, 15),
            desk="Reception window",
            officer="Ann Officer",
        ),
    ]


def day_report(
    rows: list[VisitRow], now: datetime = AFTER, day: date = DAY, cal: OfficeCalendar = CAL
):  # type: ignore[no-untyped-def]
    return build_report(
        office_name="Test Office",
        calendar=cal,
        start=day,
        end=day,
        rows=rows,
        target_wait_minutes=15,
        now=now,
    )


def test_every_walk_in_figure_of_a_hand_made_day() -> None:
    report = day_report(hand_made_day())
    w = report.walk_ins
    assert (w.arrivals, w.served, w.left, w.still_waiting, w.at_desk, w.cancelled) == (
        7,
        3,
        2,
        2,
        0,
        1,
    )
    # Waits 10, 20, 30, 5, 10 (until close), 30 (until close), 5.
    assert w.waits.count == 7
    assert w.waits.mean == pytest.approx(110 / 7)
    assert w.waits.median == 10.0
    assert w.waits.p90 == 30.0  # rank ceil(0.9 * 7) = 7
    assert w.waits.longest == 30.0
    assert w.called_waits == WaitStats(3, 35 / 3, 10.0, 20.0, 20.0)
    assert w.within_target == Share(2, 5)  # visits 1 and 8 of 1, 2, 3, 6, 8
    assert w.announced.compared == 2
    assert w.announced.mean_error == 3.5
    assert w.announced.mean_absolute_error == 3.5
    assert w.announced.close == Share(2, 2)
    assert w.first_contact == Share(1, 2)
    assert w.unrecorded_first_contact == 1
    assert not report.partial and report.single_day and report.open_days == 1
    assert not report.no_office_hours


def test_breakdowns_by_hour_service_desk_and_officer() -> None:
    w = day_report(hand_made_day()).walk_ins
    # Every opening hour is listed, even with nobody arriving in it.
    assert [(g.key, g.arrivals) for g in w.by_hour] == [
        ("09", 1),
        ("10", 3),
        ("11", 1),
        ("12", 0),
        ("13", 0),
        ("14", 0),
        ("15", 2),
    ]
    ten = w.by_hour[1]
    assert ten.label == "10:00-11:00"
    assert (ten.served, ten.left, ten.waits.mean, ten.waits.longest) == (1, 2, 55 / 3, 30.0)
    assert ten.within_target == Share(0, 2)
    assert w.by_hour[3].waits == WaitStats()
    services = {g.label: g for g in w.by_service}
    assert list(services) == ["Allotments", "General enquiry", "Hall and room hire"]
    assert services["Allotments"].arrivals == 3
    assert services["Allotments"].waits.median == 10.0
    assert services["Allotments"].within_target == Share(1, 2)
    assert services["General enquiry"].within_target == Share(0, 2)
    desks = {g.label: g for g in w.by_desk}
    assert desks["Reception window"].arrivals == 2
    assert desks["Reception window"].mean_handling == 10.0
    assert desks["Reception window"].first_contact == Share(1, 1)
    assert desks["Clerk's office"].mean_handling == 10.0
    officers = {g.label: g for g in w.by_officer}
    assert officers["Ann Officer"].waits.mean == 7.5
    assert officers["Bob Officer"].within_target == Share(0, 1)


def test_the_records_behind_each_figure() -> None:
    report = day_report(hand_made_day())

    def tickets(selector: str) -> list[str]:
        return [o.row.ticket for o in outcomes_for(report, selector)]

    assert tickets("walk_in:left") == ["G002", "G003"]
    assert tickets("walk_in:still_waiting") == ["A003", "A002"]
    assert sorted(tickets("walk_in:over_target")) == ["A003", "G001", "G002"]
    assert tickets("walk_in:cancelled") == ["G004"]
    assert tickets("walk_in:hour:15") == ["A003", "A002"]
    assert tickets("walk_in:service:Hall and room hire") == ["H001"]
    assert tickets("walk_in:desk:Clerk's office") == ["G001"]
    assert tickets("walk_in:fcr_no") == ["G001"]
    assert tickets("walk_in:fcr_unknown") == ["H001"]
    assert sorted(tickets("walk_in:longest")) == ["A003", "G002"]
    assert tickets(f"walk_in:days:{DAY}:{DAY}") == [
        "A001",
        "G001",
        "G002",
        "G003",
        "H001",
        "A003",
        "A002",
    ]
    assert tickets("nonsense") == [] and tickets("walk_in:unknown") == []
    left = outcomes_for(report, "walk_in:left")[0]
    assert visit_cells(left, CAL) == (
        "G002",
        "2026-11-24",
        "General enquiry",
        "10:05",
        "",
        "10:35",
        "30.0",
        "left",
        "no",
        "10.0",
        "",
        "left",
        "",
        "",
        "",
    )


def test_a_visitor_still_waiting_today_counts_until_now_and_marks_the_report_partial() -> None:
    now = at(12, 0)
    report = day_report(
        [
            row(1, "G001", "General enquiry", "waiting", at(11, 50)),
            row(2, "G002", "General enquiry", "waiting", at(11, 30)),
        ],
        now=now,
    )
    assert report.partial
    assert [o.wait_minutes for o in report.outcomes] == [30.0, 10.0]
    assert report.walk_ins.within_target == Share(0, 1)
    assert report.walk_ins.still_waiting == 2


def test_a_day_with_no_visitors_shows_zeros_not_closed() -> None:
    report = day_report([])
    w = report.walk_ins
    assert (w.arrivals, w.waits, w.within_target.fraction) == (0, WaitStats(), None)
    assert not report.no_office_hours
    assert [g.arrivals for g in w.by_hour] == [0] * 7
    assert report.section("walk_ins").figures[5].text == "-"  # mean wait
    assert report.section("walk_ins").figures[9].text == "none to count"


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2026, 11, 21), "weekend"),
        (date(2026, 12, 25), "Christmas Day (bank holiday)"),
        (date(2026, 12, 28), "Boxing Day (observed) (bank holiday)"),
        (date(2026, 10, 25), "weekend"),  # the day the clocks go back
    ],
)
def test_a_day_without_office_hours_says_so_instead_of_zeros(day: date, reason: str) -> None:
    report = day_report([], day=day)
    assert report.no_office_hours
    assert report.closed_reason() == f"No office hours on {report.period_text}: {reason}."
    assert ("Report", "No office hours", day.isoformat(), reason) in summary_rows(report)


def test_a_closure_day_gives_its_reason_and_a_weekday_without_hours_says_so() -> None:
    cal = OfficeCalendar("ENG", {0: ((time(9), time(12)),)}, closure_days=[date(2026, 11, 23)])
    assert day_status(cal, date(2026, 11, 23), {date(2026, 11, 23): "stocktake"}).reason == (
        "office closed (stocktake)"
    )
    assert day_status(cal, DAY, {}).reason == "the office has no opening hours on Tuesdays"


def test_visits_on_a_day_without_hours_are_still_counted() -> None:
    saturday = date(2026, 11, 21)
    sat = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
    report = day_report(
        [
            row(
                1,
                "G001",
                "General enquiry",
                "served",
                sat,
                day=saturday,
                called_at=sat + timedelta(minutes=4),
                finished_at=sat + timedelta(minutes=9),
            )
        ],
        day=saturday,
    )
    assert not report.no_office_hours and report.walk_ins.arrivals == 1
    assert report.walk_ins.waits.mean == 4.0


def test_a_visit_across_midnight_utc_belongs_to_its_local_day_and_hour() -> None:
    # 10 June 2026 is in British Summer Time: 00:50 local is 23:50 UTC on 9 June.
    late = OfficeCalendar("ENG", {d: ((time(0), time(23, 59)),) for d in range(7)})
    june10 = date(2026, 6, 10)
    checked = datetime(2026, 6, 9, 23, 50, tzinfo=UTC)
    called = datetime(2026, 6, 10, 0, 10, tzinfo=UTC)
    report = day_report(
        [
            row(
                1,
                "G001",
                "General enquiry",
                "served",
                checked,
                day=june10,
                called_at=called,
                finished_at=called + timedelta(minutes=5),
            )
        ],
        day=june10,
        cal=late,
        now=datetime(2026, 6, 11, tzinfo=UTC),
    )
    assert report.walk_ins.waits.mean == 20.0
    assert [g.key for g in report.walk_ins.by_hour if g.arrivals] == ["00"]
    cells = visit_cells(report.outcomes[0], late)
    assert cells[1:5] == ("2026-06-10", "General enquiry", "00:50", "01:10")


@pytest.mark.parametrize(
    ("day", "utc_open"),
    [(date(2027, 3, 28), time(8, 0)), (date(2026, 10, 25), time(9, 0))],
)
def test_clock_change_sundays_use_local_hours(day: date, utc_open: time) -> None:
    # An office that opens on Sundays 09:00-13:00: on 28 March 2027 the clocks have just gone
    # forward (09:00 BST = 08:00 UTC); on 25 October 2026 back (09:00 GMT = 09:00 UTC).
    sunday = OfficeCalendar("ENG", {6: ((time(9), time(13)),)})
    checked = datetime.combine(day, utc_open, UTC) + timedelta(minutes=10)
    waiting = datetime.combine(day, utc_open, UTC) + timedelta(hours=3, minutes=50)
    report = day_report(
        [
            row(
                1,
                "G001",
                "General enquiry",
                "served",
                checked,
                day=day,
                called_at=checked + timedelta(minutes=15),
                finished_at=checked + timedelta(minutes=20),
            ),
            row(2, "G002", "General enquiry", "waiting", waiting, day=day),
        ],
        day=day,
        cal=sunday,
        now=datetime.combine(day + timedelta(days=1), time(12), UTC),
    )
    assert [g.key for g in report.walk_ins.by_hour] == ["09", "10", "11", "12"]
    assert [g.arrivals for g in report.walk_ins.by_hour] == [1, 0, 0, 1]
    # The visitor still waiting at 12:50 local counts until 13:00 local closing.
    assert [o.wait_minutes for o in report.outcomes] == [15.0, 10.0]
    assert report.walk_ins.within_target == Share(1, 1)


def test_nearest_rank_percentiles() -> None:
    assert nearest_rank([1.0], 90) == 1.0
    assert nearest_rank([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 90) == 9.0
    assert nearest_rank([float(i) for i in range(1, 12)], 90) == 10.0  # ceil(9.9) = 10
    assert nearest_rank([1.0, 2.0], 50) == 1.0
    assert nearest_rank([1.0, 2.0], 100) == 2.0
    with pytest.raises(ValueError):
        nearest_rank([], 90)
    assert WaitStats.of([4.0, 1.0, 3.0, 2.0]) == WaitStats(4, 2.5, 2.5, 4.0, 4.0)


def test_wait_of_exactly_the_target_is_within_it() -> None:
    report = day_report(
        [
            row(
                1,
                "G001",
                "General enquiry",
                "served",
                at(10, 0),
                called_at=at(10, 15),
                finished_at=at(10, 20),
            )
        ]
    )
    assert report.walk_ins.within_target == Share(1, 1)


def test_period_checks_name_the_field_and_say_what_to_do() -> None:
    today = date(2026, 11, 24)
    first = date(2026, 1, 5)
    with pytest.raises(ValidationError, match="before the start date") as exc:
        check_period(date(2026, 11, 20), date(2026, 11, 1), today, first)
    assert exc.value.field == "end"
    with pytest.raises(ValidationError, match="in the future") as exc:
        check_period(date(2026, 11, 25), date(2026, 11, 25), today, first)
    assert exc.value.field == "start"
    with pytest.raises(ValidationError, match="is in the future") as exc:
        check_period(date(2026, 11, 1), date(2026, 12, 1), today, first)
    assert exc.value.field == "end"
    with pytest.raises(ValidationError, match="records begin on Monday 5 January 2026") as exc:
        check_period(date(2026, 1, 2), date(2026, 1, 9), today, first)
    assert exc.value.field == "start"
    with pytest.raises(ValidationError, match="records begin on Tuesday 24 November 2026"):
        check_period(date(2026, 11, 23), today, today, None)
    check_period(today, today, today, None)  # a new office: today is always allowed
    check_period(first, today, today, first)


def test_trend_points_are_days_then_weeks_then_months() -> None:
    assert len(trend_buckets(date(2026, 11, 1), date(2026, 11, 30))) == 30
    weeks = trend_buckets(date(2026, 1, 1), date(2026, 12, 31))
    assert weeks[0] == ("1 Jan 2026", date(2026, 1, 1), date(2026, 1, 4))
    assert weeks[1] == ("w/c 5 Jan 2026", date(2026, 1, 5), date(2026, 1, 11))
    assert weeks[-1][2] == date(2026, 12, 31)
    months = trend_buckets(date(2024, 1, 15), date(2026, 12, 31))
    assert months[0] == ("Jan 2024", date(2024, 1, 15), date(2024, 1, 31))
    assert months[1][1:] == (date(2024, 2, 1), date(2024, 2, 29))
    assert len(months) == 36


def test_a_range_report_has_a_trend_and_lists_closed_days() -> None:
    monday = date(2026, 11, 23)
    rows = [
        row(
            1,
            "G001",
            "General enquiry",
            "served",
            at(10, 0, monday),
            day=monday,
            called_at=at(10, 6, monday),
            finished_at=at(10, 9, monday),
        ),
        row(
            2,
            "G001",
            "General enquiry",
            "served",
            at(10, 0),
            called_at=at(10, 20),
            finished_at=at(10, 29),
        ),
    ]
    report = build_report(
        office_name="T",
        calendar=CAL,
        start=date(2026, 11, 21),
        end=DAY,
        rows=rows,
        target_wait_minutes=15,
        now=AFTER,
    )
    assert [(p.label, p.arrivals, p.mean_wait, p.open_days) for p in report.trend] == [
        ("Sat 21 Nov", 0, None, 0),
        ("Sun 22 Nov", 0, None, 0),
        ("Mon 23 Nov", 1, 6.0, 1),
        ("Tue 24 Nov", 1, 20.0, 1),
    ]
    assert report.walk_ins.waits.mean == 13.0
    assert report.open_days == 2
    assert [d.reason for d in report.days if not d.open] == ["weekend", "weekend"]


def test_standards_section_lists_every_channel_clock() -> None:
    standards = {
        "email": ChannelStandard("email", respond=ClockRule(ClockKind.WORKING_DAYS, 5)),
        "sar": ChannelStandard("sar", respond=ClockRule(ClockKind.CALENDAR_MONTHS, 1)),
    }
    report = build_report(
        office_name="T",
        calendar=CAL,
        start=DAY,
        end=DAY,
        rows=[],
        target_wait_minutes=20,
        now=AFTER,
        standards=standards,
    )
    section = report.section("standards")
    assert section.figures[0].text == "20 minutes"
    assert section.tables[0].rows == (
        ("Email", "respond: 5 working days"),
        ("Subject access request", "respond: one calendar month"),
    )
    keys = [s.key for s in report.sections]
    assert keys[0] == "walk_ins" and keys[-1] == "standards"


def test_share_text() -> None:
    assert Share(2, 3).text() == "67% (2 of 3)"
    assert Share().text() == "none to count" and Share().fraction is None
    assert math.isclose(Share(1, 3).fraction or 0, 1 / 3)
