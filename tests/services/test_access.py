"""Issue 12, access that holds in the services: a receptionist is refused by the service itself
(PermissionDenied, in plain English) whatever the screen offers; managers and the command line
may. Runs on both engines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from reception_app.domain.errors import PermissionDenied
from reception_app.domain.feedback import IncidentDraft, IncidentKind
from reception_app.domain.people import COMMAND_LINE, Role, StaffMember
from reception_app.domain.standards import CHANNELS, ChannelStandard
from reception_app.services.container import AppServices
from reception_app.services.report_service import ReportService

Staff = dict[str, StaffMember]
DAY = date(2026, 11, 24)


def refusals(services: AppServices, who: StaffMember, tmp: Path) -> dict[str, Callable[[], Any]]:
    """Every use-case a receptionist must not reach, by what it does."""
    office = services.office
    standard = ChannelStandard(sorted(CHANNELS)[0])
    return {
        "reports": lambda: services.reports(who),
        "report service built by hand": lambda: ReportService(services.context, "hellesdon", who),
        "whole event log": lambda: services.events.recent(who),
        "someone else's entries": lambda: services.events.recent(who, staff_id=who.id + 1),
        "log count": lambda: services.events.count_since(who, datetime(2026, 1, 1, tzinfo=UTC)),
        "settings": lambda: office.put_settings({"idle_lock_minutes": 9}, who),
        "standards": lambda: office.set_standard(standard, who),
        "running office": lambda: office.set_active_office("hellesdon", who),
        "closure days": lambda: office.add_day_off(DAY, "closure", "Training", who),
        "staff accounts": lambda: services.staff.save_staff(
            who, "hellesdon", StaffMember(0, "newp", "New Person", Role.MANAGER)
        ),
        "incident log": lambda: services.feedback().incidents(who),
    }


def test_a_receptionist_is_refused_by_every_manager_service(
    services: AppServices, colleagues: Staff, tmp_path: Path
) -> None:
    rita = colleagues["Rita"]
    assert rita.role is Role.RECEPTIONIST
    for what, call in refusals(services, rita, tmp_path).items():
        with pytest.raises(PermissionDenied, match="^Only a manager can") as refused:
            call()
        assert "manager" in str(refused.value), what


def test_nobody_signed_in_is_refused_too(services: AppServices, manager: StaffMember) -> None:
    with pytest.raises(PermissionDenied):
        services.reports(None)
    with pytest.raises(PermissionDenied, match="Sign in"):
        services.events.recent(None)


def test_a_receptionist_reads_their_own_log_entries(
    services: AppServices, colleagues: Staff
) -> None:
    rita = colleagues["Rita"]
    assert services.events.recent(rita, staff_id=rita.id) == []
    assert services.events.recent(colleagues["Margaret"])  # a manager reads everything


def test_a_report_service_refuses_once_the_manager_is_no_longer_one(
    services: AppServices, colleagues: Staff
) -> None:
    """Checked against the database on each call, not only when the service was made."""
    margaret = colleagues["Margaret"]
    other = services.staff.save_staff(
        margaret, "hellesdon", StaffMember(0, "boss2", "Second Manager", Role.MANAGER)
    )
    reports = services.reports(other)
    assert reports.today() == DAY
    services.staff.save_staff(margaret, "hellesdon", replace(other, role=Role.RECEPTIONIST))
    with pytest.raises(PermissionDenied, match="no longer a manager"):
        reports.today()


def test_the_command_line_may_read_reports_and_the_log(
    services: AppServices, manager: StaffMember
) -> None:
    assert services.reports(COMMAND_LINE).today() == DAY
    assert services.events.recent(COMMAND_LINE)
    assert services.events.count_since(COMMAND_LINE, datetime(2026, 1, 1, tzinfo=UTC)) > 0


def test_anyone_signed_in_may_still_record_an_incident(
    services: AppServices, colleagues: Staff
) -> None:
    draft = IncidentDraft(datetime(2026, 11, 24, 10, tzinfo=UTC), list(IncidentKind)[0], "Shouting")
    assert services.feedback().record_incident(colleagues["Rita"], draft)
