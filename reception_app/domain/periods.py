"""The periods a report covers: a day, a Monday-to-Sunday week or a calendar month."""

from __future__ import annotations

from datetime import date, timedelta

DAY, WEEK, MONTH = 0, 1, 2
"""The kinds of period, numbered as the Reports page lists them (then a custom range)."""


def period_for(kind: int, anchor: date) -> tuple[date, date]:
    """The first and last day of the day, Monday-to-Sunday week or calendar month around
    ``anchor``; any other ``kind`` gives the day itself."""
    if kind == WEEK:
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    if kind == MONTH:
        start = anchor.replace(day=1)
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    return anchor, anchor
