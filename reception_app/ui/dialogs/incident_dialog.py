"""Record aggressive or abusive behaviour (Hellesdon 4.2); only managers can read the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from reception_app.domain.feedback import IncidentDraft, IncidentKind
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.date_fields import date_time_edit, local_to_qt, qt_to_local
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel
from reception_app.ui.widgets.text_box import TextBox


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
        fit_when_shown(self)
        self.setWindowTitle("Record an incident")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save, self._zone = save, zone
        self.number: int | None = None
        note = QLabel(
            "Only managers can read the incident log. If anyone is in danger, call 999 first."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self._build_fields(now)
        self.errors = FieldErrors()
        form = self._build_form(note)
        buttons, self.save_button = save_cancel(self, "&Record", self.save)
        form_column(self, self.errors, form, buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 66)
        self.police_told.toggled.connect(self._police_changed)
        self._police_changed()

    def _build_fields(self, now: datetime) -> None:
        self.occurred = date_time_edit(local_to_qt(now, self._zone))
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

    def _build_form(self, note: QLabel) -> QFormLayout:
        form = growing_form()
        form.addRow(note)
        add = self.errors.add_row
        add(form, "&When:", "occurred_at", self.occurred)
        add(form, "&Kind:", "kind", self.kind)
        add(form, "Wher&e:", "location", self.location)
        add(form, "Wh&o:", "person", self.person)
        add(form, "&Staff involved:", "staff_involved", self.staff_involved)
        add(form, "W&itnesses:", "witness_count", self.witnesses)
        add(form, "What &happened:", "description", self.description)
        add(form, "&Action taken:", "action_taken", self.action_taken)
        add(form, "", "police_told", self.police_told)
        self.police_told.setAccessibleName("Police told")
        add(form, "Police re&ference:", "police_reference", self.police_reference)
        add(form, "Why &not told:", "police_not_told", self.police_not_told)
        return form

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
