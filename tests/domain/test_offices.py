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
