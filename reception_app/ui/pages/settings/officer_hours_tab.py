"""The Officers' hours tab: when each officer takes appointments, and when they are away.

Day by day (issue 4). The free-slot search reads both; managers edit, everyone else reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.offices import WEEKDAYS, Interval, OfficeProfile
from reception_app.domain.shifts import Shift
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.hours_tab import hours_text, parse_day_hours
from reception_app.ui.pages.settings.tab import (
    Tab,
    chain,
    fill,
    hint,
    make_button,
    make_table,
    selected,
    status_label,
)

WHENEVER_OPEN = "Whenever the office is open"
NOT_WORKING = "Not working"


def parse_working_day(text: str, weekday: int) -> tuple[Interval, ...]:
    """One day of an officer's pattern, typed like the opening hours ('09:30-12:30, 13:15-16:00')."""
    try:
        spans = parse_day_hours(text, weekday)
    except ValidationError as exc:
        message = (
            str(exc)
            .replace("when the office is closed", "when the officer does not work that day")
            .replace("the opening times overlap", "the working times overlap")
        )
        raise ValidationError(message, exc.field) from None
    return spans


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class OfficerHoursTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.errors = FieldErrors()
        self.absence_errors = FieldErrors()
        self._staff_id: int | None = None

        left = self._build_pattern()
        right = self._build_absences()
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "When each officer takes appointments. Type the times each day on the 24-hour "
                "clock, like 09:30-12:30, 13:15-16:00. If every day is empty the officer works "
                "whenever the office is open; once any day has times, an empty day is a day "
                "off. Times away (leave, training) stop appointments being offered on those "
                "days; appointments already booked then are listed so they can be moved."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(columns, 1)
        self.editing = [*self.days, self.first_day, self.last_day, self.reason]
        self.change_buttons = [
            self.save_button,
            self.undo_button,
            self.add_button,
            self.remove_button,
        ]
        self.watch(*self.days)
        chain(
            self.officer,
            *self.days,
            self.save_button,
            self.undo_button,
            self.absences,
            self.first_day,
            self.last_day,
            self.reason,
            self.add_button,
            self.remove_button,
        )

    def _build_pattern(self) -> QVBoxLayout:
        """The officer, their working times day by day, Save and Undo."""
        self.officer = QComboBox()
        self.officer.setAccessibleName("Officer")
        self.officer.setMinimumContentsLength(24)
        self.officer.currentIndexChanged.connect(self._officer_chosen)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(form, "&Officer:", "officer", self.officer)
        self.days = self.day_fields(form, self.errors, WHENEVER_OPEN)
        for edit in self.days:
            edit.textChanged.connect(self._update_placeholders)
        self.save_button = make_button("S&ave working pattern", self._save)
        self.undo_button = make_button("U&ndo changes", self._undo)
        buttons = self.button_row(self.save_button, self.undo_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)
        left.addStretch(1)
        return left

    def _build_absences(self) -> QVBoxLayout:
        """Absences: leave, training, sickness; appointments are never offered then."""
        self.absences = make_table(("From", "To", "Reason"), "Times away", 2)
        self.first_day = QDateEdit()
        self.first_day.setCalendarPopup(True)
        self.first_day.setDisplayFormat("ddd d MMM yyyy")
        self.last_day = QDateEdit()
        self.last_day.setCalendarPopup(True)
        self.last_day.setDisplayFormat("ddd d MMM yyyy")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. Annual leave, training")
        self.first_day.dateChanged.connect(self._first_day_changed)
        away_form = QFormLayout()
        self.absence_errors.add_row(away_form, "First da&y away:", "first_day", self.first_day)
        self.absence_errors.add_row(away_form, "&Last day away:", "last_day", self.last_day)
        self.absence_errors.add_row(away_form, "Reason (o&ptional):", "reason", self.reason)
        self.add_button = make_button("A&dd time away", self._add_absence)
        self.remove_button = make_button("R&emove time away", self._remove_absence)
        self.absence_status = status_label()
        away_buttons = QHBoxLayout()
        away_buttons.addWidget(self.add_button)
        away_buttons.addWidget(self.remove_button)
        away_buttons.addWidget(self.absence_status, 1)
        absences_label = QLabel("Times away:")
        absences_label.setBuddy(self.absences)
        right = QVBoxLayout()
        right.addWidget(absences_label)
        right.addWidget(self.absences, 1)
        right.addWidget(self.absence_errors.general)
        right.addLayout(away_form)
        right.addLayout(away_buttons)
        return right

    # --- reading ------------------------------------------------------------------------------

    def current_officer(self) -> int | None:
        value = self.officer.currentData()
        return int(value) if value is not None else None

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        try:
            officers = self.state.services.appointments().officers()
            profile = profile or self.state.services.office.profile()
            today = self.state.services.context.clock().date()
        except ReceptionError as exc:
            self.errors.show(exc, "officer")
            return
        keep = self.current_officer()
        self.officer.blockSignals(True)
        try:
            self.officer.clear()
            for officer in officers:
                team = f" ({officer.team})" if officer.team else ""
                self.officer.addItem(f"{officer.name}{team}", officer.staff_id)
            index = self.officer.findData(keep) if keep is not None else -1
            self.officer.setCurrentIndex(index if index >= 0 else 0 if officers else -1)
        finally:
            self.officer.blockSignals(False)
        for weekday, edit in enumerate(self.days):
            spans = profile.opening_hours.get(weekday, ())
            opening = hours_text(spans) if spans else "closed"
            edit.setToolTip(f"The office is open {opening} on {WEEKDAYS[weekday].capitalize()}s.")
        if self.first_day.date() < QDate(today.year, today.month, today.day):
            self.first_day.setDate(QDate(today.year, today.month, today.day))
        self._load_absences()
        if self.dirty and self.current_officer() == self._staff_id:
            return  # keep unsaved typing for the same officer
        self._load()

    def _load(self) -> None:
        self.dirty = False
        self._staff_id = self.current_officer()
        by_day: dict[int, list[str]] = {}
        if self._staff_id is not None:
            try:
                lines = self.state.services.appointments().working_pattern(self._staff_id)
            except ReceptionError as exc:
                lines = []
                self.errors.show(exc, "officer")
            for line in lines:
                by_day.setdefault(line.weekday, []).append(line.span_text)
        self._loading = True
        try:
            for weekday, edit in enumerate(self.days):
                edit.setText(", ".join(by_day.get(weekday, [])))
        finally:
            self._loading = False
        self._update_placeholders()

    def _load_absences(self) -> None:
        staff_id = self.current_officer()
        rows = []
        if staff_id is not None:
            try:
                absences = self.state.services.appointments().absences(staff_id)
            except ReceptionError as exc:
                absences = []
                self.absence_errors.show(exc)
            rows = [
                (
                    a.id,
                    (
                        f"{a.first_day:%a} {a.first_day.day} {a.first_day:%b %Y}",
                        f"{a.last_day:%a} {a.last_day.day} {a.last_day:%b %Y}",
                        a.reason or "—",
                    ),
                )
                for a in absences
            ]
        fill(self.absences, rows)

    def absence_rows(self) -> list[list[str]]:
        return [
            [_cell(self.absences, r, c) for c in range(self.absences.columnCount())]
            for r in range(self.absences.rowCount())
        ]

    def _update_placeholders(self, *_: object) -> None:
        empty = all(not edit.text().strip() for edit in self.days)
        for edit in self.days:
            edit.setPlaceholderText(WHENEVER_OPEN if empty else NOT_WORKING)

    def _officer_chosen(self, _index: int) -> None:
        dropped = self.dirty and self._staff_id is not None
        previous = self.officer.itemText(self.officer.findData(self._staff_id)) if dropped else ""
        self.errors.clear()
        self.status.clear()
        self._load()
        self._load_absences()
        if dropped:
            self.status.setText(f"The changes to {previous or 'the other officer'} were not saved.")

    def _first_day_changed(self, value: QDate) -> None:
        if self.last_day.date() < value:
            self.last_day.setDate(value)

    def pattern(self) -> list[Shift]:
        return [
            Shift(weekday, a, b)
            for weekday, edit in enumerate(self.days)
            for a, b in parse_working_day(edit.text(), weekday)
        ]

    # --- saving -------------------------------------------------------------------------------

    def _save(self) -> None:
        self.errors.clear()
        self.status.clear()
        staff_id = self.current_officer()
        if staff_id is None:
            self.errors.show("Nobody takes appointments yet: add staff first.", "officer")
            return
        problems: list[ValidationError] = []
        for weekday, edit in enumerate(self.days):
            try:
                parse_working_day(edit.text(), weekday)
            except ValidationError as exc:
                problems.append(exc)
        if problems:
            for problem in reversed(problems):
                self.errors.show(problem)
            return
        lines = self.pattern()
        name = self.officer.currentText()
        self.save(
            self.errors,
            self.status,
            lambda: self.state.services.appointments().set_working_pattern(
                self.state.actor, staff_id, lines
            ),
            f"Working pattern for {name} saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()

    def _add_absence(self) -> None:
        staff_id = self.current_officer()
        if staff_id is None:
            self.absence_errors.show("Choose an officer first.")
            return
        first, last = _day(self.first_day.date()), _day(self.last_day.date())
        reason = self.reason.text()
        if self.save(
            self.absence_errors,
            self.absence_status,
            lambda: self.state.services.appointments().add_absence(
                self.state.actor, staff_id, first, last, reason
            ),
            f"Time away {first:%d %b} to {last:%d %b %Y} added",
        ):
            self.reason.clear()

    def _remove_absence(self) -> None:
        absence_id = selected(self.absences)
        if absence_id is None:
            self.absence_errors.show("Choose the time away to remove in the list.")
            return
        self.save(
            self.absence_errors,
            self.absence_status,
            lambda: self.state.services.appointments().remove_absence(
                self.state.actor, int(absence_id)
            ),
            "Time away removed",
        )


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""
