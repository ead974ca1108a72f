"""Filling a template in: missing values, and promised dates that are already past."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime

from reception_app.domain.errors import ValidationError
from reception_app.domain.letters.templates import (
    PLACEHOLDERS,
    LetterTemplate,
    Placeholder,
    split_placeholders,
)
from reception_app.domain.letters.wording import and_list, format_date


def missing_values(template: LetterTemplate, values: Mapping[str, str]) -> list[str]:
    """Placeholders the template uses that have no (non-empty) value."""
    return [p for p in template.placeholders if not values.get(p, "").strip()]


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put the values in; the template was checked when it was read."""
    return "".join(
        values[p.name].strip() if isinstance(p, Placeholder) else p
        for p in split_placeholders(text, "", 1)
    )


PROMISED_DATES = (
    "response_date",
    "expected_date",
    "appointment_date",
    "callback_date",
    "statutory_deadline",
)
"""Date placeholders that promise something still to come: never before the letter's date."""


_DATE_FORMATS = ("%A %d %B %Y", "%a %d %B %Y", "%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d")


def parse_letter_date(text: str) -> date | None:
    """A date as letters write it ("Wednesday 21 October 2026") or as the desk may type it
    ("21 October 2026", "21/10/2026", "2026-10-21"); None when it is not one of those."""
    cleaned = " ".join(text.replace(",", " ").split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def written_dates(values: Mapping[str, str]) -> dict[str, str]:
    """``values`` with every date a person typed in a short form ("2026-12-18", "18/12/2026")
    written out as letters write dates ("Friday 18 December 2026"); other values as they are."""
    written = dict(values)
    for name, value in values.items():
        if name.endswith("_date") or name in PROMISED_DATES:
            when = parse_letter_date(value)
            if when is not None:
                written[name] = format_date(when)
    return written


def past_promises(
    template: LetterTemplate, values: Mapping[str, str], letter_date: date
) -> dict[str, str]:
    """Placeholder -> value for each promised date the letter uses that is before its date
    ("We will reply by Wednesday 21 October 2026" in a letter of 23 November)."""
    past: dict[str, str] = {}
    for name in template.placeholders:
        if name in PROMISED_DATES:
            when = parse_letter_date(values.get(name, ""))
            if when is not None and when < letter_date:
                past[name] = values[name].strip()
    return past


def past_date_message(name: str, value: str, letter_date: date) -> str:
    """What the desk is told about a promised date already past."""
    return (
        f"{PLACEHOLDERS.get(name, name)[0].upper()}{PLACEHOLDERS.get(name, name)[1:]}, "
        f"{value}, is before the letter's date ({format_date(letter_date)}). "
        "Type the date you can promise now."
    )


def set_keys_message(template: LetterTemplate, missing: list[str]) -> str:
    """The command line's refusal for missing values: what each is, and the ``--set`` keys
    that give them (``--set response_date="Tuesday 22 December 2026"``)."""
    labels = [f"{PLACEHOLDERS.get(m, m)} ({m})" for m in missing]
    keys = " ".join(f'--set {m}="..."' for m in missing)
    return (
        f"The letter '{template.title}' needs {and_list(labels)}, which the record does not "
        f"have. Give {'it' if len(missing) == 1 else 'them'} with {keys}."
    )


def check_values(template: LetterTemplate, values: Mapping[str, str]) -> None:
    missing = missing_values(template, values)
    if missing:
        labels = [PLACEHOLDERS.get(m, m) for m in missing]
        raise ValidationError(
            f"The letter '{template.title}' needs {and_list(labels)}, which the record does not "
            "have. Fill them in, or choose another letter.",
            "values",
        )
