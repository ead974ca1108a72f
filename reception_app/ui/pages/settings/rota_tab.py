"""The Rota tab: when each desk is staffed, day by day; the gaps are its breaks (issue 3).

The wait estimator reads this rota: a desk counts only while it is on duty.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QVBoxLayout

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.offices import WEEKDAYS, Interval, OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.hours_tab import hours_text, parse_day_hours
from reception_app.ui.pages.settings.tab import Tab, chain, hint, make_button

WHENEVER_OPEN = "Whenever the office is open"
NOT_ON_DUTY = "Not on duty"


def parse_duty_day(text: str, weekday: int) -> tuple[Interval, ...]:
    """One day of a desk's rota, typed like the opening hours ('09:30-12:30, 13:15-16:00')."""
    try:
        return parse_day_hours(text, weekday)
    except ValidationError as exc:
        message = (
            str(exc)
            .replace("when the office is closed", "when the desk is not staffed that day")
            .replace("the opening times overlap", "the times on duty overlap")
        )
        raise ValidationError(message, exc.field) from None


class RotaTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.errors = FieldErrors()
        self._desk_key: str | None = None

        self.desk = QComboBox()
        self.desk.setAccessibleName("Desk")
        self.desk.setMinimumContentsLength(24)
        self.desk.currentIndexChanged.connect(self._desk_chosen)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, "&Desk:", "desk", self.desk)
        self.days = self.day_fields(form, WHENEVER_OPEN)
        for edit in self.days:
            edit.textChanged.connect(self._update_placeholders)
        self.save_button = make_button("S&ave rota", self._save)
        self.undo_button = make_button("U&ndo changes", self._undo)
        buttons = self.button_row(self.save_button, self.undo_button)

        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "When each desk is staffed, which the wait estimates use. Choose a desk and "
                "type the times it is staffed each day on the 24-hour clock, like "
                "09:30-12:30, 13:15-16:00; the gaps between the ranges are its breaks. If every "
                "day is left empty the desk is staffed whenever the office is open. Once any day "
                "has times, a day left empty means the desk is not on duty that day."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.editing = list(self.days)  # the desk list stays usable, so anyone can look
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*self.days)
        chain(self.desk, *self.days, self.save_button, self.undo_button)

    # --- reading ------------------------------------------------------------------------------

    def current_desk(self) -> str | None:
        key = self.desk.currentData()
        return str(key) if key is not None else None

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        try:
            profile = profile or self.state.services.office.profile()
        except ReceptionError:
            profile = None
        desks = [d for d in profile.desks if d.active] if profile is not None else []
        keep = self.current_desk()
        self.desk.blockSignals(True)
        try:
            self.desk.clear()
            for desk in desks:
                self.desk.addItem(desk.name, desk.key)
            index = self.desk.findData(keep) if keep is not None else -1
            self.desk.setCurrentIndex(index if index >= 0 else 0 if desks else -1)
        finally:
            self.desk.blockSignals(False)
        for weekday, edit in enumerate(self.days):
            spans = profile.opening_hours.get(weekday, ()) if profile is not None else ()
            day = WEEKDAYS[weekday].capitalize()
            opening = hours_text(spans) if spans else "closed"
            edit.setToolTip(f"The office is open {opening} on {day}s.")
        if self.dirty and self.current_desk() == self._desk_key:
            return  # keep the unsaved typing for the same desk
        self._load()

    def _load(self) -> None:
        self.dirty = False
        self._desk_key = self.current_desk()
        by_day: dict[int, list[tuple[str, str]]] = {}
        if self._desk_key is not None:
            try:
                duties = self.state.services.queue().desk_duties(self._desk_key)
            except ReceptionError as exc:
                duties = []
                self.errors.show(exc, "desk")
            for weekday, start, end in duties:
                by_day.setdefault(weekday, []).append((start, end))
        self._loading = True
        try:
            for weekday, edit in enumerate(self.days):
                edit.setText(", ".join(f"{a}-{b}" for a, b in by_day.get(weekday, [])))
        finally:
            self._loading = False
        self._update_placeholders()

    def _update_placeholders(self, *_: object) -> None:
        empty = all(not edit.text().strip() for edit in self.days)
        for edit in self.days:
            edit.setPlaceholderText(WHENEVER_OPEN if empty else NOT_ON_DUTY)

    def _desk_chosen(self, _index: int) -> None:
        dropped = self.dirty and self._desk_key is not None
        previous = self.desk.itemText(self.desk.findData(self._desk_key)) if dropped else ""
        self.errors.clear()
        self.status.clear()
        self._load()
        if dropped:
            self.status.setText(f"The changes to {previous or 'the other desk'} were not saved.")

    def duties(self) -> list[tuple[int, str, str]]:
        """The typed rota as service lines; ValidationError naming the first bad day."""
        return [
            (weekday, f"{a:%H:%M}", f"{b:%H:%M}")
            for weekday, edit in enumerate(self.days)
            for a, b in parse_duty_day(edit.text(), weekday)
        ]

    # --- saving -------------------------------------------------------------------------------

    def _save(self) -> None:
        self.errors.clear()
        self.status.clear()
        desk_key = self.current_desk()
        if desk_key is None:
            self.errors.show("This office has no desk in use to give a rota to.", "desk")
            return
        problems: list[ValidationError] = []
        for weekday, edit in enumerate(self.days):
            try:
                parse_duty_day(edit.text(), weekday)
            except ValidationError as exc:
                problems.append(exc)
        if problems:
            for problem in reversed(problems):  # the first bad day ends up with the focus
                self.errors.show(problem)
            return
        duties = self.duties()
        name = self.desk.currentText()
        self.save(
            self.errors,
            self.status,
            lambda: self.state.services.queue().set_desk_duties(self.state.actor, desk_key, duties),
            f"Rota for {name} saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()
