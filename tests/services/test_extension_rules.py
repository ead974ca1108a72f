"""Issue 13 point 5: extensions only before the original deadline (a SAR's requester told within
the first month), late replies judged against the deadline that applied, holding responses
that promise more than the limit questioned, and the new deadline shown before saving."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.persistence.correspondence_records import CorrespondenceRecord
from reception_app.persistence.engine import transaction
from reception_app.services.container import AppServices
from reception_app.services.report_service import ReportService

Staff = dict[str, StaffMember]
TODAY = date(2026, 11, 24)  # the fixed clock's day


def _log(services: AppServices, staff: Staff, channel: str, received: datetime) -> int:
    draft = CorrespondenceDraft(
        channel=channel,
        received_at=received,
        from_name="Łukasz Nowak",
        subject="My records",
        owner_id=staff["Tom"].id,
    )
    return services.correspondence().log(staff["Rita"], draft).id


def test_a_sar_extension_needs_the_day_the_person_was_told(
    services: AppServices, colleagues: Staff
) -> None:
    tom, log = colleagues["Tom"], services.correspondence()
    sar = _log(services, colleagues, "sar", datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    assert log.preview_extension(sar) == date(2027, 2, 10)
    assert log.get(sar).deadlines.extended is None  # the preview saved nothing
    for told, words in (
        (None, "told within the first month"),
        (date(2026, 11, 9), "before the request arrived"),
        (date(2026, 11, 25), "in the future"),
    ):
        with pytest.raises(ValidationError, match=words) as caught:
            log.extend(tom, sar, "Complex: three systems", told_on=told)
        assert caught.value.field == "told_on"
    item = log.extend(tom, sar, "Complex: three systems", told_on=date(2026, 11, 20))
    assert item.extension_told_on == date(2026, 11, 20)
    assert item.deadlines.extended == item.next_due == date(2027, 2, 10)


def test_no_extension_after_the_original_deadline(services: AppServices, colleagues: Staff) -> None:
    tom, log = colleagues["Tom"], services.correspondence()
    sar = _log(services, colleagues, "sar", datetime(2025, 7, 1, 9, 0, tzinfo=UTC))
    foi = _log(services, colleagues, "foi", datetime(2026, 10, 1, 9, 0, tzinfo=UTC))
    for item_id in (sar, foi):
        with pytest.raises(ValidationError, match="can only be taken before it ends") as caught:
            log.extend(tom, item_id, "Complex", told_on=TODAY)
        assert caught.value.field == "reason"
        with pytest.raises(ValidationError, match="can only be taken before it ends"):
            log.preview_extension(item_id)
        assert log.get(item_id).next_step == "respond"
    assert {i.id for i in log.list_items("overdue")} >= {sar, foi}


def test_a_late_reply_after_a_late_extension_counts_as_late(
    services: AppServices, colleagues: Staff, manager: StaffMember
) -> None:
    """Rows left by earlier versions: extended after the deadline, then answered late."""
    answered = _log(services, colleagues, "sar", datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    still_open = _log(services, colleagues, "sar", datetime(2026, 9, 1, 9, 0, tzinfo=UTC))
    with transaction(services.database.session_factory) as session:
        for item_id in (answered, still_open):
            record = session.get(CorrespondenceRecord, item_id)
            assert record is not None and record.respond_due_on == date(2026, 10, 1)
            record.extended_at = datetime(2026, 10, 20, 10, 0, tzinfo=UTC)
            record.extended_due_on = record.next_due_on = date(2026, 12, 1)
            record.extension_reason = "Complex"
            if item_id == answered:
                record.responded_at = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
                record.next_due_on, record.next_step = None, ""
    report = ReportService(services.context, "hellesdon", manager).report(
        date(2026, 9, 1), date(2026, 9, 30)
    )
    figures = {f.key: f.text for f in report.section("correspondence").figures}
    assert figures["within_standard"] == "0% (0 of 2)"
    assert figures["overdue_now"] == "1"
    assert figures["oldest_overdue"].startswith("Subject access request received 1 Sep 2026")
    # Once anything changes the log agrees: the extension taken late gives no extra time.
    item = services.correspondence().reassign(colleagues["Tom"], still_open, colleagues["Olu"].id)
    assert item.deadlines.extended is None and item.next_due == date(2026, 10, 1)


def test_a_holding_response_promising_more_than_the_limit_is_questioned(
    services: AppServices, colleagues: Staff
) -> None:
    tom, log = colleagues["Tom"], services.correspondence()
    foi = _log(services, colleagues, "foi", datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    limit = log.get(foi).deadlines.respond
    assert limit == date(2026, 12, 22)
    with pytest.raises(ValidationError, match="after the final limit for the reply") as caught:
        log.send_holding_response(tom, foi, "Waiting for records", date(2027, 1, 15))
    assert caught.value.field == "expected_on"
    assert log.get(foi).holding_responses == ()
    item = log.send_holding_response(
        tom, foi, "Waiting for records", date(2027, 1, 15), beyond_limit=True
    )
    assert item.holding_expected_on == date(2027, 1, 15)
    assert log.send_holding_response(tom, foi, "Still waiting", limit).holding_expected_on == limit


def test_pause_and_resume_previews_show_the_new_deadline_and_save_nothing(
    services: AppServices, colleagues: Staff
) -> None:
    tom, log = colleagues["Tom"], services.correspondence()
    sar = _log(services, colleagues, "sar", datetime(2026, 11, 10, 9, 0, tzinfo=UTC))
    before = log.get(sar).deadlines.respond
    assert before == date(2026, 12, 10)
    # Identity asked 11 Nov, arrived 20 Nov: one calendar month from 20 Nov.
    moved = log.preview_pause(sar, "identity", date(2026, 11, 11), date(2026, 11, 20))
    assert moved.respond == date(2026, 12, 21)  # 20 Dec is a Sunday
    assert log.get(sar).pauses == ()
    log.pause_clock(tom, sar, "clarification", date(2026, 11, 20))
    resumed = log.preview_resume(sar, date(2026, 11, 23))
    assert resumed.respond == date(2026, 12, 14)  # the three days after asking do not count
    assert log.get(sar).open_pause is not None
