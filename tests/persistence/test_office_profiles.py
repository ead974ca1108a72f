"""Office profiles are kept per database while the office is unchanged
(persistence/office_profiles.py): another desk's change to any part of the office shows at
once, and an unchanged office is not read part by part again."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, time
from typing import Any

import pytest
from sqlalchemy import event

from reception_app.domain.offices import DeskProfile, RoomProfile, ServiceProfile
from reception_app.domain.people import StaffMember
from reception_app.persistence.database import Database
from reception_app.persistence.engine import make_engine, make_session_factory, transaction
from reception_app.persistence.office_repository import get_office, profile_from_record
from reception_app.seams import Seams
from reception_app.services.container import AppServices


@pytest.fixture
def other_desk(database: Database, seams: Seams) -> Iterator[AppServices]:
    """A second desk: its own engine (so its own kept profiles) on the same database."""
    engine = make_engine(database.url)
    yield AppServices.create(
        Database(database.url, engine, make_session_factory(engine)), seams=seams
    )
    engine.dispose()


def test_another_desk_s_change_to_any_part_of_the_office_shows_at_once(
    services: AppServices, other_desk: AppServices, manager: StaffMember
) -> None:
    office, there = services.office, other_desk.office
    first = office.profile()
    assert office.profile() is first, "an unchanged office gives the profile it built"

    changes: list[tuple[str, Any]] = [
        ("room", lambda: there.save_room(RoomProfile("IR9", "Quiet room", capacity=2), manager)),
        ("day off", lambda: there.add_day_off(date(2026, 12, 29), "closure", "Stocktake", manager)),
        ("service", lambda: there.save_service(ServiceProfile("dogs", "Dogs", "D", 5), manager)),
        ("desk", lambda: there.save_desk(DeskProfile("R9", "Side desk", ("dogs",)), manager)),
        ("hours", lambda: there.set_opening_hours({2: ((time(9, 30), time(12, 0)),)}, manager)),
        (
            "details",
            lambda: there.update_details(
                dataclasses.replace(there.profile(), name="Hellesdon Lodge"), manager
            ),
        ),
        ("day off gone", lambda: there.remove_day_off(date(2026, 12, 29), "closure", manager)),
    ]
    for what, change in changes:
        before = office.profile()
        change()
        after = office.profile()
        assert after is not before, f"the {what} changed at the other desk: read again"
        assert after == there.profile(), what
    profile = office.profile()
    assert "Quiet room" in {r.name for r in profile.rooms}
    assert {d.key: d.services for d in profile.desks}["R9"] == ("dogs",)
    assert profile.hours_text(2) == "09:30-12:00" and profile.name == "Hellesdon Lodge"
    assert profile.closure_days == ()


def test_an_unchanged_office_is_read_with_its_row_alone(services: AppServices) -> None:
    services.office.profile("hellesdon")
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = services.database.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        services.office.profile("hellesdon")
    finally:
        event.remove(engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1 and "offices" in selects[0], statements


def test_a_change_not_yet_written_shows_in_its_own_transaction(
    database: Database, services: AppServices
) -> None:
    services.office.profile("hellesdon")
    with transaction(database.session_factory) as session:
        office = get_office(session, "hellesdon")
        office.rooms[0].name = "Renamed room"
        assert office.rooms[0].name in {r.name for r in profile_from_record(office).rooms}
        session.rollback()
    assert "Renamed room" not in {r.name for r in services.office.profile("hellesdon").rooms}
