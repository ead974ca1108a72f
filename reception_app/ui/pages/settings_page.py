"""Settings: office details, hours, days off, desks, rooms, services, standards, staff, rules, PC.

Managers edit; everyone else sees the same tabs read-only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any, Protocol

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.offices import (
    BANK_HOLIDAY_REGIONS,
    WEEKDAYS,
    Interval,
    OfficeProfile,
)
from reception_app.domain.people import StaffMember
from reception_app.domain.settings import SETTINGS
from reception_app.domain.standards import CHANNELS
from reception_app.services import maintenance_service
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.setting_dialogs import DeskDialog, RoomDialog, ServiceDialog
from reception_app.ui.dialogs.staff_dialog import StaffDialog
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.page import Page
from reception_app.ui.text import day_text
from reception_app.ui.widgets import Heading, TextBox
from reception_app.ui.workers import run_with_progress

MANAGER_ONLY = "Only a manager can change these settings. Ask a manager if something here is wrong."
KIND_LABELS = {"closure": "Closure day", "bank_holiday": "Extra bank holiday"}

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?$")
_RANGE_SEPARATOR = re.compile(r"\s*(?:-|–|—|\bto\b)\s*")


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Ask a yes/no question (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


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


def _yes(flag: bool) -> str:
    return "Yes" if flag else "No"


def _hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


def _status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName("Result")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _table(headers: Sequence[str], accessible_name: str, stretch: int = -1) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setAccessibleName(accessible_name)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
    table.setWordWrap(False)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(
        stretch if stretch >= 0 else len(headers) - 1, QHeaderView.ResizeMode.Stretch
    )
    return table


def _read_only(table: QTableWidget) -> QTableWidget:
    """A table only to read: no selection highlight pretending something can be edited."""
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setProperty("read_only", True)
    return table


def _fill(table: QTableWidget, rows: Sequence[tuple[Any, Sequence[str]]]) -> None:
    """Replace the rows, keeping the selection on the same object where it is still there."""
    current = _selected(table)
    table.setRowCount(len(rows))
    for row, (item, cells) in enumerate(rows):
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if column == 0:
                cell.setData(Qt.ItemDataRole.UserRole, item)
            table.setItem(row, column, cell)
        if current is not None and item == current:
            table.selectRow(row)
    if table.currentRow() < 0 and rows and not table.property("read_only"):
        table.setCurrentCell(0, 0)


def _selected(table: QTableWidget) -> Any:
    row = table.currentRow()
    cell = table.item(row, 0) if row >= 0 else None
    return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None


def _button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    button.setAutoDefault(False)
    return button


def _chain(*widgets: QWidget) -> None:
    """Tab order in the order given (the order a person reads the tab)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


class _Section(Protocol):
    """What the page asks of each tab."""

    dirty: bool

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        """Re-read what the tab shows (``profile`` if the page has just read it); a form with
        unsaved typing keeps it."""

    def set_editable(self, editable: bool) -> None:
        """Let a manager edit, or show everything read-only."""


class _Tab(QWidget):
    """Shared by the tabs: the widgets only a manager may use, and saving with errors in place."""

    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__()
        self.state = state
        self._after_save = after_save
        self.editing: list[QWidget] = []
        """Fields: read-only (still legible) for everyone but managers."""
        self.change_buttons: list[QWidget] = []
        """Buttons that change something: disabled and hidden for everyone but managers, so
        nobody presses a button that cannot work (a disabled button looks live in high contrast)."""
        self.dirty = False
        self._loading = False

    def set_editable(self, editable: bool) -> None:
        for widget in self.change_buttons:
            widget.setEnabled(editable)
            widget.setVisible(editable)
        for widget in self.editing:
            if isinstance(widget, (QLineEdit, QPlainTextEdit)):
                widget.setReadOnly(not editable)
            else:
                widget.setEnabled(editable)

    def watch(self, *widgets: QWidget) -> None:
        """Remember unsaved typing, so a refresh caused by another desk does not wipe it."""
        for widget in widgets:
            if isinstance(widget, QLineEdit):
                widget.textEdited.connect(self._changed)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(self._changed)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(self._changed)
            elif isinstance(widget, QSpinBox):
                widget.valueChanged.connect(self._changed)

    def _changed(self, *_: object) -> None:
        if not self._loading:
            self.dirty = True

    def save(
        self, errors: FieldErrors, status: QLabel, action: Callable[[], object], done: str
    ) -> bool:
        """Run ``action``; on success say ``done``, re-read and tell every screen."""
        errors.clear()
        status.clear()
        try:
            action()
        except ValidationError as exc:
            errors.show(exc)
            return False
        except ReceptionError as exc:
            errors.show(str(exc))
            return False
        self.dirty = False
        status.setText(f"{done} at {datetime.now():%H:%M}.")
        self._after_save()
        return True


