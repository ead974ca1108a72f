"""ReportService on a real SQLite file: local days, joins, validation, progress and exports."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import Cancelled, ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.reports import Share, outcomes_for
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import (
    DeskRecord,
    OfficeRecord,
    ServiceRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.services.container import AppServices
from reception_app.services.report_service import ReportService, local_day_bounds
from tests.conftest import FixedClock

MONDAY = date(2026, 11, 23)


def add_visits(services: AppServices, *visits: dict) -> None:  # type: ignore[type-arg]
    """Insert visits of the running office (Hellesdon) as the queue would have left them."""
    with transaction(services.database.session_factory) as session:
        office = session.scalars(select(OfficeRecord).where(OfficeRecord.key == "hellesdon")).one()
        service_ids = {
            s.key: s.id
            for s in session.scalars(
                select(ServiceRecord).where(ServiceRecord.office_id == office.id)
            )
        }
        desk_ids = {
            d.key: d.id
            for d in session.scalars(select(DeskRecord).where(DeskRecord.office_id == office.id))
        }
        staff_ids = {s.username: s.id for s in session.scalars(select(StaffRecord))}
        for n, v in enumerate(visits):
            v = dict(v)
            day = v.pop("day")
            service = v.pop("service", "general")
            desk = v.pop("desk", None)
            officer = v.pop("officer", None)
            session.add(
                VisitRecord(
                    office_id=office.id,
                    ticket=v.pop("ticket", f"G{n + 1:03d}"),
                    ticket_prefix="G",
                    ticket_number=n + 1,
                    ticket_day=day,
                    service_id=service_ids[service],
                    desk_id=desk_ids[desk] if desk else None,
                    called_by=staff_ids[officer] if officer else None,
                    position=float(n),
                    **v,
                )
            )


def utc(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), UTC)


@pytest.fixture
def reports(services: AppServices, manager: StaffMember) -> ReportService:
    return ReportService(services.context, "hellesdon", manager)


def test_daily_report_reads_the_days_visits_with_names_of_service_desk_and_officer(
    services: AppServices, reports: ReportService
) -> None:
    add_visits(
        services,
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=utc(MONDAY, 10, 0),
            called_at=utc(MONDAY, 10, 12),
            finished_at=utc(MONDAY, 10, 20),
            desk="R1",
            officer="mclerk",
            announced_wait_minutes=10.0,
            resolved_first_contact=True,
        ),
        dict(
            day=MONDAY,
            status="left",
            checked_in_at=utc(MONDAY, 11, 0),
            finished_at=utc(MONDAY, 11, 40),
            service="allotments",
        ),
        dict(day=MONDAY, status="waiting", checked_in_at=utc(MONDAY, 15, 45)),
        # Another day and an appointment arrival: not in Monday's walk-ins.
        dict(
            day=MONDAY - timedelta(days=3),
            status="served",
            checked_in_at=utc(MONDAY - timedelta(days=3), 10, 0),
            called_at=utc(MONDAY - timedelta(days=3), 10, 1),
        ),
        dict(
            day=MONDAY,
            status="served",
            kind="appointment",
            checked_in_at=utc(MONDAY, 12, 0),
            called_at=utc(MONDAY, 12, 1),
        ),
    )
    report = reports.daily(MONDAY)
    w = report.walk_ins
    assert report.office_name == "Hellesdon Parish Council"
    assert (w.arrivals, w.served, w.left, w.still_waiting) == (3, 1, 1, 1)
    # Waits: 12, 40 (left), 15 (until 16:00 closing).
    assert sorted(o.wait_minutes or 0 for o in report.outcomes) == [12.0, 15.0, 40.0]
    assert w.waits.median == 15.0 and w.waits.p90 == 40.0
    assert w.within_target == Share(1, 2)
    assert w.announced.mean_error == 2.0
    assert [g.label for g in w.by_desk] == ["Reception window"]
    assert [g.label for g in w.by_officer] == ["Margaret Clerk"]
    assert [g.label for g in w.by_service] == ["Allotments", "General enquiry"]
    assert report.target_wait_minutes == 15


def test_the_target_wait_setting_is_used(
    services: AppServices, reports: ReportService, manager: StaffMember
) -> None:
    add_visits(
        services,
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=utc(MONDAY, 10, 0),
            called_at=utc(MONDAY, 10, 12),
        ),
    )
    assert reports.daily(MONDAY).walk_ins.within_target == Share(1, 1)
    services.office.put_setting("target_wait_minutes", 10, manager)
    report = reports.daily(MONDAY)
    assert report.target_wait_minutes == 10
    assert report.walk_ins.within_target == Share(0, 1)
    assert report.section("walk_ins").figures[9].label == "Called within the 10-minute target"


def test_today_counts_a_waiting_visitor_until_now(
    services: AppServices, reports: ReportService, clock: FixedClock
) -> None:
    today = date(2026, 11, 24)  # FIXED_NOW is 10:30 that day
    add_visits(services, dict(day=today, status="waiting", checked_in_at=utc(today, 10, 0)))
    report = reports.daily(today)
    assert report.partial
    assert report.outcomes[0].wait_minutes == 30.0
    assert report.walk_ins.within_target == Share(0, 1)


def test_weekend_and_day_without_visitors(services: AppServices, reports: ReportService) -> None:
    add_visits(
        services,
        dict(
            day=MONDAY - timedelta(days=7),
            status="served",
            checked_in_at=utc(MONDAY - timedelta(days=7), 10, 0),
            called_at=utc(MONDAY - timedelta(days=7), 10, 5),
        ),
    )
    saturday = reports.daily(MONDAY - timedelta(days=2))
    assert saturday.no_office_hours
    assert saturday.closed_reason() == "No office hours on Saturday 21 November 2026: weekend."
    quiet = reports.daily(MONDAY)
    assert not quiet.no_office_hours and quiet.walk_ins.arrivals == 0


def test_bad_periods_are_refused_with_the_field(
    services: AppServices, reports: ReportService
) -> None:
    add_visits(
        services,
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=utc(MONDAY, 10, 0),
            called_at=utc(MONDAY, 10, 5),
        ),
    )
    assert reports.first_day() == MONDAY
    assert reports.today() == date(2026, 11, 24)
    with pytest.raises(ValidationError) as exc:
        reports.report(MONDAY, MONDAY - timedelta(days=1))
    assert exc.value.field == "end"
    with pytest.raises(ValidationError, match="in the future"):
        reports.daily(date(2026, 11, 25))
    with pytest.raises(ValidationError, match="records begin on Monday 23 November 2026"):
        reports.daily(date(2026, 11, 20))
    with pytest.raises(ValidationError):
        reports.check(date(2026, 11, 20), MONDAY)
    reports.check(MONDAY, date(2026, 11, 24))


def test_a_long_range_reports_progress_and_can_be_cancelled(
    services: AppServices, reports: ReportService
) -> None:
    start = date(2026, 1, 5)
    add_visits(
        services,
        dict(
            day=start, status="served", checked_in_at=utc(start, 10, 0), called_at=utc(start, 10, 5)
        ),
    )
    seen: list[tuple[int, int]] = []
    report = reports.report(start, MONDAY, lambda done, total: seen.append((done, total)) or True)
    assert seen[0] == (0, 11) and seen[-1] == (11, 11)
    assert report.walk_ins.arrivals == 1
    assert len(report.trend) == 47  # weeks, the first starting on Monday 5 January
    with pytest.raises(Cancelled):
        reports.report(start, MONDAY, lambda done, total: done < 3)


def test_local_day_bounds_across_the_clock_changes() -> None:
    cal = OfficeCalendar()
    assert local_day_bounds(cal, date(2026, 10, 25), date(2026, 10, 25)) == (
        datetime(2026, 10, 24, 23, 0, tzinfo=UTC),
        datetime(2026, 10, 26, 0, 0, tzinfo=UTC),
    )  # 25 hours
    assert local_day_bounds(cal, date(2027, 3, 28), date(2027, 3, 28)) == (
        datetime(2027, 3, 28, 0, 0, tzinfo=UTC),
        datetime(2027, 3, 28, 23, 0, tzinfo=UTC),
    )  # 23 hours


def test_a_visit_across_midnight_utc_is_on_its_office_day(
    services: AppServices, reports: ReportService, manager: StaffMember
) -> None:
    # A late Friday in summer: checked in 00:20 BST on Saturday 13 June (23:20 UTC Friday).
    saturday = date(2026, 6, 13)
    add_visits(
        services,
        dict(
            day=saturday,
            status="served",
            checked_in_at=datetime(2026, 6, 12, 23, 20, tzinfo=UTC),
            called_at=datetime(2026, 6, 12, 23, 50, tzinfo=UTC),
        ),
    )
    report = reports.daily(saturday)
    assert not report.no_office_hours  # a closed day with a visit still shows it
    assert report.walk_ins.waits.mean == 30.0
    assert [g.key for g in report.walk_ins.by_hour] == ["00"]
    assert [o.row.ticket for o in outcomes_for(report, "walk_in:hour:00")] == ["G001"]
    assert reports.first_day() == saturday  # not Friday, the UTC date


def test_export_refuses_other_file_types(
    reports: ReportService, services: AppServices, tmp_path: Path
) -> None:
    add_visits(
        services,
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=utc(MONDAY, 10, 0),
            called_at=utc(MONDAY, 10, 5),
        ),
    )
    report = reports.daily(MONDAY)
    with pytest.raises(ValidationError, match="pdf or .csv"):
        reports.export(report, tmp_path / "report.txt")
    assert reports.export(report, tmp_path / "r.pdf") == [tmp_path / "r.pdf"]
    assert reports.export(report, tmp_path / "r.csv") == [
        tmp_path / "r.csv",
        tmp_path / "r-visits.csv",
    ]


def test_appointments_rooms_and_correspondence_from_their_tables(
    services: AppServices, reports: ReportService, manager: StaffMember
) -> None:
    from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
    from reception_app.persistence.correspondence_records import (
        CorrespondenceRecord,
        MessageCallbackRecord,
        MessageRecord,
    )
    from reception_app.persistence.records import InterviewRoomRecord

    add_visits(
        services,
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=utc(MONDAY, 10, 0),
            called_at=utc(MONDAY, 10, 5),
        ),
    )
    with transaction(services.database.session_factory) as session:
        office = session.scalars(select(OfficeRecord).where(OfficeRecord.key == "hellesdon")).one()
        service = session.scalars(
            select(ServiceRecord).where(ServiceRecord.office_id == office.id)
        ).first()
        room = session.scalars(
            select(InterviewRoomRecord).where(InterviewRoomRecord.office_id == office.id)
        ).first()
        assert service is not None and room is not None
        common = dict(
            office_id=office.id,
            customer_name="Zoë Smith",
            service_id=service.id,
            staff_id=manager.id,
        )
        session.add_all(
            [
                AppointmentRecord(
                    **common,
                    starts_at=utc(MONDAY, 10, 0),
                    ends_at=utc(MONDAY, 10, 30),
                    status="seen",
                    arrived_at=utc(MONDAY, 9, 50),
                    seen_at=utc(MONDAY, 10, 12),
                ),
                AppointmentRecord(
                    **common,
                    starts_at=utc(MONDAY, 11, 0),
                    ends_at=utc(MONDAY, 11, 30),
                    status="no_show",
                ),
                # The day before: not in Monday's report.
                AppointmentRecord(
                    **common,
                    starts_at=utc(MONDAY, 0, 30) - timedelta(hours=1),
                    ends_at=utc(MONDAY, 0, 45),
                    status="seen",
                    seen_at=utc(MONDAY, 0, 10),
                ),
                RoomBookingRecord(
                    office_id=office.id,
                    room_id=room.id,
                    starts_at=utc(MONDAY, 13, 0),
                    ends_at=utc(MONDAY, 14, 30),
                ),
            ]
        )
        letter = CorrespondenceRecord(
            office_id=office.id,
            channel="letter",
            received_at=utc(MONDAY, 9, 0),
            logged_at=utc(MONDAY, 9, 5),
            from_name="A Person",
            subject="Hedge",
            owner_id=manager.id,
            respond_due_on=date(2026, 12, 7),
            next_due_on=date(2026, 12, 7),
        )
        old = CorrespondenceRecord(
            office_id=office.id,
            channel="email",
            received_at=utc(date(2026, 11, 2), 9, 0),
            logged_at=utc(date(2026, 11, 2), 9, 5),
            from_name="B Person",
            subject="Bins",
            owner_id=manager.id,
            respond_due_on=date(2026, 11, 5),
            next_due_on=date(2026, 11, 5),
        )
        message = MessageRecord(
            office_id=office.id,
            taken_at=utc(MONDAY, 9, 30),
            recipient_id=manager.id,
            caller_name="C Person",
            subject="Call me",
            due_on=MONDAY + timedelta(days=1),
        )
        session.add_all([letter, old, message])
        session.flush()
        session.add(
            MessageCallbackRecord(message_id=message.id, at=utc(MONDAY, 15, 0), outcome="spoke")
        )
    report = reports.daily(MONDAY)
    appointments = {f.key: f.text for f in report.section("appointments").figures}
    assert appointments["booked"] == "2" and appointments["no_shows"] == "1"
    assert appointments["on_time"] == "0% (0 of 1)" and appointments["worst_delay"] == "12.0 min"
    rooms = report.section("rooms").tables[0]
    assert rooms.rows[[r[0] for r in rooms.rows].index(room.name)][1:3] == ("1", "1.5")
    figures = {f.key: f.text for f in report.section("correspondence").figures}
    assert figures["received"] == "1 call-back, 1 correspondence"
    assert figures["within_standard"] == "100% (1 of 1)"  # the call-back; the letter is not due yet
    assert figures["overdue_now"] == "1"
    assert figures["oldest_overdue"].startswith("Email received 2 Nov 2026, due 5 Nov 2026")
    assert report.extra_rows["correspondence:overdue"][0][1] == "Email"
    assert "Zoë" not in str(report.extra_rows)  # reports never list customers' names


def test_an_office_with_only_correspondence_reports_from_its_first_letter(
    services: AppServices, reports: ReportService, manager: StaffMember
) -> None:
    """No walk-ins yet: the office's records begin with its earliest record of any kind the
    report covers (here a letter received at 00:30 BST on 1 June, 23:30 UTC on 31 May)."""
    from reception_app.persistence.correspondence_records import (
        CorrespondenceRecord,
        MessageRecord,
    )

    assert reports.first_day() is None
    june = date(2026, 6, 1)
    with transaction(services.database.session_factory) as session:
        office = session.scalars(select(OfficeRecord).where(OfficeRecord.key == "hellesdon")).one()
        session.add_all(
            [
                CorrespondenceRecord(
                    office_id=office.id,
                    channel="letter",
                    received_at=datetime(2026, 5, 31, 23, 30, tzinfo=UTC),
                    logged_at=utc(june, 9, 0),
                    from_name="A Person",
                    subject="Hedge",
                    owner_id=manager.id,
                    respond_due_on=date(2026, 6, 15),
                    responded_at=utc(date(2026, 6, 10), 11, 0),
                ),
                # A message that wants no call-back is not something the report covers.
                MessageRecord(
                    office_id=office.id,
                    taken_at=utc(date(2026, 5, 1), 9, 30),
                    recipient_id=manager.id,
                    caller_name="C Person",
                    subject="For information",
                    callback_expected=False,
                ),
            ]
        )
    assert reports.first_day() == june
    report = reports.daily(june)
    figures = {f.key: f.text for f in report.section("correspondence").figures}
    assert figures["received"] == "0 call-backs, 1 correspondence"
    assert figures["within_standard"] == "100% (1 of 1)"
    assert report.walk_ins.arrivals == 0
    reports.check(june, date(2026, 11, 24))
    with pytest.raises(ValidationError, match="records begin on Monday 1 June 2026") as exc:
        reports.daily(date(2026, 5, 31))
    assert exc.value.field == "start"


def test_the_first_day_counts_appointments_and_call_back_messages(
    services: AppServices, reports: ReportService, manager: StaffMember
) -> None:
    from reception_app.persistence.appointment_records import AppointmentRecord
    from reception_app.persistence.correspondence_records import MessageRecord

    add_visits(services, dict(day=MONDAY, status="left", checked_in_at=utc(MONDAY, 10, 0)))
    assert reports.first_day() == MONDAY
    with transaction(services.database.session_factory) as session:
        office = session.scalars(select(OfficeRecord).where(OfficeRecord.key == "hellesdon")).one()
        service = session.scalars(
            select(ServiceRecord).where(ServiceRecord.office_id == office.id)
        ).first()
        assert service is not None
        session.add(
            AppointmentRecord(
                office_id=office.id,
                customer_name="Zoë Smith",
                service_id=service.id,
                staff_id=manager.id,
                starts_at=utc(date(2026, 11, 10), 10, 0),
                ends_at=utc(date(2026, 11, 10), 10, 30),
                status="no_show",
            )
        )
    assert reports.first_day() == date(2026, 11, 10)
    with transaction(services.database.session_factory) as session:
        office = session.scalars(select(OfficeRecord).where(OfficeRecord.key == "hellesdon")).one()
        session.add(
            MessageRecord(
                office_id=office.id,
                taken_at=utc(date(2026, 11, 3), 9, 30),
                recipient_id=manager.id,
                caller_name="C Person",
                subject="Call me",
                due_on=date(2026, 11, 4),
            )
        )
    assert reports.first_day() == date(2026, 11, 3)
    assert reports.daily(date(2026, 11, 3)).section("correspondence").figures[0].text == (
        "1 call-back, 0 correspondence"
    )
