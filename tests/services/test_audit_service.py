"""The managers' audit page (issue 12): the event log by person, member of staff, record and
date, and its CSV export. Both engines."""

from __future__ import annotations

import csv
import io
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from reception_app.domain.audit import AuditFilter
from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.messages import MessageDraft
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from tests.conftest import FixedClock
from tests.services.letter_fixtures import add_contact

Staff = dict[str, StaffMember]


def _setup(services: AppServices, colleagues: Staff, clock: FixedClock) -> tuple[int, int]:
    rita, margaret = colleagues["Rita"], colleagues["Margaret"]
    zoe = add_contact(services, rita)
    other = add_contact(services, margaret, name='=HYPERLINK("x")')
    clock.now += timedelta(days=1)
    message = services.messages().take(
        rita,
        MessageDraft(
            "Zoë",
            "About the hedge",
            recipient_id=colleagues["Priya"].id,
            callback_expected=False,
            contact_id=zoe.id,
        ),
    )
    assert message.id
    return zoe.id or 0, other.id or 0


def test_filter_by_person_staff_record_and_day(
    services: AppServices, colleagues: Staff, clock: FixedClock
) -> None:
    zoe, other = _setup(services, colleagues, clock)
    margaret, rita = colleagues["Margaret"], colleagues["Rita"]
    audit = services.audit
    about_zoe = audit.search(margaret, AuditFilter(contact_id=zoe))
    assert {r.entity for r in about_zoe} == {"contact", "message"}
    assert all(r.staff_name == "Rita Desk" for r in about_zoe)
    assert [r.entity for r in audit.search(margaret, AuditFilter(contact_id=other))] == ["contact"]
    by_rita = audit.search(margaret, AuditFilter(staff_id=rita.id))
    assert by_rita and all(r.staff_name == "Rita Desk" for r in by_rita)
    record = audit.search(margaret, AuditFilter(entity="contact", entity_id=other))
    assert [r.entity_id for r in record] == [other]
    day_two = audit.search(margaret, AuditFilter(start=date(2026, 11, 25), end=date(2026, 11, 25)))
    assert [r.entity for r in day_two] == ["message"]
    with pytest.raises(ValidationError, match="before the first day"):
        audit.search(margaret, AuditFilter(start=date(2026, 11, 25), end=date(2026, 11, 24)))


def test_receptionists_are_refused(
    services: AppServices, colleagues: Staff, tmp_path: Path
) -> None:
    rita = colleagues["Rita"]
    with pytest.raises(PermissionDenied, match="Only a manager can read the audit log"):
        services.audit.search(rita, AuditFilter())
    with pytest.raises(PermissionDenied):
        services.audit.export_csv(rita, AuditFilter(), tmp_path / "audit.csv")
    assert not (tmp_path / "audit.csv").exists()


def test_export_is_private_escapes_formulas_and_is_logged(
    services: AppServices, colleagues: Staff, clock: FixedClock, tmp_path: Path
) -> None:
    zoe, other = _setup(services, colleagues, clock)
    margaret = colleagues["Margaret"]
    out = tmp_path / "audit.csv"
    count = services.audit.export_csv(margaret, AuditFilter(contact_id=other), out)
    assert count == 1
    if os.name == "posix":
        assert out.stat().st_mode & 0o777 == 0o600
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert rows[0][:3] == ["When (UTC)", "Who", "Action"]
    assert rows[1][4] == str(other)
    newest = services.audit.search(margaret, AuditFilter(entity="event_log"))
    assert newest[0].summary.startswith("Audit log exported: 1 entries")


def test_a_typed_formula_reaches_the_csv_as_text() -> None:
    from datetime import UTC, datetime

    from reception_app.domain.audit import AuditRow, audit_csv

    row = AuditRow(datetime(2026, 11, 24, tzinfo=UTC), "=cmd|x", "created", "contact", 1, "+1")
    text = audit_csv([row]).decode("utf-8-sig")
    assert "'=cmd|x" in text and ",'+1" in text
