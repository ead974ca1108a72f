"""Office profiles: the shipped files are complete, and a broken file is explained precisely."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from reception_app.domain.errors import ProfileError
from reception_app.domain.offices import (
    load_profile_text,
    parse_profile,
    shipped_profile,
    shipped_profile_keys,
)
from reception_app.domain.standards import CHANNELS, ClockKind


def _hellesdon_data() -> dict:  # type: ignore[type-arg]
    text = (
        resources.files("reception_app.resources").joinpath("offices", "hellesdon.toml").read_text()
    )
    return tomllib.loads(text)


def test_shipped_profiles_carry_the_published_facts() -> None:
    assert shipped_profile_keys() == ["hellesdon", "north-norfolk"]
    hellesdon = shipped_profile("hellesdon")
    assert hellesdon.address[:3] == ("Diamond Jubilee Lodge", "Woodview Road", "Hellesdon")
    assert hellesdon.postcode == "NR6 5QB"
    assert (hellesdon.phone, hellesdon.email) == ("01603 301751", "contact@hellesdon-pc.gov.uk")
    assert all(hellesdon.hours_text(d) == "09:30-16:00" for d in range(5))
    north = shipped_profile("north-norfolk")
    assert north.postcode == "NR27 9EN" and north.hours_text(0) == "09:00-17:00"
    for profile in (hellesdon, north):
        assert set(profile.standards) == set(CHANNELS)
        assert len(profile.rooms) == 2 and profile.desks and profile.services
        assert profile.bank_holiday_region == "ENG"
    email = hellesdon.standard("email")
    assert email.acknowledge is not None and email.acknowledge.kind is ClockKind.HOURS_MON_FRI
    assert (email.respond.amount, email.final.amount) == (3, 10)  # type: ignore[union-attr]
    assert north.standard("email").respond.amount == 5  # type: ignore[union-attr]
    assert hellesdon.standard("sar").respond.kind is ClockKind.CALENDAR_MONTHS  # type: ignore[union-attr]


@pytest.mark.parametrize("field", ["name", "phone", "email", "postcode", "out_of_hours", "address"])
def test_a_missing_office_field_is_named(field: str) -> None:
    data = _hellesdon_data()
    del data["office"][field]
    with pytest.raises(ProfileError, match=f"the field '{field}' is missing"):
        parse_profile(data, "hellesdon.toml")


def _too_long(field: str, length: int, limit: int) -> str:
    return f"the field '{field}' is {length} characters long; keep it to {limit} or fewer\\.$"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("hours"), r"\[hours\] table is missing"),
        (lambda d: d["hours"].update(monday=["16:00-09:30"]), "ends before it starts"),
        (lambda d: d["hours"].update(monday=["9.30 to 4"]), "not a time range"),
        (lambda d: d["hours"].update(funday=[]), "unknown day"),
        (lambda d: d["standards"].pop("foi"), "no standard for foi"),
        (
            lambda d: d["standards"]["email"].update(respond={"kind": "fortnights", "amount": 1}),
            "unknown clock kind",
        ),
        (lambda d: d["desks"][1].update(services=["parking"]), "unknown service"),
        (lambda d: d["office"].update(bank_holiday_region="XX"), "bank_holiday_region"),
        (
            lambda d: d["services"][0].pop("ticket_prefix"),
            r"services\[0\]: the field 'ticket_prefix'",
        ),
        (lambda d: d["rooms"][0].update(capacity="three"), "must be a whole number"),
        # Numbers the database CHECK constraints refuse.
        (
            lambda d: d["rooms"][0].update(capacity=0),
            r"rooms\[0\]: the field 'capacity' must be from 1 to 500, not 0\.",
        ),
        (lambda d: d["rooms"][1].update(capacity=-3), r"'capacity' must be from 1 to 500, not -3"),
        (lambda d: d["rooms"][0].update(capacity=10**30), r"'capacity' must be from 1 to 500"),
        (
            lambda d: d["rooms"][0].update(buffer_minutes=-5),
            r"rooms\[0\]: the field 'buffer_minutes' must be from 0 to 120, not -5\.",
        ),
        (
            lambda d: d["services"][2].update(default_minutes=0),
            r"services\[2\]: the field 'default_minutes' must be from 1 to 480, not 0\.",
        ),
        (
            lambda d: d["services"][0].update(default_minutes=-10),
            "'default_minutes' must be from 1 to 480",
        ),
        # Keys: unique within their list and never empty.
        (
            lambda d: d["services"][1].update(key="general"),
            r"two services share a key \('general'\)",
        ),
        (lambda d: d["desks"][1].update(key="R1"), r"two desks share a key \('R1'\)"),
        (lambda d: d["rooms"][1].update(key="IR1"), r"two rooms share a key \('IR1'\)"),
        (lambda d: d["office"].update(key=""), r"\[office\]: the field 'key' must not be empty"),
        (lambda d: d["services"][0].update(key=""), r"services\[0\]: the field 'key' must not be"),
        (lambda d: d["desks"][0].update(key=" "), r"desks\[0\]: the field 'key' must not be empty"),
        (lambda d: d["rooms"][1].update(key=""), r"rooms\[1\]: the field 'key' must not be empty"),
        # Ticket letters fit String(3).
        (
            lambda d: d["services"][0].update(ticket_prefix="GENL"),
            r"services\[0\]: the field 'ticket_prefix' must be 1 to 3 letters \(A to Z\), not 'GENL'",
        ),
        (lambda d: d["services"][0].update(ticket_prefix="G1"), "must be 1 to 3 letters"),
        (lambda d: d["services"][0].update(ticket_prefix=""), "must be 1 to 3 letters"),
        (lambda d: d["services"][0].update(ticket_prefix="É"), "must be 1 to 3 letters"),
        # Time zone checked when the file is read, not when a calendar is first built.
        (
            lambda d: d["office"].update(timezone="Mars/Base"),
            r"\[office\]: timezone 'Mars/Base' is not a time zone like Europe/London\.",
        ),
        (lambda d: d["office"].update(timezone="../etc/passwd"), "is not a time zone like"),
        (lambda d: d["office"].update(timezone=""), "is not a time zone like"),
        (lambda d: d["standards"].update(sar={}), r"\[standards.sar\]: has no clocks"),
        # Lists of tables that are not tables, or not lists.
        (lambda d: d.update(desks=["R1"]), r"hellesdon.toml desks\[0\]: must be a table\.$"),
        (lambda d: d.update(services=["general"]), r"services\[0\]: must be a table\.$"),
        (lambda d: d["rooms"].append("IR2"), r"rooms\[2\]: must be a table\.$"),
        (lambda d: d.update(rooms="x"), r"rooms: must be a list of \[\[rooms\]\] tables\.$"),
        (lambda d: d.update(desks={"key": "R1"}), r"desks: must be a list of \[\[desks\]\] tables"),
        # A bad clock amount reads as one plain-English sentence.
        (
            lambda d: d["standards"]["email"]["acknowledge"].update(amount=-1),
            r"hellesdon.toml \[standards.email\]: the amount for a clock counted in hours "
            r"\(Monday to Friday\) must be a positive whole number, not -1\.$",
        ),
        (
            lambda d: d["standards"]["foi"]["respond"].update(amount=0),
            r"counted in statutory working days must be a positive whole number, not 0\.$",
        ),
        # Lengths the database columns allow.
        (lambda d: d["office"].update(name="N" * 121), _too_long("name", 121, 120)),
        (lambda d: d["office"].update(site="S" * 121), _too_long("site", 121, 120)),
        (lambda d: d["office"].update(key="k" * 41), _too_long("key", 41, 40)),
        (lambda d: d["office"].update(postcode="P" * 41), _too_long("postcode", 41, 40)),
        (lambda d: d["office"].update(phone="0" * 41), _too_long("phone", 41, 40)),
        (lambda d: d["office"].update(email="e" * 256), _too_long("email", 256, 255)),
        (lambda d: d["office"].update(website="w" * 256), _too_long("website", 256, 255)),
        (lambda d: d["services"][0].update(name="S" * 121), _too_long("name", 121, 120)),
        (lambda d: d["services"][0].update(key="s" * 41), _too_long("key", 41, 40)),
        (lambda d: d["desks"][0].update(name="D" * 121), _too_long("name", 121, 120)),
        (lambda d: d["rooms"][0].update(name="R" * 121), _too_long("name", 121, 120)),
        (lambda d: d["rooms"][0].update(location="L" * 256), _too_long("location", 256, 255)),
    ],
)
def test_malformed_profiles_say_what_is_wrong(change, message: str) -> None:  # type: ignore[no-untyped-def]
    data = _hellesdon_data()
    change(data)
    with pytest.raises(ProfileError, match=message):
        parse_profile(data, "hellesdon.toml")


def test_toml_syntax_errors_are_reported_with_the_file_name() -> None:
    with pytest.raises(ProfileError, match=r"broken.toml: not valid TOML"):
        load_profile_text("[office\nname = ", "broken.toml")


def test_unknown_office_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="valid offices: hellesdon, north-norfolk"):
        shipped_profile("norwich")


def test_values_at_the_database_limits_are_accepted() -> None:
    data = _hellesdon_data()
    data["office"].update(name="N" * 120, key="k" * 40, email="e" * 255, timezone="UTC")
    data["services"][0].update(ticket_prefix="GEN", default_minutes=1, name="S" * 120)
    data["rooms"][0].update(capacity=1, buffer_minutes=0, location="L" * 255)
    data["desks"][0].update(name="D" * 120)
    profile = parse_profile(data, "hellesdon.toml")
    assert (profile.key, profile.timezone) == ("k" * 40, "UTC")
    assert profile.services[0].ticket_prefix == "GEN"
    assert (profile.rooms[0].capacity, profile.rooms[0].buffer_minutes) == (1, 0)


@pytest.mark.parametrize("key", ["hellesdon", "north-norfolk"])
def test_shipped_profile_files_parse(key: str) -> None:
    text = resources.files("reception_app.resources").joinpath("offices", f"{key}.toml").read_text()
    assert load_profile_text(text, f"{key}.toml").key == key


def test_errors_from_edited_toml_text_name_the_file() -> None:
    text = (
        resources.files("reception_app.resources").joinpath("offices", "hellesdon.toml").read_text()
    )
    with pytest.raises(ProfileError, match=r"^copy.toml rooms\[0\]: the field 'capacity'"):
        load_profile_text(text.replace("capacity = 3", "capacity = 0"), "copy.toml")
    with pytest.raises(ProfileError, match=r"^copy.toml \[office\]: timezone 'Mars/Base'"):
        load_profile_text(text.replace('"Europe/London"', '"Mars/Base"'), "copy.toml")
