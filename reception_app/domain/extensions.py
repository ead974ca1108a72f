"""The extensions a complex subject access, FOI or EIR request may take, in the desk's words.

The hint beside an extension being recorded, and the extended date the deadline calculator
offers before any request is logged (DOMAIN.md 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reception_app.domain.correspondence import Deadlines, extended_deadline
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ValidationError

EXTENSION_HINTS: dict[str, str] = {
    "sar": "Complex subject access request: three calendar months from the same start. Tell "
    "the person within the first month.",
    "foi": "Public interest test: up to 20 further working days (ICO guidance).",
    "eir": "Complex and voluminous: 40 working days in all.",
}
"""What the law allows, shown when an extension is recorded on a logged item."""

CALCULATOR_EXTENSIONS: dict[str, str] = {
    "sar": "If complex (three calendar months)",
    "eir": "If complex and voluminous (40 statutory working days)",
}
"""The channels whose extended date the deadline calculator shows, with the condition."""


@dataclass(frozen=True, slots=True)
class PossibleExtension:
    """The extended due date of a request if it turns out complex, and when that applies."""

    condition: str
    due: date


def possible_extension(
    engine: DeadlineEngine, channel: str, received: datetime
) -> PossibleExtension | None:
    """For the deadline calculator: the extended date a SAR or EIR request received at
    ``received`` would have (no clock pause counted); None for any other channel."""
    condition = CALCULATOR_EXTENSIONS.get(channel)
    if condition is None:
        return None
    return PossibleExtension(condition, extended_deadline(engine, channel, received))


def _day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def extension_applies(extended_on: date, original_due: date | None) -> bool:
    """An extension counts only when it was taken on or before the original deadline's day: one
    recorded after it (allowed by earlier versions) leaves the late reply judged against the
    deadline that applied when it fell due."""
    return original_due is None or extended_on <= original_due


def check_extension(original_due: date | None, today: date) -> None:
    """Refuse an extension once the original deadline's day is over (ICO: the extension is
    decided, and the person told, within the original time)."""
    if original_due is not None and today > original_due:
        raise ValidationError(
            f"The deadline was {_day(original_due)}: an extension can only be taken before it "
            "ends. The request is overdue; answer it as soon as you can.",
            "reason",
        )


def check_told_on(
    channel: str, told_on: date | None, received_on: date, original_due: date | None, today: date
) -> date | None:
    """SAR: the day the person was told of the extension, within the first month (on or
    before the original deadline), not before receipt and not in the future. Other channels
    need none (a date given is kept)."""
    if told_on is None:
        if channel == "sar":
            raise ValidationError(
                "Say when the person was told of the extension: for a subject access request "
                "they must be told within the first month.",
                "told_on",
            )
        return None
    if told_on < received_on:
        raise ValidationError("They cannot have been told before the request arrived.", "told_on")
    if told_on > today:
        raise ValidationError("The day they were told cannot be in the future.", "told_on")
    if original_due is not None and told_on > original_due:
        raise ValidationError(
            f"They must be told within the first month, by {_day(original_due)}.", "told_on"
        )
    return told_on


def holding_limit_question(expected_on: date, limit: date | None) -> str:
    """The question asked when a holding response promises a reply after the final limit for
    it, or '' when the date is within it."""
    if limit is None or expected_on <= limit:
        return ""
    return (
        f"{_day(expected_on)} is after the final limit for the reply, {_day(limit)}. Give a "
        "date on or before it, or tick the box below if the customer is to be told this later "
        "date (the item will then be overdue)."
    )


def reply_limit(engine: DeadlineEngine, deadlines: Deadlines) -> date | None:
    """The outer limit for the full reply: the extended date, else the final clock, else the
    response clock, else the date agreed with the customer (None: no clock)."""
    for value in (deadlines.extended, deadlines.final, deadlines.respond, deadlines.target):
        if value is not None:
            return engine.due_day(value)
    return None
