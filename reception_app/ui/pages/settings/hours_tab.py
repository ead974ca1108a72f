"""The Opening hours tab, and reading and writing a day's hours as text (09:30-16:00)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import time

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QVBoxLayout

from reception_app.domain.errors import ValidationError
from reception_app.domain.offices import WEEKDAYS, Interval, OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import Tab, chain, hint, make_button

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*")


def _clock_time(text: str) -> time | None:
    match = _CLOCK.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_day_hours(text: str, weekday: int) -> tuple[Interval, ...]:
    """'09:30-12:30, 13:30-16:00' -> opening intervals; '' or 'closed' -> closed.

    Forgiving about how times are typed (9:30, 9.30, 0930 is not accepted, 9 is 09:00, an en dash
    or 'to' between times) but strict about order: ValidationError for that weekday's field."""
    day = WEEKDAYS[weekday]
    label = day.capitalize()
    cleaned = text.strip()
    if not cleaned or cleaned.lower() == "closed":
        return ()
    spans: list[Interval] = []
    for part in (p.strip() for p in re.split(r"[,;]", cleaned)):
        if not part:
            continue
        pieces = _RANGE_SEPARATOR.split(part)
        times = [_clock_time(p) for p in pieces] if len(pieces) == 2 else []
        start, end = (times + [None, None])[:2]
        if start is None or end is None:
            raise ValidationError(
                f"{label}: '{part}' is not a time range. Type it like 09:30-16:00 "
                "(24-hour clock), or leave it empty when the office is closed.",
                day,
            )
        if end <= start:
            raise ValidationError(
                f"{label}: '{part}' ends before it starts. Use the 24-hour clock, e.g. 09:00-17:00.",
                day,
            )
        spans.append((start, end))
    spans.sort()
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        if start < end:
            raise ValidationError(f"{label}: the opening times overlap.", day)
    return tuple(spans)


def hours_text(spans: Sequence[Interval]) -> str:
    return ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in spans)


class HoursTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.days = self.day_fields(form, self.errors, "Closed")
        self.save_button = make_button("S&ave opening hours", self._save)
        self.undo_button = make_button("U&ndo changes", self._undo)
        buttons = self.button_row(self.save_button, self.undo_button)

        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Type each day's opening times on the 24-hour clock, like 09:30-16:00. If the "
                "office closes for lunch, give two ranges: 09:00-12:30, 13:30-16:00. Leave a day "
                "empty when the office is closed. Bank holidays and closure days are closed "
                "whatever is typed here."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.editing = list(self.days)
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*self.days)
        chain(*self.days, self.save_button, self.undo_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        if self.dirty:
            return
        profile = profile or self.state.services.office.profile()
        for weekday, edit in enumerate(self.days):
            edit.setText(hours_text(profile.opening_hours.get(weekday, ())))

    def hours(self) -> dict[int, tuple[Interval, ...]]:
        return {
            weekday: parse_day_hours(edit.text(), weekday) for weekday, edit in enumerate(self.days)
        }

    def _save(self) -> None:
        office = self.state.services.office
        self.save(
            self.errors,
            self.status,
            lambda: office.set_opening_hours(self.hours(), self.state.actor),
            "Opening hours saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()
