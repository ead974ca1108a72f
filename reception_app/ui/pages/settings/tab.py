"""Shared by the Settings tabs: the Tab base class and small table, label and button helpers."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from reception_app.domain.offices import WEEKDAYS
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors

Confirm = Callable[[QWidget, str, str], bool]
"""Asks a yes/no question: (parent, title, question) -> whether the answer was Yes."""


def yes_no(flag: bool) -> str:
    return "Yes" if flag else "No"


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # may quote what someone typed
    label.setProperty("role", "hint")
    return label


def status_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAccessibleName("Result")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def make_table(headers: Sequence[str], accessible_name: str, stretch: int = -1) -> QTableWidget:
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


def read_only(table: QTableWidget) -> QTableWidget:
    """A table only to read: no selection highlight pretending something can be edited."""
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.setProperty("read_only", True)
    return table


def fill(table: QTableWidget, rows: Sequence[tuple[Any, Sequence[str]]]) -> None:
    """Replace the rows, keeping the selection on the same object where it is still there."""
    current = selected(table)
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


def selected(table: QTableWidget) -> Any:
    row = table.currentRow()
    cell = table.item(row, 0) if row >= 0 else None
    return cell.data(Qt.ItemDataRole.UserRole) if cell is not None else None


def make_button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(slot)
    button.setAutoDefault(False)
    return button


def chain(*widgets: QWidget) -> None:
    """Tab order in the order given (the order a person reads the tab)."""
    for first, second in zip(widgets, widgets[1:], strict=False):
        QWidget.setTabOrder(first, second)


DAY_LABELS = ("&Monday", "&Tuesday", "&Wednesday", "Thu&rsday", "Fr&iday", "&Saturday", "S&unday")


class Tab(QWidget):
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

    def day_fields(
        self, form: QFormLayout, errors: FieldErrors, placeholder: str
    ) -> list[QLineEdit]:
        """One line edit per weekday, Monday first, each with its label and its line in errors."""
        fields = []
        for weekday, label in enumerate(DAY_LABELS):
            edit = QLineEdit()
            edit.setPlaceholderText(placeholder)
            errors.add_row(form, f"{label}:", WEEKDAYS[weekday], edit)
            fields.append(edit)
        return fields

    def button_row(self, *buttons: QAbstractButton) -> QHBoxLayout:
        """The tab's buttons followed by its status line (created here as ``self.status``)."""
        self.status = status_label()
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addWidget(self.status, 1)
        return row

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
        status.clear()
        if not errors.attempt(action):
            return False
        self.dirty = False
        status.setText(f"{done} at {self.state.now().astimezone():%H:%M}.")
        self._after_save()
        return True
