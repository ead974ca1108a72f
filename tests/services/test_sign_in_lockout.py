"""Sign-in lockout (issue 12): five wrong passwords for a user name, known or not, and it waits
(longer each time); every failure is logged; a manager unlocks it. Both engines, and several
desks as real processes sharing one count."""

from __future__ import annotations

from datetime import timedelta

import pytest

from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.lockout import FREE_TRIES
from reception_app.domain.people import StaffMember
from reception_app.persistence.database import Database
from reception_app.services.container import AppServices
from tests import race_work
from tests.conftest import FIXED_NOW, MANAGER_PASSWORD, FixedClock
from tests.processes import in_processes, values

Staff = dict[str, StaffMember]


def _fail(services: AppServices, username: str, times: int) -> list[str]:
    said = []
    for n in range(times):
        with pytest.raises(ValidationError) as refused:
            services.staff.sign_in(username, f"guess {n}")
        said.append(str(refused.value))
    return said


def test_five_wrong_passwords_make_the_name_wait_even_with_the_right_one(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    said = _fail(services, "mclerk", FREE_TRIES)
    assert said[:-1] == ["The user name or password is not right. Try again."] * (FREE_TRIES - 1)
    assert said[-1].startswith(
        "Too many wrong passwords for this user name. Try again in 5 minutes"
    )
    with pytest.raises(ValidationError, match="in 5 minutes"):
        services.staff.sign_in("mclerk", MANAGER_PASSWORD)
    clock.now += timedelta(minutes=5, seconds=1)
    assert services.staff.sign_in("MClerk", MANAGER_PASSWORD).id == manager.id
    # a right password clears the count: four more wrong ones are allowed again
    assert len(_fail(services, "mclerk", FREE_TRIES - 1)) == FREE_TRIES - 1
    assert services.staff.sign_in("mclerk", MANAGER_PASSWORD).id == manager.id


def test_the_wait_grows_with_each_further_failure(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    _fail(services, "mclerk", FREE_TRIES)
    clock.now += timedelta(minutes=6)
    assert "in 10 minutes" in _fail(services, "mclerk", 1)[0]
    clock.now += timedelta(minutes=11)
    assert "in 20 minutes" in _fail(services, "mclerk", 1)[0]


def test_unknown_names_are_counted_and_every_failure_is_logged(
    services: AppServices, manager: StaffMember
) -> None:
    said = _fail(services, "no\x1bbody", FREE_TRIES + 1)
    assert "Too many wrong passwords" in said[-1]  # the same words as for a real account
    failures = [e for e in services.events.recent(manager) if e.action == "sign_in_failed"]
    assert len(failures) == FREE_TRIES + 1
    assert all("no\\x1bbody" in e.summary for e in failures)  # escaped, not the raw byte
    assert "tried while waiting" in failures[0].summary


def test_a_manager_unlocks_a_name_and_a_receptionist_cannot(
    services: AppServices, colleagues: Staff
) -> None:
    rita, margaret = colleagues["Rita"], colleagues["Margaret"]
    services.staff.save_staff(margaret, "hellesdon", rita, "desk-password")
    _fail(services, "rdesk", FREE_TRIES)
    with pytest.raises(PermissionDenied):
        services.staff.locked_names(rita)
    with pytest.raises(PermissionDenied):
        services.staff.unlock_sign_in(rita, "rdesk")
    [locked] = services.staff.locked_names(margaret)
    assert (locked.username, locked.failures, locked.staff_name) == ("rdesk", 5, "Rita Desk")
    assert locked.locked_until == FIXED_NOW + timedelta(minutes=5)
    services.staff.unlock_sign_in(margaret, "rdesk")
    assert services.staff.sign_in("rdesk", "desk-password").id == rita.id
    assert services.staff.locked_names(margaret) == []
    assert any(e.action == "sign_in_unlocked" for e in services.events.recent(margaret))


def test_desks_trying_together_share_one_count(
    database: Database, services: AppServices, manager: StaffMember
) -> None:
    url = database.url.render_as_string(hide_password=False)
    runs = values(in_processes(race_work.wrong_passwords, url, FIXED_NOW, [("mclerk", 3)] * 3))
    said = [text for run in runs for text in run]
    assert len(said) == 9
    assert sum("not right" in s for s in said) == FREE_TRIES - 1  # exactly four free tries
    [locked] = services.staff.locked_names(manager)
    assert locked.failures == FREE_TRIES  # the tries made while waiting are not counted
