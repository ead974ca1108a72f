"""Record aggressive or abusive behaviour (Hellesdon 4.2); only managers can read the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.feedback import IncidentDraft, IncidentKind
from reception_app.ui.dialogs.correspondence_dialog import local_to_qt, qt_to_local
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets import TextBox


class IncidentDialog(QDialog):
    """After ``exec()`` succeeds, ``number`` is the new incident's number."""

    def __init__(
        self,
        now: datetime,
        zone: tzinfo,
        save: Callable[[IncidentDraft], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record an incident")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save, self._zone = save, zone
        self.number: int | None = None
        note = QLabel(
            "Only managers can read the incident log. If anyone is in danger, call 999 first."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.occurred = QDateTimeEdit(local_to_qt(now, zone))
        self.occurred.setTimeZone(QTimeZone.utc())
        self.occurred.setDisplayFormat("ddd d MMM yyyy   HH:mm")
        self.occurred.setCalendarPopup(True)
        self.kind = QComboBox()
        for kind in IncidentKind:
            self.kind.addItem(kind.label, kind.value)
        self.location = QLineEdit()
        self.location.setPlaceholderText("e.g. front desk, interview room 1")
        self.person = QLineEdit()
        self.person.setPlaceholderText("A name if known, otherwise a description")
        self.staff_involved = QLineEdit()
        self.witnesses = QSpinBox()
        self.witnesses.setRange(0, 99)
        self.description = TextBox(5)
        self.action_taken = TextBox(2)
        self.police_told = QCheckBox("&Police told")
        self.police_reference = QLineEdit()
        self.police_not_told = TextBox(2)

        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(note)
        self.errors.add_row(form, "&When:", "occurred_at", self.occurred)
        self.errors.add_row(form, "W&hat:", "kind", self.kind)
        self.errors.add_row(form, "Whe&re:", "location", self.location)
        self.errors.add_row(form, "&Who:", "person", self.person)
        self.errors.add_row(form, "&Staff involved:", "staff_involved", self.staff_involved)
        self.errors.add_row(form, "Wit&nesses:", "witness_count", self.witnesses)
        self.errors.add_row(form, "What &happened:", "description", self.description)
        self.errors.add_row(form, "&Action taken:", "action_taken", self.action_taken)
        self.errors.add_row(form, "", "police_told", self.police_told)
        self.police_told.setAccessibleName("Police told")
        self.errors.add_row(form, "Police re&ference:", "police_reference", self.police_reference)
        self.errors.add_row(form, "Why &not told:", "police_not_told", self.police_not_told)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Record")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 66)
        self.police_told.toggled.connect(self._police_changed)
        self._police_changed()

    def _police_changed(self) -> None:
        told = self.police_told.isChecked()
        self.police_reference.setEnabled(told)
        self.police_not_told.setEnabled(not told)

    def draft(self) -> IncidentDraft:
        return IncidentDraft(
            occurred_at=qt_to_local(self.occurred.dateTime(), self._zone),
            kind=IncidentKind(self.kind.currentData()),
            description=self.description.toPlainText(),
            location=self.location.text(),
            person=self.person.text(),
            staff_involved=self.staff_involved.text(),
            action_taken=self.action_taken.toPlainText(),
            police_told=self.police_told.isChecked(),
            police_reference=self.police_reference.text() if self.police_told.isChecked() else "",
            police_not_told_reason=""
            if self.police_told.isChecked()
            else self.police_not_told.toPlainText(),
            witness_count=self.witnesses.value(),
        )

    def save(self) -> None:
        def run() -> None:
            self.number = self._save(self.draft())

        if self.errors.attempt(run):
            self.accept()
