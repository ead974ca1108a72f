"""The extensions a complex subject access, FOI or EIR request may take, in the desk's words.

The hint beside an extension being recorded, and the extended date the deadline calculator
offers before any request is logged (DOMAIN.md 2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from reception_app.domain.correspondence import extended_deadline
from reception_app.domain.deadlines import DeadlineEngine

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
