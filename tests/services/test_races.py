"""Several desks doing the same thing at the same moment, as real processes, on both engines.

Each test releases its processes together (tests/processes.py) and then checks the rule that
must hold however they interleaved: unique tickets and queue positions, one caller per visitor,
one holder per officer slot and room, one open pause per clock, no lost setting, and every desk
started together on an empty database up and running.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime

from sqlalchemy.engine import URL

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.offices import DeskProfile
from reception_app.domain.people import Role, StaffMember
from reception_app.persistence import migrations
from reception_app.persistence.database import Database
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests import race_work
from tests.conftest import FIXED_NOW, MANAGER_PASSWORD
from tests.processes import in_processes, values


def _url(database: Database) -> str:
    return database.url.render_as_string(hide_password=False)


def _as_manager(manager: StaffMember, *extra: object) -> tuple[object, ...]:
    return (manager.username, MANAGER_PASSWORD, *extra)


def test_kiosks_issuing_tickets_together_never_share_a_number_or_a_place(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    runs = values(in_processes(race_work.check_in_many, _url(database), FIXED_NOW, [(8,)] * 4))
    issued = [ticket for run in runs for ticket in run]
    assert len(issued) == 32
    assert len({ticket for ticket, _ in issued}) == 32, Counter(t for t, _ in issued)
    assert len({position for _, position in issued}) == 32
    waiting = services.queue().waiting()
    assert len(waiting) == 32 and len({v.position for v in waiting}) == 32


def test_desks_calling_together_each_get_different_visitors(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    for key in ("D3", "D4"):
        services.office.save_desk(DeskProfile(key, f"Desk {key}"), manager)
    queue = services.queue()
    tickets = [
        queue.check_in(None, CheckInRequest("general", f"Visitor {n}")).ticket for n in range(12)
    ]
    each = [(desk, *_as_manager(manager)) for desk in ("R1", "D3", "D4")]
    runs = values(in_processes(race_work.call_until_empty, _url(database), FIXED_NOW, each))
    everyone = [ticket for run in runs for ticket in run]
    assert sorted(everyone) == sorted(tickets), "each visitor called exactly once"
    assert queue.waiting() == [] and queue.at_desks() == []


def test_desks_booking_one_officer_and_one_room_at_the_same_time_one_wins(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    officer = services.staff.save_staff(
        manager, "hellesdon", StaffMember(0, "obrown", "Olu Brown", Role.OFFICER), "officer-pass-1"
    )
    start = datetime(2026, 11, 26, 11, 0, tzinfo=UTC).isoformat()
    each = [_as_manager(manager, officer.id, start)] * 4
    booked = values(in_processes(race_work.book_officer, _url(database), FIXED_NOW, each))
    assert booked.count("booked") == 1, booked
    assert len(services.appointments().day(date(2026, 11, 26), staff_id=officer.id)) == 1
    room_id = services.rooms().rooms()[0].id
    each = [_as_manager(manager, room_id, start)] * 4
    booked = values(in_processes(race_work.book_room, _url(database), FIXED_NOW, each))
    assert booked.count("booked") == 1, booked


def test_two_clerks_pausing_one_clock_leave_one_open_pause(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    log = services.correspondence()
    sar = log.log(
        manager,
        CorrespondenceDraft(
            channel="sar",
            received_at=datetime(2026, 11, 20, 9, 0, tzinfo=UTC),
            from_name="Ann Lee",
            subject="All my records",
            owner_id=manager.id,
        ),
    )
    each = [_as_manager(manager, sar.id, "2026-11-23")] * 3
    outcomes = values(in_processes(race_work.pause_clock, _url(database), FIXED_NOW, each))
    assert outcomes.count("paused") == 1, outcomes
    assert all("already paused" in o for o in outcomes if o != "paused")
    assert len([p for p in log.get(sar.id).pauses if p.answered_on is None]) == 1


def test_managers_changing_different_standards_together_lose_nothing(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    channels = ["email", "letter", "voicemail", "callback"]
    each = [_as_manager(manager, channel, 20) for channel in channels]
    last = values(in_processes(race_work.change_standard, _url(database), FIXED_NOW, each))
    standards = services.office.profile().standards
    for channel, value in zip(channels, last, strict=True):
        rule = standards[channel].respond
        assert rule is not None and rule.amount == value, channel


def test_desks_started_together_on_an_empty_database_all_open_it(
    fresh_database_url: URL,
) -> None:
    url = fresh_database_url.render_as_string(hide_password=False)
    opened = values(in_processes(race_work.first_start, url, FIXED_NOW, [()] * 5))
    for keys in opened:
        assert keys[:2] == ["hellesdon", "north-norfolk"], keys
    waited = [keys[2:] for keys in opened if len(keys) > 2]
    assert all(w == [migrations.WAITING_MESSAGE] for w in waited), waited


def test_desks_running_senders_together_send_each_notification_once(
    database: Database, services: AppServices, notify: object
) -> None:
    from tests.notify_fixtures import NotifyOffice
    from tests.services.notify_helpers import queue_text

    assert isinstance(notify, NotifyOffice)
    for n in range(40):
        queue_text(services, f"07700 900{n:03d}")
    config = notify.config
    args = (config.api_key, config.sms_template, config.email_template, config.base_url)
    runs = values(in_processes(race_work.send_until_done, _url(database), FIXED_NOW, [args] * 3))
    received = notify.standin.received
    assert sum(runs) == 40 and len(received) == 40
    assert len({r.reference for r in received}) == 40, "each reference once"
    assert sorted(runs)[:2] == [0, 0], f"one desk is the office's sender: {runs}"
