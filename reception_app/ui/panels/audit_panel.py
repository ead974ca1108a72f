"""The Audit tab of Reports (managers only, issue 12): the event log filtered by person, member
of staff, record and day, exported as CSV. The service refuses anyone else whatever is shown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.audit import AuditFilter, AuditRow
from reception_app.domain.errors import ReceptionError
from reception_app.output_paths import check_output_path
from reception_app.services.audit_service import AUDIT_LIMIT, HELD_FOR_A_PERSON
from reception_app.ui.desk_state import DeskState
from reception_app.ui.panels.activity_log_panel import LONDON
from reception_app.ui.panels.panel import Panel

HEADERS = ("When", "Who", "Action", "Record", "What happened")
RECORD_KINDS = ("contact", *HELD_FOR_A_PERSON, "room_booking", "staff", "settings")


def _plain(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class AuditPanel(Panel):
    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.staff = QComboBox()
        self.staff.setAccessibleName("Done by")
        self.person = QLineEdit()
        self.person.setPlaceholderText("A customer's name, phone or e-mail")
        self.person.setAccessibleName("About this person")
        self.people = QComboBox()
        self.people.setAccessibleName("Matching people")
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of record")
        self.kind.addItem("Any kind", "")
        for kind in RECORD_KINDS:
            self.kind.addItem(kind.replace("_", " ").capitalize(), kind)
        self.number = QSpinBox()
        self.number.setRange(0, 2_000_000_000)
        self.number.setSpecialValueText("Any number")
        self.number.setAccessibleName("Record number")
        inner = self.number.findChild(QLineEdit)
        if inner is not None:
            inner.setAccessibleName("Record number")
        self.use_dates = QCheckBox("Only betwee&n")
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        for edit, name in ((self.start_edit, "First day"), (self.end_edit, "Last day")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("d MMM yyyy")
            edit.setAccessibleName(name)
        self.search_button = QPushButton("&Search the log")
        self.csv_button = QPushButton("E&xport as CSV...")
        self.model = QStandardItemModel(0, len(HEADERS))
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Audit log entries, newest first")
        self.table.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.message = _plain("")
        self.message.setAccessibleName("Result")
        self._lay_out()
        self.person.textChanged.connect(self._find_people)
        self.search_button.clicked.connect(self.search)
        self.csv_button.clicked.connect(self._ask_export)
        self.use_dates.toggled.connect(self._dates_toggled)
        self._dates_toggled(False)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("Done &by:", self.staff)
        person_row = QHBoxLayout()
        person_row.addWidget(self.person, 1)
        person_row.addWidget(self.people, 1)
        form.addRow(_buddy("About this &person:", self.person), person_row)
        record_row = QHBoxLayout()
        record_row.addWidget(self.kind, 1)
        record_row.addWidget(self.number)
        form.addRow(_buddy("About this &record:", self.kind), record_row)
        dates = QHBoxLayout()
        dates.addWidget(self.use_dates)
        dates.addWidget(self.start_edit)
        dates.addWidget(_plain("to"))
        dates.addWidget(self.end_edit)
        dates.addStretch(1)
        form.addRow("Days:", dates)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.csv_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)

    def _dates_toggled(self, on: bool) -> None:
        self.start_edit.setEnabled(on)
        self.end_edit.setEnabled(on)

    def refresh(self) -> None:
        if not self.state.is_manager:
            self.model.removeRows(0, self.model.rowCount())
            return
        services = self.state.services
        chosen = self.staff.currentData()
        self.staff.clear()
        self.staff.addItem("Anyone", None)
        key = services.office.active_office_key()
        for member in services.staff.list_staff(key) if key else []:
            self.staff.addItem(f"{member.full_name} ({member.username})", member.id)
        index = self.staff.findData(chosen)
        self.staff.setCurrentIndex(max(index, 0))
        today = services.office.status().local_now.date()
        if not self.use_dates.isChecked():
            self.start_edit.setDate(QDate(today.year, today.month, 1))
            self.end_edit.setDate(QDate(today.year, today.month, today.day))

    def _find_people(self, text: str) -> None:
        self.people.clear()
        if not text.strip():
            return
        for contact in self.state.services.contacts().search(text, limit=20):
            self.people.addItem(f"{contact.full_name} (#{contact.id})", contact.id)

    def chosen_filter(self) -> AuditFilter:
        number = self.number.value()
        return AuditFilter(
            staff_id=self.staff.currentData(),
            contact_id=self.people.currentData() if self.person.text().strip() else None,
            entity=str(self.kind.currentData() or ""),
            entity_id=number or None,
            start=_day(self.start_edit.date()) if self.use_dates.isChecked() else None,
            end=_day(self.end_edit.date()) if self.use_dates.isChecked() else None,
        )

    def search(self) -> None:
        try:
            rows = self.state.services.audit.search(self.state.actor, self.chosen_filter())
        except ReceptionError as exc:
            self.message.setText(str(exc))
            return
        self.show_rows(rows)

    def show_rows(self, rows: list[AuditRow]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            record = row.entity.replace("_", " ") + (
                f" #{row.entity_id}" if row.entity_id is not None else ""
            )
            cells = (
                f"{row.at.astimezone(LONDON):%a %d %b %Y %H:%M}",
                row.staff_name,
                row.action.replace("_", " "),
                record,
                row.summary,
            )
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
            self.model.appendRow(items)
        self.table.resizeColumnsToContents()
        more = f" (the newest {AUDIT_LIMIT}; narrow the search for older ones)"
        self.message.setText(
            f"{len(rows)} entr{'y' if len(rows) == 1 else 'ies'} found"
            + (more if len(rows) >= AUDIT_LIMIT else "")
            + "."
        )

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the audit log", str(Path.home() / "audit-log.csv"), "CSV (*.csv)"
        )
        if name:
            self.export_to(Path(name if name.lower().endswith(".csv") else name + ".csv"))

    def export_to(self, path: Path) -> None:
        try:
            check_output_path(path, self.state.paths, self.state.services.database.file)
            count = self.state.services.audit.export_csv(
                self.state.actor, self.chosen_filter(), path
            )
        except (ReceptionError, OSError) as exc:
            self.message.setText(str(exc))
            return
        self.message.setText(f"Saved {count} entries to {path}.")


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
