"""Staff accounts and signing in; contacts with checked details."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select

from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.people import Contact, ContactNeeds, PreferredFormat, Role, StaffMember
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import StaffRecord
from reception_app.services.container import AppServices
from tests.conftest import MANAGER_PASSWORD


def test_first_manager_only_once_and_password_is_argon2(
    services: AppServices, manager: StaffMember
) -> None:
    assert services.staff.has_accounts()
    with pytest.raises(PermissionDenied):
        services.staff.create_first_manager(
            "hellesdon", "Eve", "eve", "longpassword", "longpassword"
        )
    with transaction(services.database.session_factory) as session:
        stored = session.scalar(
            select(StaffRecord.password_hash).where(StaffRecord.id == manager.id)
        )
    assert stored is not None and stored.startswith("$argon2") and MANAGER_PASSWORD not in stored


def test_first_manager_form_errors_name_their_field(services: AppServices) -> None:
    with pytest.raises(ValidationError) as error:
        services.staff.create_first_manager("hellesdon", "Ann", "ann", "short", "short")
    assert error.value.field == "password"
    with pytest.raises(ValidationError) as error:
        services.staff.create_first_manager("hellesdon", "Ann", "ann", "longenough", "different")
    assert error.value.field == "repeat_password"
    assert not services.staff.has_accounts()


def test_sign_in_right_and_wrong_and_both_are_logged(
    services: AppServices, manager: StaffMember
) -> None:
    assert services.staff.sign_in("MClerk ", MANAGER_PASSWORD).id == manager.id
    with pytest.raises(ValidationError, match="not right"):
        services.staff.sign_in("mclerk", "wrong password")
    with pytest.raises(ValidationError, match="not right"):
        services.staff.sign_in("nobody", MANAGER_PASSWORD)
    actions = [e.action for e in services.events.recent(manager)]
    assert "signed_in" in actions and "sign_in_failed" in actions


def test_managers_manage_accounts_and_others_cannot(
    services: AppServices, manager: StaffMember
) -> None:
    new = StaffMember(0, "jreceptionist", "Jo Desk", Role.RECEPTIONIST, team="Front desk")
    jo = services.staff.save_staff(manager, "hellesdon", new, password="desk-password")
    assert jo.can_sign_in and services.staff.sign_in("jreceptionist", "desk-password").id == jo.id
    with pytest.raises(PermissionDenied):
        services.staff.save_staff(jo, "hellesdon", dataclasses.replace(jo, role=Role.MANAGER))
    with pytest.raises(ValidationError, match="taken"):
        services.staff.save_staff(manager, "hellesdon", dataclasses.replace(new, username="mclerk"))
    with pytest.raises(ValidationError) as error:
        services.staff.save_staff(manager, "hellesdon", dataclasses.replace(jo, phone="12"))
    assert error.value.field == "phone"
    with pytest.raises(ValidationError, match="own manager role"):
        services.staff.save_staff(manager, "hellesdon", dataclasses.replace(manager, active=False))
    inactive = services.staff.save_staff(
        manager, "hellesdon", dataclasses.replace(jo, active=False)
    )
    assert not inactive.active
    with pytest.raises(ValidationError):
        services.staff.sign_in("jreceptionist", "desk-password")


def test_contacts_are_checked_tidied_and_found(services: AppServices, manager: StaffMember) -> None:
    contacts = services.contacts()
    saved = contacts.save(
        Contact(
            None,
            "Gwenllïan ap Ŵyn",
            phone="01614960123",
            email=" gwen@example.org ",
            address=("1 Woodview Road", "", "Hellesdon"),
            postcode="nr6 5qb",
            needs=ContactNeeds(preferred_format=PreferredFormat.LARGE_PRINT, hearing_loop=True),
        ),
        manager,
    )
    assert saved.id is not None
    assert saved.phone == "0161 496 0123" and saved.postcode == "NR6 5QB"
    assert saved.address == ("1 Woodview Road", "Hellesdon")
    assert saved.needs.large_print_size == 18  # large print defaults to 18 pt
    assert saved.needs.labels() == ["Large print 18 pt", "Hearing loop"]
    for query in ("gwen", "NR65QB", "nr6 5qb", "0161 496 01", "ŵyn"):
        assert [c.id for c in contacts.search(query)] == [saved.id], query
    with pytest.raises(ValidationError) as error:
        contacts.save(dataclasses.replace(saved, email="not-an-email"), manager)
    assert error.value.field == "email"
    assert contacts.get(saved.id).email == "gwen@example.org"  # nothing lost


def test_markup_and_long_text_are_stored_exactly(
    services: AppServices, manager: StaffMember
) -> None:
    contacts = services.contacts()
    name = "<font size=1>A & B <b>"
    saved = contacts.save(Contact(None, name, notes="🙂 " + "x" * 4000), manager)
    assert contacts.get(saved.id).full_name == name  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as error:
        contacts.save(Contact(None, "N" * 301), manager)
    assert error.value.field == "full_name"


def test_search_treats_wildcards_literally_and_reads_plus_44(
    services: AppServices, manager: StaffMember
) -> None:
    contacts = services.contacts()
    saved = contacts.save(Contact(None, "Ann Lee", phone="01603 301751"), manager)
    contacts.save(Contact(None, "Bob_Smith"), manager)
    assert [c.full_name for c in contacts.search("_")] == ["Bob_Smith"]
    assert contacts.search("%") == []
    assert [c.id for c in contacts.search("+44 1603 301751")] == [saved.id]
