"""How letters write a date and a list of things."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date


def and_list(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def format_date(d: date) -> str:
    """'Tuesday 24 November 2026': the full form, with no ambiguous numbers."""
    return f"{d:%A} {d.day} {d:%B %Y}"
