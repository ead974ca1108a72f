"""The Rota tab: when each desk is staffed, day by day; the gaps are its breaks (issue 3); and
which officer sits there, so their arrived appointments are called at that desk (issue 4).

The wait estimator reads this rota: a desk counts only while it is on duty, and an officer's
arrived appointment takes their desk at the booked time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.offices import WEEKDAYS, Interval, OfficeProfile
from reception_app.domain.shifts import Shift
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.hours_tab import hours_text, parse_day_hours
from reception_app.ui.pages.settings.tab import Tab, chain, hint, make_button

WHENEVER_OPEN = "Whenever the office is open"
NOT_ON_DUTY = "Not on duty"
NO_OFFICER = "—"
"""No particular officer at the desk that day."""
SEVERAL = "Several, as saved"
NO_LONGER_ACTIVE = " (no longer active)"
MIXED = "mixed"
"""Item data: a day whose ranges were saved with different officers (kept as they are)."""


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
        self.days = self.day_fields(form, self.errors, WHENEVER_OPEN)
        for edit in self.days:
            edit.textChanged.connect(self._update_placeholders)
        self.officers = [
            self._officer_beside(edit, weekday) for weekday, edit in enumerate(self.days)
        ]
        self._saved_officers: dict[Shift, int | None] = {}
        times_header = QLabel("Times on duty")
        officer_header = QLabel("Officer at the desk")
        officer_header.setFixedWidth(self.officers[0].sizeHint().width())
        for label in (times_header, officer_header):
            label.setProperty("role", "hint")
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(times_header, 1)
        header.addWidget(officer_header)
        form.insertRow(1, "", header)
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
                "has times, a day left empty means the desk is not on duty that day. Choose the "
                "officer who sits at the desk that day, if any: their customers who arrive for "
                "an appointment are called at this desk."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        # The desk list stays usable, so anyone can look.
        self.editing = [*self.days, *self.officers]
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*self.days, *self.officers)
        pairs = [w for pair in zip(self.days, self.officers, strict=True) for w in pair]
        chain(self.desk, *pairs, self.save_button, self.undo_button)

    def _officer_beside(self, edit: QLineEdit, weekday: int) -> QComboBox:
        """The officer choice for a day, on the same line as its times (above its error)."""
        combo = QComboBox()
        combo.setAccessibleName(f"Officer at the desk on {WEEKDAYS[weekday].capitalize()}")
        combo.setToolTip(
            "Who sits at this desk in these times. Customers of theirs who arrive for an "
            "appointment are called here; with '—' they are called by any desk."
        )
        combo.setMinimumContentsLength(22)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.addItem(NO_OFFICER, None)
        box = edit.parentWidget()
        column = box.layout() if box is not None else None
        if isinstance(column, QVBoxLayout):
            column.removeWidget(edit)
            row = QHBoxLayout()
            row.addWidget(edit, 1)
            row.addWidget(combo)
            column.insertLayout(0, row)
        return combo

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
        by_day: dict[int, list[str]] = {}
        who: dict[int, set[int | None]] = {}
        duties: dict[Shift, int | None] = {}
        if self._desk_key is not None:
            try:
                duties = self.state.services.queue().desk_duty_officers(self._desk_key)
            except ReceptionError as exc:
                self.errors.show(exc, "desk")
            for shift, staff_id in duties.items():
                by_day.setdefault(shift.weekday, []).append(shift.span_text)
                who.setdefault(shift.weekday, set()).add(staff_id)
        self._saved_officers = dict(duties)
        names = self._officer_names()
        self._loading = True
        try:
            for weekday, edit in enumerate(self.days):
                edit.setText(", ".join(by_day.get(weekday, [])))
                self._fill_officers(self.officers[weekday], names, who.get(weekday, {None}))
        finally:
            self._loading = False
        self._update_placeholders()

    def _officer_names(self) -> dict[int, str]:
        """Everyone who can sit at a desk (active officers, clerks and managers), by id."""
        try:
            return {o.staff_id: o.name for o in self.state.services.appointments().officers()}
        except ReceptionError:
            return {}

    def _fill_officers(
        self, combo: QComboBox, names: dict[int, str], saved: set[int | None]
    ) -> None:
        combo.clear()
        combo.addItem(NO_OFFICER, None)
        for staff_id, name in names.items():
            combo.addItem(name, staff_id)
        if len(saved) > 1:
            combo.addItem(SEVERAL, MIXED)
            combo.setItemData(
                combo.count() - 1,
                "Each time range keeps the officer saved for it (set elsewhere).",
                Qt.ItemDataRole.ToolTipRole,
            )
            combo.setCurrentIndex(combo.count() - 1)
            return
        saved_id = next(iter(saved))
        if saved_id is not None and combo.findData(saved_id) < 0:
            # Saved, but no longer an active officer: shown, so the rota is not silently changed.
            combo.addItem(f"{self._former_name(saved_id)}{NO_LONGER_ACTIVE}", saved_id)
        combo.setCurrentIndex(max(0, combo.findData(saved_id)))

    def _former_name(self, staff_id: int) -> str:
        try:
            office_key = self.state.services.office.profile().key
            staff = self.state.services.staff.list_staff(office_key, include_inactive=True)
        except ReceptionError:
            staff = []
        return next((m.full_name for m in staff if m.id == staff_id), "Someone")

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

    def duties(self) -> list[Shift]:
        """The typed rota as service lines; ValidationError naming the first bad day."""
        return [
            Shift(weekday, a, b)
            for weekday, edit in enumerate(self.days)
            for a, b in parse_duty_day(edit.text(), weekday)
        ]

    def duty_officers(self) -> dict[Shift, int | None]:
        """Who sits at the desk for each typed line (the day's choice; 'as saved' keeps each
        unchanged line's officer); ValidationError next to a day whose choice cannot be saved."""
        chosen: dict[Shift, int | None] = {}
        active = self._officer_names()
        for weekday, edit in enumerate(self.days):
            combo = self.officers[weekday]
            value = combo.currentData()
            lines = [Shift(weekday, a, b) for a, b in parse_duty_day(edit.text(), weekday)]
            day = WEEKDAYS[weekday]
            if isinstance(value, int) and not lines:
                raise ValidationError(
                    f"{day.capitalize()}: type the times {combo.currentText()} is at this desk, "
                    f"or choose {NO_OFFICER} as the officer.",
                    day,
                )
            if isinstance(value, int) and value not in active:
                name = combo.currentText().removesuffix(NO_LONGER_ACTIVE)
                raise ValidationError(
                    f"{day.capitalize()}: {name} is no longer an active member of staff; choose "
                    f"someone else, or {NO_OFFICER} for nobody in particular.",
                    day,
                )
            for line in lines:
                if value == MIXED:
                    chosen[line] = self._saved_officers.get(line)
                else:
                    chosen[line] = value if isinstance(value, int) else None
        return chosen

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
        try:
            officers = self.duty_officers()
        except ValidationError as exc:
            self.errors.show(exc)  # under the day's line
            if exc.field in WEEKDAYS:
                self.officers[WEEKDAYS.index(exc.field)].setFocus()
            return
        name = self.desk.currentText()
        self.save(
            self.errors,
            self.status,
            lambda: self.state.services.queue().set_desk_duties(
                self.state.actor, desk_key, duties, officers
            ),
            f"Rota for {name} saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()