# --- Office ------------------------------------------------------------------------------------


class _OfficeTab(_Tab):
    def __init__(
        self, state: DeskState, after_save: Callable[[], None], office_switched: Callable[[], None]
    ) -> None:
        super().__init__(state, after_save)
        self._office_switched = office_switched
        self.office = QComboBox()
        self.office.setAccessibleName("Office in use")
        self.office.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.office.activated.connect(self._office_chosen)
        office_label = QLabel("Office &in use at every desk on this database:")
        office_label.setBuddy(self.office)
        office_row = QHBoxLayout()
        office_row.addWidget(office_label)
        office_row.addWidget(self.office)
        office_row.addStretch(1)

        self.name = QLineEdit()
        self.site = QLineEdit()
        self.address = TextBox(5)
        self.postcode = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.region = QComboBox()
        for code, region in BANK_HOLIDAY_REGIONS.items():
            self.region.addItem(region, code)
        self.out_of_hours = TextBox(4)
        self.directions = TextBox(4)
        self.complaints = TextBox(6)

        self.errors = FieldErrors()
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(left, "&Name:", "name", self.name)
        self.errors.add_row(left, "&Building:", "site", self.site)
        self.errors.add_row(left, "&Address\n(a line each):", "address", self.address)
        self.errors.add_row(left, "&Postcode:", "postcode", self.postcode)
        self.errors.add_row(left, "&Telephone:", "phone", self.phone)
        self.errors.add_row(left, "&Email:", "email", self.email)
        self.errors.add_row(left, "&Website:", "website", self.website)
        self.errors.add_row(left, "Bank holi&days of:", "bank_holiday_region", self.region)
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(
            right, "&Out-of-hours emergency contact:", "out_of_hours", self.out_of_hours
        )
        self.errors.add_row(right, "Di&rections for visitors:", "directions", self.directions)
        self.errors.add_row(
            right, "&Complaints procedure:", "complaints_procedure", self.complaints
        )

        self.save_button = _button("&Save office details", self._save)
        self.undo_button = _button("&Undo changes", self._undo)
        self.status = _status_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.status, 1)

        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        columns.addLayout(right, 1)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(office_row)
        layout.addWidget(
            _hint(
                "Every desk, kiosk and display using this database works for the office chosen "
                "here. Below are its details as visitors and letters see them."
            )
        )
        layout.addWidget(Heading("Office details"))
        layout.addWidget(self.errors.general)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        fields: list[QWidget] = [
            self.name,
            self.site,
            self.address,
            self.postcode,
            self.phone,
            self.email,
            self.website,
            self.region,
            self.out_of_hours,
            self.directions,
            self.complaints,
        ]
        self.editing = [self.office, *fields]
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*fields)
        _chain(self.office, *fields, self.save_button, self.undo_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        names = office.office_names()
        key = office.active_office_key()
        self.office.blockSignals(True)
        self.office.clear()
        for office_key, name in names.items():
            self.office.addItem(name, office_key)
        self.office.setCurrentIndex(self.office.findData(key))
        # Style sheets make AdjustToContents unreliable: size the box for the longest name.
        self.office.setMinimumContentsLength(max((len(n) for n in names.values()), default=20))
        self.office.blockSignals(False)
        if self.dirty:
            return
        profile = profile or office.profile()
        self._loading = True
        try:
            self.name.setText(profile.name)
            self.site.setText(profile.site)
            self.address.setPlainText("\n".join(profile.address))
            self.postcode.setText(profile.postcode)
            self.phone.setText(profile.phone)
            self.email.setText(profile.email)
            self.website.setText(profile.website)
            self.region.setCurrentIndex(self.region.findData(profile.bank_holiday_region))
            self.out_of_hours.setPlainText(profile.out_of_hours)
            self.directions.setPlainText(profile.directions)
            self.complaints.setPlainText(profile.complaints_procedure)
        finally:
            self._loading = False

    def details(self, profile: OfficeProfile) -> OfficeProfile:
        """``profile`` (read just now) with the office-level fields of the form."""
        return replace(
            profile,
            name=self.name.text(),
            site=self.site.text(),
            address=tuple(
                line.strip() for line in self.address.toPlainText().splitlines() if line.strip()
            ),
            postcode=self.postcode.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text().strip(),
            bank_holiday_region=str(self.region.currentData()),
            out_of_hours=self.out_of_hours.toPlainText(),
            directions=self.directions.toPlainText().strip(),
            complaints_procedure=self.complaints.toPlainText().strip(),
        )

    def _save(self) -> None:
        office = self.state.services.office
        # Re-read first: update_details also writes hours and standards, which another desk (or
        # the Opening hours tab) may have changed since this form was filled.
        self.save(
            self.errors,
            self.status,
            lambda: office.update_details(self.details(office.profile()), self.state.actor),
            "Office details saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()

    def _office_chosen(self, index: int) -> None:
        office = self.state.services.office
        key = self.office.itemData(index)
        current = office.active_office_key()
        if key == current:
            return
        name = self.office.itemText(index)
        question = (
            f"Switch every desk on this database to {name}?\n\nThe opening hours, desks, "
            "services and staff shown everywhere will be that office's."
        )
        if not confirm(self, "Change the office in use", question):
            self.office.setCurrentIndex(self.office.findData(current))
            return
        self.errors.clear()
        try:
            office.set_active_office(str(key), self.state.actor)
        except ReceptionError as exc:
            self.errors.show(str(exc))
            self.office.setCurrentIndex(self.office.findData(current))
            return
        self.status.setText(f"{name} is now the office in use.")
        self._office_switched()


# --- Opening hours -----------------------------------------------------------------------------

_DAY_LABELS = ("&Monday", "&Tuesday", "&Wednesday", "Thu&rsday", "Fr&iday", "&Saturday", "S&unday")


class _HoursTab(_Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.days: list[QLineEdit] = []
        for weekday, label in enumerate(_DAY_LABELS):
            edit = QLineEdit()
            edit.setPlaceholderText("Closed")
            self.errors.add_row(form, f"{label}:", WEEKDAYS[weekday], edit)
            self.days.append(edit)
        self.save_button = _button("S&ave opening hours", self._save)
        self.undo_button = _button("U&ndo changes", self._undo)
        self.status = _status_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.status, 1)

        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _hint(
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
        _chain(*self.days, self.save_button, self.undo_button)

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


# --- Closure days ------------------------------------------------------------------------------


class _ClosuresTab(_Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.table = _table(["Date", "Kind", "Reason"], "Closure days and extra bank holidays")
        self.remove_button = _button("&Remove the chosen day", self._remove)

        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self._date_chosen = False
        self.day.dateChanged.connect(lambda _d: setattr(self, "_date_chosen", True))
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. Christmas shutdown")
        self.reason.setMaxLength(255)
        self.add_button = _button("&Add this day", self._add)
        self.reason.returnPressed.connect(self._add)
        self.errors = FieldErrors()
        add_form = QFormLayout()
        add_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(add_form, "&Date:", "day", self.day)
        self.errors.add_row(add_form, "&Kind:", "kind", self.kind)
        self.errors.add_row(add_form, "R&eason:", "reason", self.reason)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        add_form.addRow("", add_row)
        add_box = QGroupBox("Add a day")
        add_layout = QVBoxLayout(add_box)
        add_layout.addWidget(self.errors.general)
        add_layout.addLayout(add_form)
        self.status = _status_label()

        left = QVBoxLayout()
        left.addWidget(Heading("This office's own days off"))
        left.addWidget(
            _hint(
                "A closure day shuts this office only (e.g. a Christmas shutdown); FOI and EIR "
                "deadlines still count it as a working day. An extra bank holiday (e.g. one "
                "announced by royal proclamation) stops every deadline clock."
            )
        )
        left.addWidget(self.table, 1)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addWidget(self.status, 1)
        left.addLayout(remove_row)
        left.addWidget(add_box)

        self.region_heading = Heading("Bank holidays already covered")
        self.holidays = _read_only(
            _table(["Date", "Bank holiday"], "Bank holidays in the next 12 months")
        )
        right = QVBoxLayout()
        right.addWidget(self.region_heading)
        right.addWidget(
            _hint(
                "These come with Reception and need no action. Add a day on the left only if it is missing."
            )
        )
        right.addWidget(self.holidays, 1)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        layout.addLayout(right, 2)
        self.editing = [self.day, self.kind, self.reason, self.add_button]
        self.change_buttons = [self.remove_button, add_box]
        _chain(
            self.table,
            self.remove_button,
            self.day,
            self.kind,
            self.reason,
            self.add_button,
            self.holidays,
        )

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        profile = profile or office.profile()
        calendar = OfficeCalendar.from_profile(profile)
        today = calendar.to_local(self.state.services.context.clock()).date()
        days = [(d, "closure") for d in profile.closure_days] + [
            (d, "bank_holiday") for d in profile.extra_bank_holidays
        ]
        days.sort(key=lambda pair: (pair[0].day, pair[1]))
        _fill(
            self.table,
            [((d.day, kind), [day_text(d.day), KIND_LABELS[kind], d.reason]) for d, kind in days],
        )
        if not self._date_chosen:
            self.day.setDate(QDate(today.year, today.month, today.day))

        region = BANK_HOLIDAY_REGIONS.get(profile.bank_holiday_region, profile.bank_holiday_region)
        self.region_heading.setText(f"Bank holidays in {region}, next 12 months")
        extra = {d.day for d in profile.extra_bank_holidays}
        rows: list[tuple[Any, Sequence[str]]] = []
        day, end = today, today + timedelta(days=365)
        while day <= end:
            name = calendar.bank_holiday_name(day)
            if name and day not in extra:
                rows.append((day, [day_text(day), name]))
            day += timedelta(days=1)
        _fill(self.holidays, rows)

    def _add(self) -> None:
        office = self.state.services.office
        chosen = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        kind = str(self.kind.currentData())
        if self.save(
            self.errors,
            self.status,
            lambda: office.add_day_off(day, kind, self.reason.text(), self.state.actor),
            f"{KIND_LABELS[kind]} {day_text(day)} added",
        ):
            self.reason.clear()

    def _remove(self) -> None:
        chosen = _selected(self.table)
        if chosen is None:
            self.status.setText("Choose a day in the list first.")
            return
        day, kind = chosen
        if not confirm(
            self, "Remove a day off", f"Remove {KIND_LABELS[kind].lower()} {day_text(day)}?"
        ):
            return
        office = self.state.services.office
        self.save(
            self.errors,
            self.status,
            lambda: office.remove_day_off(day, kind, self.state.actor),
            f"{day_text(day)} removed",
        )


# --- Desks, rooms, services ----------------------------------------------------------------------


class _ListTab(_Tab):
    """A table of one kind of office item with Add and Edit, each opening a dialog."""

    def __init__(
        self,
        state: DeskState,
        after_save: Callable[[], None],
        *,
        intro: str,
        headers: Sequence[str],
        noun: str,
        rows: Callable[[OfficeProfile], list[tuple[Any, Sequence[str]]]],
        dialog: Callable[[OfficeProfile, Any, QWidget], QDialog],
        stretch: int = -1,
    ) -> None:
        super().__init__(state, after_save)
        self._rows = rows
        self._dialog = dialog
        self._noun = noun
        self.table = _table(headers, f"{noun.capitalize()}s", stretch)
        self.table.activated.connect(lambda _index: self.edit())
        self.add_button = _button(f"&Add {'an' if noun[0] in 'aeiou' else 'a'} {noun}...", self.add)
        self.edit_button = _button(f"&Edit the chosen {noun}...", self.edit)
        self.status = _status_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(_hint(intro))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.change_buttons = [self.add_button, self.edit_button]
        _chain(self.table, self.add_button, self.edit_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        _fill(self.table, self._rows(profile or self.state.services.office.profile()))

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        item = _selected(self.table)
        if item is None:
            self.status.setText(f"Choose a {self._noun} in the list first.")
            return
        self._open(item)

    def _open(self, item: Any) -> None:
        if not self.state.is_manager:
            return
        self.status.clear()
        dialog = self._dialog(self.state.services.office.profile(), item, self)
        if dialog.exec():
            saved = getattr(dialog, "saved", None)
            name = getattr(saved, "name", self._noun)
            self.status.setText(f"{name} saved at {datetime.now():%H:%M}.")
            self._after_save()
        dialog.deleteLater()


def _desk_rows(profile: OfficeProfile) -> list[tuple[Any, Sequence[str]]]:
    names = {s.key: s.name for s in profile.services}
    return [
        (
            desk,
            [
                desk.name,
                "Every service"
                if desk.services is None
                else ", ".join(names.get(k, k) for k in desk.services),
                _yes(desk.active),
            ],
        )
        for desk in profile.desks
    ]


def _room_rows(profile: OfficeProfile) -> list[tuple[Any, Sequence[str]]]:
    return [
        (
            room,
            [
                room.name,
                str(room.capacity),
                _yes(room.hearing_loop),
                _yes(room.wheelchair_access),
                _yes(room.screen),
                f"{room.buffer_minutes} min",
                _yes(room.active),
                room.location,
            ],
        )
        for room in profile.rooms
    ]


def _service_rows(profile: OfficeProfile) -> list[tuple[Any, Sequence[str]]]:
    return [
        (
            service,
            [
                service.name,
                service.ticket_prefix,
                f"{service.default_minutes} min",
                _yes(service.needs_room),
                service.team,
                _yes(service.active),
            ],
        )
        for service in profile.services
    ]


# --- Standards -----------------------------------------------------------------------------------


class _StandardsTab(_Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.table = _read_only(
            _table(["Channel", "Acknowledge", "Respond", "Final reply"], "Service standards")
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.note = _hint("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        profile = profile or self.state.services.office.profile()
        self.note.setText(
            f"The service standards of {profile.name}, from the councils' published customer "
            "charters. Reception counts every deadline from them; they change only when the "
            "council publishes a new charter. Blank means the charter sets no such clock."
        )
        rows: list[tuple[Any, Sequence[str]]] = []
        for channel, label in CHANNELS.items():
            standard = profile.standards.get(channel)
            clocks = [
                rule.describe() if rule is not None else ""
                for rule in (
                    (standard.acknowledge, standard.respond, standard.final)
                    if standard is not None
                    else (None, None, None)
                )
            ]
            rows.append((channel, [label, *clocks]))
        _fill(self.table, rows)


# --- Staff ---------------------------------------------------------------------------------------


class _StaffTab(_Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.table = _table(
            [
                "Name",
                "User name",
                "Role",
                "Team",
                "Team lead",
                "Phone",
                "Email",
                "Active",
                "Can sign in",
            ],
            "Staff",
            6,
        )
        self.table.activated.connect(lambda _index: self.edit())
        self.note = _hint(
            "Only a manager can add staff or change their accounts; this list is read-only."
        )
        self.add_button = _button("&Add a staff member...", self.add)
        self.edit_button = _button("&Edit the chosen person...", self.edit)
        self.status = _status_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.change_buttons = [self.add_button, self.edit_button]
        _chain(self.table, self.add_button, self.edit_button)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.note.setVisible(not editable)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        key = office.active_office_key()
        staff = self.state.services.staff.list_staff(key) if key else []
        _fill(
            self.table,
            [
                (
                    member,
                    [
                        member.full_name,
                        member.username,
                        member.role.label,
                        member.team,
                        _yes(member.is_team_lead),
                        member.phone,
                        member.email,
                        _yes(member.active),
                        _yes(member.can_sign_in),
                    ],
                )
                for member in staff
            ],
        )

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        member = _selected(self.table)
        if member is None:
            self.status.setText("Choose a person in the list first.")
            return
        self._open(member)

    def _open(self, member: StaffMember | None) -> None:
        if not self.state.is_manager:
            return
        self.status.clear()
        services = self.state.services
        key = services.office.active_office_key() or ""

        def save(value: StaffMember, password: str | None) -> StaffMember:
            return services.staff.save_staff(self.state.actor, key, value, password)

        dialog = StaffDialog(save, member, self)
        if dialog.exec() and dialog.member is not None:
            self.status.setText(f"{dialog.member.full_name} saved at {datetime.now():%H:%M}.")
            self._after_save()
        dialog.deleteLater()


# --- Desk rules ----------------------------------------------------------------------------------


def _with_mnemonic(text: str, used: set[str]) -> str:
    """Put & before the first letter that starts a word and is not taken yet (nor F, V, H, which
    the main window's menus use)."""
    words = text.split(" ")
    for index, word in enumerate(words):
        letter = word[:1].lower()
        if letter.isalpha() and letter not in used:
            used.add(letter)
            words[index] = "&" + word
            return " ".join(words)
    for position, char in enumerate(text):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return text[:position] + "&" + text[position:]
    return text


class _RulesTab(_Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.errors = FieldErrors()
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        used = {"f", "v", "h", "a", "n"}  # menus; S&ave and U&ndo below
        for key, spec in SETTINGS.items():
            spin = QSpinBox()
            spin.setRange(spec.minimum, spec.maximum)
            spin.setSuffix(f" {spec.unit}")
            spin.setAccelerated(True)
            spin.setToolTip(
                f"From {spec.minimum} to {spec.maximum} {spec.unit}; usually {spec.default}."
            )
            label = spec.label + ("" if spec.per_office else " (every office)") + ":"
            self.errors.add_row(form, _with_mnemonic(label, used), key, spin)
            self.spins[key] = spin
        self.save_button = _button("S&ave desk rules", self._save)
        self.undo_button = _button("U&ndo changes", self._undo)
        self.status = _status_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(self.status, 1)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addStretch(2)
        layout = QVBoxLayout(self)
        layout.addWidget(
            _hint(
                "How every desk of this office behaves. Hover over a box to see its limits; "
                "the usual value is the council's default."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.editing = list(self.spins.values())
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*self.spins.values())
        _chain(*self.spins.values(), self.save_button, self.undo_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        if self.dirty:
            return
        office = self.state.services.office
        self._loading = True
        try:
            for key, spin in self.spins.items():
                spin.setValue(office.setting(key))
        finally:
            self._loading = False

    def _save(self) -> None:
        office = self.state.services.office

        def save_changed() -> None:
            changed = {
                key: spin.value()
                for key, spin in self.spins.items()
                if spin.value() != office.setting(key)
            }
            if changed:
                office.put_settings(changed, self.state.actor)

        self.save(self.errors, self.status, save_changed, "Desk rules saved")

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()


# --- This computer -------------------------------------------------------------------------------


class _ComputerTab(_Tab):
    """What this PC uses. Backing up and the look are open to everyone, as in the menus."""

    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.database = self._value_label("Database in use")
        self.data_dir = self._value_label("Data folder")
        self.backup_dir = self._value_label("Backups folder")
        self.log_dir = self._value_label("Log folder")
        facts = QFormLayout()
        facts.addRow("Database in use:", self.database)
        facts.addRow("Data folder:", self.data_dir)
        facts.addRow("Backups folder:", self.backup_dir)
        facts.addRow("Log folder:", self.log_dir)

        self.backup_button = _button("&Back up now", self.back_up)
        self.check_button = _button("&Check the database", self.check)
        self.result = _status_label()
        self.result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        maintenance = QHBoxLayout()
        maintenance.addWidget(self.backup_button)
        maintenance.addWidget(self.check_button)
        maintenance.addStretch(1)

        self.high_contrast = QCheckBox("Hi&gh contrast (yellow on black)")
        self.large_text = QCheckBox("&Larger text")
        self.high_contrast.toggled.connect(self._look_changed)
        self.large_text.toggled.connect(self._look_changed)

        layout = QVBoxLayout(self)
        layout.addWidget(Heading("Database and folders"))
        layout.addLayout(facts)
        layout.addLayout(maintenance)
        layout.addWidget(self.result)
        layout.addWidget(Heading("How Reception looks on this computer"))
        layout.addWidget(self.high_contrast)
        layout.addWidget(self.large_text)
        layout.addWidget(
            _hint(
                "These choices are for this computer only, whoever signs in. The View menu "
                "has the same switches (Ctrl+Shift+H and Ctrl+Shift+T)."
            )
        )
        layout.addStretch(1)
        _chain(self.backup_button, self.check_button, self.high_contrast, self.large_text)

    @staticmethod
    def _value_label(name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return label

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        paths = self.state.paths
        self.database.setText(self.state.services.database.description)
        self.data_dir.setText(str(paths.data_dir))
        self.backup_dir.setText(str(paths.backup_dir))
        self.log_dir.setText(str(paths.log_dir))
        for box, value in (
            (self.high_contrast, self.state.machine.high_contrast),
            (self.large_text, self.state.machine.large_text),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)

    def _busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy)

    def back_up(self) -> None:
        url = self.state.services.database.url
        folder = self.state.paths.backup_dir
        now = self.state.services.context.clock()

        def job(progress: Callable[[int, int], bool]) -> object:
            progress(0, 1)
            return maintenance_service.backup_now(url, None, folder, now)

        self._busy(True)
        self.result.setText("Backing up...")
        run_with_progress(
            self,
            "Backing up the database...",
            job,
            on_done=lambda path: self._done(f"Backed up to {path}."),
            on_error=lambda exc: self._done(f"The backup did not work: {exc}"),
        )

    def check(self) -> None:
        url = self.state.services.database.url

        def job(progress: Callable[[int, int], bool]) -> object:
            progress(0, 1)
            return maintenance_service.check_database(url)

        self._busy(True)
        self.result.setText("Checking the database...")
        run_with_progress(
            self,
            "Checking the database...",
            job,
            on_done=self._checked,
            on_error=lambda exc: self._done(f"The check could not run: {exc}"),
        )

    def _checked(self, report: maintenance_service.CheckReport) -> None:
        lines = ["The database is healthy." if report.healthy else "The check found problems:"]
        lines += [f"Problem: {p}" for p in report.problems]
        lines += [f"OK: {o}" for o in report.ok]
        self._done("\n".join(lines))

    def _done(self, text: str) -> None:
        self._busy(False)
        self.result.setText(text)

    def _look_changed(self) -> None:
        machine = self.state.machine
        machine.high_contrast = self.high_contrast.isChecked()
        machine.large_text = self.large_text.isChecked()
        try:
            self.state.save_machine_settings()
        except OSError as exc:
            self.result.setText(f"Could not save this computer's settings: {exc}")
        self.state.theme_changed.emit()


# --- The page ------------------------------------------------------------------------------------


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        after = self._saved
        office = state.services.office
        self.office_tab = _OfficeTab(state, after, self._office_switched)
        self.hours_tab = _HoursTab(state, after)
        self.closures_tab = _ClosuresTab(state, after)
        self.desks_tab = _ListTab(
            state,
            after,
            intro="The desks of this office and what each handles. A desk that is not in use "
            "stays in past records; untick Active instead of removing it.",
            headers=["Desk", "Handles", "Active"],
            noun="desk",
            rows=_desk_rows,
            dialog=lambda profile, desk, parent: DeskDialog(
                lambda d: office.save_desk(d, state.actor),
                profile.services,
                [d.key for d in profile.desks],
                desk,
                parent,
            ),
            stretch=1,
        )
        self.rooms_tab = _ListTab(
            state,
            after,
            intro="Private interview rooms visitors can ask for. The gap between bookings "
            "leaves time to tidy the room.",
            headers=[
                "Room",
                "Seats",
                "Hearing loop",
                "Wheelchair",
                "Screen",
                "Gap",
                "Active",
                "Where",
            ],
            noun="interview room",
            rows=_room_rows,
            dialog=lambda profile, room, parent: RoomDialog(
                lambda r: office.save_room(r, state.actor),
                [r.key for r in profile.rooms],
                room,
                parent,
            ),
        )
        self.services_tab = _ListTab(
            state,
            after,
            intro="What visitors come about. The ticket letter starts their queue ticket "
            "(C14); the usual length helps estimate waits.",
            headers=["Service", "Ticket", "Usual length", "Needs a room", "Team", "Active"],
            noun="service",
            rows=_service_rows,
            dialog=lambda profile, service, parent: ServiceDialog(
                lambda s: office.save_service(s, state.actor), profile.services, service, parent
            ),
            stretch=0,
        )
        self.standards_tab = _StandardsTab(state, after)
        self.staff_tab = _StaffTab(state, after)
        self.rules_tab = _RulesTab(state, after)
        self.computer_tab = _ComputerTab(state, after)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.setToolTip("Ctrl+Tab and Ctrl+Shift+Tab move between the sections.")
        self.tabs.setUsesScrollButtons(True)
        self._tabs: list[tuple[str, QWidget]] = [
            ("Office", self.office_tab),
            ("Opening hours", self.hours_tab),
            ("Closure days", self.closures_tab),
            ("Desks", self.desks_tab),
            ("Rooms", self.rooms_tab),
            ("Services", self.services_tab),
            ("Standards", self.standards_tab),
            ("Staff", self.staff_tab),
            ("Desk rules", self.rules_tab),
            ("This computer", self.computer_tab),
        ]
        for name, tab in self._tabs:
            self.tabs.addTab(tab, name)
        self._sections: list[_Section] = [
            self.office_tab,
            self.hours_tab,
            self.closures_tab,
            self.desks_tab,
            self.rooms_tab,
            self.services_tab,
            self.standards_tab,
            self.staff_tab,
            self.rules_tab,
            self.computer_tab,
        ]

        self.manager_note = QLabel(MANAGER_ONLY)
        self.manager_note.setWordWrap(True)
        self.manager_note.setProperty("role", "hint")
        self.manager_note.setAccessibleName("Read-only")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Settings"))
        layout.addWidget(self.manager_note)
        layout.addWidget(self.tabs, 1)
        state.actor_changed.connect(lambda _member: self._apply_permissions())
        self._apply_permissions()

    def tab(self, name: str) -> QWidget:
        """The tab called ``name`` (as on its label)."""
        return next(tab for label, tab in self._tabs if label == name)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.tab(name))

    def tab_names(self) -> list[str]:
        return [name for name, _ in self._tabs]

    def refresh(self) -> None:
        self._apply_permissions()
        profile = self.state.services.office.profile()  # read once for all tabs, not cached
        for section in self._sections:
            section.refresh(profile)

    def _apply_permissions(self) -> None:
        editable = self.state.is_manager
        self.manager_note.setVisible(not editable)
        for section in self._sections:
            section.set_editable(editable)

    def _saved(self) -> None:
        self.refresh()
        self.state.data_changed.emit()

    def _office_switched(self) -> None:
        for section in self._sections:
            section.dirty = False
        self._saved()
