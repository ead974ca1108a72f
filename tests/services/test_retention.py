"""Retention (issue 12): a year of sample data purged, the reports unchanged, holds respected."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from reception_app.domain.errors import PermissionDenied
from reception_app.domain.people import COMMAND_LINE, Role, StaffMember
from reception_app.domain.reports import Report
from reception_app.domain.retention import Period, RecordKind, Schedule, Unit
from reception_app.persistence.appointment_records import AppointmentRecord
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    FeedbackRecord,
    MessageRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import ContactRecord, EventRecord, VisitRecord
from reception_app.services.container import AppServices
from tests.conftest import FIXED_NOW, SAMPLE_HISTORY_DAYS

DAYS = 130
"""Working days of sample data for the report test: half a year (on PostgreSQL a year's sample
data takes 20 s to load; half a year shows the same)."""
SHORT = SAMPLE_HISTORY_DAYS
"""Working days for the other tests: past the walk-in period and the one-month schedule."""

ALL_A_MONTH = Schedule({kind: Period(1, Unit.MONTHS) for kind in RecordKind})


def _figures(report: Report) -> tuple[Any, ...]:
    return (
        report.days,
        report.walk_ins,
        report.outcomes,
        report.trend,
        report.channels,
        report.sections,
    )


def _count(services: AppServices, model: Any, *where: Any) -> int:
    with transaction(services.database.session_factory, write=False) as session:
        return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


@pytest.fixture
def filled(sample_history: AppServices) -> AppServices:
    """``demo.fill("hellesdon", SHORT, seed=3)``, loaded once per session (tests/conftest.py)."""
    return sample_history


def test_reports_for_past_periods_are_the_same_after_a_purge(
    services: AppServices, manager: StaffMember
) -> None:
    services.demo.fill("hellesdon", DAYS, seed=3)
    filled = services
    reports = filled.reports(manager)
    today = reports.today()
    start = reports.first_day()
    assert start is not None
    months = [(start, today - timedelta(days=1))]
    months += [(today - timedelta(days=d + 29), today - timedelta(days=d)) for d in (35, 95, 150)]
    before = [_figures(reports.report(a, b)) for a, b in months]
    retention = filled.retention()
    retention.save_schedule(manager, ALL_A_MONTH)

    result = retention.run(manager)

    assert [_figures(reports.report(a, b)) for a, b in months] == before
    assert result.counts["walk-in visits"] > 1000
    assert result.counts["appointments"] > 100
    assert result.counts["phone messages"] > 10
    assert result.counts["correspondence"] + result.counts["information requests"] > 0
    assert result.counts["contacts removed"] > 0
    old = VisitRecord.ticket_day < date(2026, 10, 1)
    open_follow_up = VisitRecord.follow_up_officer_id.is_not(None) & VisitRecord.purged_at.is_(None)
    assert _count(filled, VisitRecord, old, VisitRecord.purged_at.is_(None), ~open_follow_up) == 0
    old = old & VisitRecord.purged_at.is_not(None)
    assert _count(filled, VisitRecord, old, VisitRecord.contact_id.is_not(None)) == 0
    assert _count(filled, VisitRecord, old, VisitRecord.display_name != "anonymous") == 0
    assert _count(filled, VisitRecord, old, VisitRecord.note != "") == 0
    assert (
        _count(
            filled, MessageRecord, MessageRecord.purged_at.is_not(None), MessageRecord.body != ""
        )
        == 0
    )
    audit = EventRecord.action == "retention_run"
    assert _count(filled, EventRecord, audit) == 1
    with transaction(filled.database.session_factory, write=False) as session:
        entry = session.scalars(select(EventRecord).where(audit)).one()
    assert entry.details["counts"] == result.counts
    assert entry.staff_id == manager.id
    again = retention.run(manager, dry_run=True)
    assert again.total == 0


def test_a_dry_run_counts_what_a_real_run_then_does_and_changes_nothing(
    filled: AppServices, manager: StaffMember
) -> None:
    retention = filled.retention()
    named = VisitRecord.display_name != "anonymous"
    named_before = _count(filled, VisitRecord, named)
    dry = retention.run(manager, dry_run=True)
    assert _count(filled, VisitRecord, named) == named_before
    assert _count(filled, EventRecord, EventRecord.action == "retention_run") == 0
    assert retention.last_run() is None
    real = retention.run(manager)
    assert real.counts == dry.counts
    assert dry.counts["walk-in visits"] > 0
    assert retention.last_run() == filled.reports(manager).today()
    assert not retention.is_due()


def test_holds_open_clocks_and_open_complaints_are_never_purged(
    filled: AppServices, manager: StaffMember
) -> None:
    factory = filled.database.session_factory
    with transaction(factory) as session:
        held = session.scalars(
            select(AppointmentRecord.contact_id)
            .where(
                AppointmentRecord.contact_id.is_not(None),
                AppointmentRecord.ends_at < FIXED_NOW - timedelta(days=40),
            )
            .limit(1)
        ).one()
        held_appointments = session.scalar(
            select(func.count()).where(AppointmentRecord.contact_id == held)
        )
        held_visit = session.scalars(
            select(VisitRecord.id)
            .where(VisitRecord.contact_id.is_(None), VisitRecord.ticket_day < date(2026, 10, 15))
            .limit(1)
        ).one()
        session.get(VisitRecord, held_visit).note = "Kept for a tribunal"  # type: ignore[union-attr]
    retention = filled.retention()
    retention.set_legal_hold(manager, "contact", held, True)
    retention.set_legal_hold(manager, "visit", held_visit, True)
    open_letters = _count(filled, CorrespondenceRecord, CorrespondenceRecord.closed_at.is_(None))
    open_messages = MessageRecord.status == "open"
    named_open = _count(filled, MessageRecord, open_messages, MessageRecord.caller_name != "")
    assert named_open > 0
    open_feedback = FeedbackRecord.status.in_(("open", "formal_complaint"))
    open_before = _count(filled, FeedbackRecord, open_feedback, FeedbackRecord.details != "")
    retention.save_schedule(manager, ALL_A_MONTH)

    retention.run(manager)

    assert _count(filled, ContactRecord, ContactRecord.id == held) == 1
    kept = _count(filled, AppointmentRecord, AppointmentRecord.contact_id == held)
    assert kept == held_appointments
    with transaction(factory, write=False) as session:
        assert session.get(VisitRecord, held_visit).note == "Kept for a tribunal"  # type: ignore[union-attr]
    unpurged_open = _count(
        filled,
        CorrespondenceRecord,
        CorrespondenceRecord.closed_at.is_(None),
        CorrespondenceRecord.purged_at.is_(None),
    )
    assert unpurged_open == open_letters
    assert (
        _count(filled, FeedbackRecord, open_feedback, FeedbackRecord.details != "") == open_before
    )


def test_only_a_manager_runs_retention_or_sets_a_hold(
    services: AppServices, manager: StaffMember
) -> None:
    desk = services.staff.save_staff(
        manager, "hellesdon", StaffMember(0, "rdesk", "Rita Desk", Role.RECEPTIONIST)
    )
    retention = services.retention()
    with pytest.raises(PermissionDenied):
        retention.run(desk, dry_run=True)
    with pytest.raises(PermissionDenied):
        retention.save_schedule(desk, ALL_A_MONTH)
    with pytest.raises(PermissionDenied):
        retention.set_legal_hold(desk, "visit", 1, True)
    assert retention.run(COMMAND_LINE, dry_run=True).total == 0


def test_the_daily_run_runs_once_a_day_and_leaves_incidents_to_a_manager(
    filled: AppServices, manager: StaffMember
) -> None:
    retention = filled.retention()
    retention.save_schedule(manager, ALL_A_MONTH)
    first = retention.run_if_due()
    assert first is not None and "incidents" not in first.counts
    assert retention.run_if_due() is None
    with transaction(filled.database.session_factory, write=False) as session:
        entry = session.scalars(
            select(EventRecord).where(EventRecord.action == "retention_run")
        ).one()
    assert entry.staff_id is None


def test_letter_files_and_texts_go_with_their_records(
    filled: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    from reception_app.persistence.letter_records import LetterRecord
    from reception_app.persistence.notification_records import NotificationRecord

    factory = filled.database.session_factory
    letter_file = tmp_path / "old-letter.pdf"
    letter_file.write_bytes(b"%PDF-1.4 a letter")
    with transaction(factory) as session:
        old = session.scalars(
            select(AppointmentRecord)
            .where(AppointmentRecord.ends_at < FIXED_NOW - timedelta(days=40))
            .limit(1)
        ).one()
        visit = session.scalars(
            select(VisitRecord)
            .where(
                VisitRecord.ticket_day < date(2026, 10, 15),
                VisitRecord.follow_up_officer_id.is_(None),
            )
            .limit(1)
        ).one()
        common = {"office_id": old.office_id, "sent_at": FIXED_NOW - timedelta(days=200)}
        session.add(
            LetterRecord(
                source_kind="appointment",
                source_id=old.id,
                template_key="appointment_confirmation",
                template_title="Appointment confirmed",
                format="standard",
                status="sent",
                delivery="pdf",
                file_name=str(letter_file),
                **common,
            )
        )
        session.add(
            NotificationRecord(
                reference="00000000-0000-0000-0000-000000000001",
                office_id=old.office_id,
                kind="called",
                channel="sms",
                recipient="+447700900123",
                subject_kind="visit",
                subject_id=visit.id,
                body="Ticket C001, please go to desk 2",
                status="delivered",
                next_attempt_at=FIXED_NOW - timedelta(days=100),
            )
        )

    retention = filled.retention()
    retention.save_schedule(manager, ALL_A_MONTH)
    result = retention.run(manager)

    assert result.files_deleted == 1 and not letter_file.exists()
    assert _count(filled, LetterRecord, LetterRecord.file_name != "") == 0
    assert _count(filled, LetterRecord) == 1  # the fact it was sent stays
    sent = NotificationRecord.subject_id == visit.id
    assert _count(filled, NotificationRecord, sent, NotificationRecord.recipient == "") == 1
    assert _count(filled, NotificationRecord, sent, NotificationRecord.body == "") == 1


def test_a_hold_set_while_the_purge_runs_is_respected_by_the_later_batches(
    filled: AppServices, manager: StaffMember
) -> None:
    """Each batch checks every condition again under the write lock: a record another desk puts
    on hold after the run read its list is left alone."""
    from reception_app.services.retention import RetentionService

    retention = RetentionService(filled.context, "hellesdon", batch_size=50)
    with transaction(filled.database.session_factory, write=False) as session:
        last = session.scalar(
            select(func.max(VisitRecord.id)).where(
                VisitRecord.ticket_day < date(2026, 10, 15),
                VisitRecord.follow_up_officer_id.is_(None),
            )
        )
    assert last is not None
    held: list[int] = []

    def another_desk(key: str, done: int) -> None:
        if not held:
            filled.retention().set_legal_hold(manager, "visit", last, True)
            held.append(last)

    result = retention.run(manager, on_batch=another_desk)

    assert held and result.counts["walk-in visits"] > 50
    with transaction(filled.database.session_factory, write=False) as session:
        visit = session.get(VisitRecord, last)
        assert visit is not None and visit.purged_at is None and visit.legal_hold
