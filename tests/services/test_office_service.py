"""Office profiles at run time: seeding, status in and out of hours, and managers' edits."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, time

import pytest

from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.offices import RoomProfile, ServiceProfile
from reception_app.domain.people import Role, StaffMember
from reception_app.persistence.database import Database
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from tests.conftest import FixedClock


def test_both_shipped_offices_are_seeded_once(services: AppServices) -> None:
    assert services.office.office_keys() == ["hellesdon", "north-norfolk"]
    assert services.office.seed_shipped_profiles() == []
    hellesdon = services.office.profile("hellesdon")
    assert hellesdon.site == "Diamond Jubilee Lodge"
    assert hellesdon.phone == "01603 301751"
    assert hellesdon.email == "contact@hellesdon-pc.gov.uk"
    assert hellesdon.hours_text(0) == "09:30-16:00" and hellesdon.hours_text(5) == "Closed"
    assert len(hellesdon.rooms) == 2 and len(services.office.profile("north-norfolk").rooms) == 2


def test_status_open_then_closed_with_next_opening(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    status = services.office.status()
    assert status.is_open and status.closes_at is not None
    assert status.closes_at.time() == time(16, 0)
    clock.now = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # Friday after closing
    status = services.office.status()
    assert not status.is_open
    assert status.reason_closed == "outside opening hours"
    assert status.next_opening == datetime(2026, 11, 30, 9, 30, tzinfo=status.next_opening.tzinfo)
    assert "999" in status.out_of_hours
    clock.now = datetime(2026, 12, 25, 11, 0, tzinfo=UTC)
    status = services.office.status()
    assert not status.is_open and "Christmas Day" in status.reason_closed
    assert status.next_opening is not None and status.next_opening.date() == date(2026, 12, 29)


def test_closure_day_closes_the_office_and_is_logged(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    services.office.add_day_off(date(2026, 11, 24), "closure", "Staff training", manager)
    status = services.office.status()
    assert not status.is_open and "Staff training" in status.reason_closed
    assert status.next_opening is not None and status.next_opening.date() == date(2026, 11, 25)
    with pytest.raises(ValidationError, match="already"):
        services.office.add_day_off(date(2026, 11, 24), "closure", "again", manager)
    assert any("Staff training" in e.summary for e in services.events.recent(manager))
    services.office.remove_day_off(date(2026, 11, 24), "closure", manager)
    assert services.office.status().is_open


def test_edits_need_a_manager_and_valid_details(
    services: AppServices, manager: StaffMember
) -> None:
    clerk = dataclasses.replace(manager, id=manager.id, role=Role.CLERK)
    profile = services.office.profile()
    with pytest.raises(PermissionDenied):
        services.office.update_details(dataclasses.replace(profile, phone="01603 000000"), clerk)
    with pytest.raises(ValidationError) as error:
        services.office.update_details(dataclasses.replace(profile, postcode="NOT A CODE"), manager)
    assert error.value.field == "postcode"
    assert services.office.profile().postcode == "NR6 5QB"  # nothing saved
    saved = services.office.update_details(
        dataclasses.replace(profile, phone="01603301752", postcode="nr65qb"), manager
    )
    assert saved.phone == "01603 301752" and saved.postcode == "NR6 5QB"
    assert services.office.profile().phone == "01603 301752"
    # The shipped file is untouched: a fresh parse still has the policy's number.
    from reception_app.domain.offices import shipped_profile

    assert shipped_profile("hellesdon").phone == "01603 301751"


def test_opening_hours_services_and_rooms_can_be_edited(
    services: AppServices, manager: StaffMember
) -> None:
    services.office.set_opening_hours({2: ((time(9, 30), time(12, 0)),)}, manager)
    assert services.office.profile().hours_text(2) == "09:30-12:00"
    assert services.office.profile().hours_text(1) == "09:30-16:00"
    with pytest.raises(ValidationError, match="after opening"):
        services.office.set_opening_hours({1: ((time(12, 0), time(9, 0)),)}, manager)
    services.office.save_service(ServiceProfile("dogs", "Dog fouling", "D", 5), manager)
    assert "dogs" in {s.key for s in services.office.profile().services}
    services.office.save_room(RoomProfile("IR3", "Quiet room", capacity=2), manager)
    assert "Quiet room" in {r.name for r in services.office.profile().rooms}
    with pytest.raises(ValidationError, match="Capacity"):
        services.office.save_room(RoomProfile("IR4", "Cupboard", capacity=0), manager)


def test_settings_have_defaults_and_limits(services: AppServices, manager: StaffMember) -> None:
    assert services.office.setting("idle_lock_minutes") == 5
    services.office.put_setting("idle_lock_minutes", 10, manager)
    assert services.office.setting("idle_lock_minutes") == 10
    with pytest.raises(ValidationError, match="between"):
        services.office.put_setting("idle_lock_minutes", 0, manager)


def test_saving_details_leaves_hours_and_standards_alone(
    services: AppServices, manager: StaffMember
) -> None:
    stale = services.office.profile()
    services.office.set_opening_hours({4: ((time(9, 30), time(12, 30)),)}, manager)
    services.office.update_details(dataclasses.replace(stale, name="Hellesdon PC"), manager)
    profile = services.office.profile()
    assert profile.name == "Hellesdon PC" and profile.hours_text(4) == "09:30-12:30"
    with pytest.raises(ValidationError) as error:
        services.office.update_details(
            dataclasses.replace(stale, bank_holiday_region="XX"), manager
        )
    assert error.value.field == "bank_holiday_region"


def test_ticket_letters_stay_unique_and_desks_handle_something(
    services: AppServices, manager: StaffMember
) -> None:
    with pytest.raises(ValidationError, match="already used for General enquiry") as error:
        services.office.save_service(ServiceProfile("grants", "Grants", "G", 10), manager)
    assert error.value.field == "ticket_prefix"
    with pytest.raises(ValidationError, match="small letters"):
        services.office.save_service(ServiceProfile("Grants!", "Grants", "Q", 10), manager)
    from reception_app.domain.offices import DeskProfile

    with pytest.raises(ValidationError, match="at least one service"):
        services.office.save_desk(DeskProfile("R2", "Window 2", services=()), manager)


def test_only_a_manager_switches_the_office_and_settings_save_together(
    services: AppServices, manager: StaffMember
) -> None:
    clerk = dataclasses.replace(manager, role=Role.CLERK)
    with pytest.raises(PermissionDenied):
        services.office.set_active_office("north-norfolk", clerk)
    assert services.office.active_office_key() == "hellesdon"
    with pytest.raises(ValidationError):
        services.office.put_settings({"idle_lock_minutes": 9, "target_wait_minutes": 0}, manager)
    assert services.office.setting("idle_lock_minutes") == 5  # nothing half-saved
    services.office.put_settings({"idle_lock_minutes": 9, "target_wait_minutes": 20}, manager)
    assert services.office.setting("target_wait_minutes") == 20


def test_the_log_is_stamped_by_the_service_clock_and_filtered_by_person(
    services: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    clock.now = datetime(2027, 3, 15, 10, 12, tzinfo=UTC)
    services.office.add_day_off(date(2027, 3, 19), "closure", "Audit", manager)
    newest = services.events.recent(manager, 1)[0]
    assert newest.at == clock.now and newest.staff_id == manager.id
    assert "Fri 19 Mar 2027 Audit" in newest.summary
    assert {e.staff_id for e in services.events.recent(manager, staff_id=manager.id)} == {
        manager.id
    }


def test_an_office_is_chosen_when_staff_exist_but_none_was_set(services: AppServices) -> None:
    assert services.office.ensure_active_office() is None  # nobody yet: the first start asks
    services.demo.fill("north-norfolk", 2, seed=3)
    assert services.office.active_office_key() is None
    assert services.office.ensure_active_office() == "north-norfolk"
    assert services.office.active_office_key() == "north-norfolk"


def test_a_demoted_manager_signed_in_elsewhere_can_no_longer_change_anything(
    services: AppServices, manager: StaffMember
) -> None:
    from reception_app.domain.people import StaffMember as Member

    bob = services.staff.save_staff(
        manager, "hellesdon", Member(0, "bob", "Bob Boss", Role.MANAGER), password="bob-password"
    )
    signed_in_bob = services.staff.sign_in("bob", "bob-password")  # desk 2 keeps this copy
    services.staff.save_staff(manager, "hellesdon", dataclasses.replace(bob, role=Role.CLERK))
    with pytest.raises(PermissionDenied, match="no longer a manager"):
        services.office.put_setting("idle_lock_minutes", 30, signed_in_bob)
    with pytest.raises(PermissionDenied):
        services.staff.save_staff(
            signed_in_bob, "hellesdon", dataclasses.replace(bob, role=Role.MANAGER)
        )
    assert services.office.setting("idle_lock_minutes") == 5


def test_a_channel_standard_can_be_changed_by_a_manager(
    services: AppServices, manager: StaffMember
) -> None:
    from reception_app.domain.standards import ChannelStandard, ClockKind, ClockRule

    rule = ClockRule(ClockKind.WORKING_DAYS, 15)
    services.office.set_standard(ChannelStandard("complaint", respond=rule), manager)
    standard = services.office.profile().standard("complaint")
    assert standard.respond == rule and standard.acknowledge is None
    with pytest.raises(ValidationError, match="at least one clock"):
        services.office.set_standard(ChannelStandard("complaint"), manager)


def test_a_desk_of_another_office_on_the_same_server_sees_only_its_own_queue(
    database: Database, services: AppServices, manager: StaffMember, seams: Seams
) -> None:
    from reception_app.services.queue import CheckInRequest

    cromer = AppServices.create(database, seams=seams, desk_office="north-norfolk")
    assert cromer.office.active_office_key() == "north-norfolk"
    assert services.office.active_office_key() == "hellesdon"
    cromer.queue().check_in(None, CheckInRequest("general", "Cromer visitor"))
    assert [v.display_name for v in cromer.queue().waiting()] == ["Cromer"]
    assert services.queue().waiting() == []
    gone = AppServices.create(database, seams=seams, desk_office="no-such")
    assert gone.office.active_office_key() == "hellesdon", (
        "an office not on this server: the running one"
    )
