"""The outcome of a visit: resolved at first contact, or who follows it up and by when."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.people import StaffMember
from reception_app.domain.visits import Visit
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.forms import FieldErrors

SaveOutcome = Callable[[bool, int | None, date | None], Visit]
"""(resolved, follow-up officer id, target date) -> the visit as saved (mark_served bound)."""


class OutcomeDialog(QDialog):
    """The caller passes ``save``; a rule broken shows next to its field and the dialog stays
    open. After ``exec()`` succeeds, ``visit`` is the finished Visit."""

    def __init__(
        self,
        ticket: str,
        officers: Sequence[StaffMember],
        today: date,
        save: SaveOutcome,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle(f"{ticket} served")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save = save
        self.visit: Visit | None = None

        self.resolved_yes = QRadioButton("&Yes, resolved at first contact")
        self.resolved_no = QRadioButton("&No, someone will follow it up")
        self.resolved_yes.setChecked(True)
        self.officer = QComboBox()
        self.officer.addItem("Choose the officer", None)
        for member in officers:
            if member.active:
                self.officer.addItem(member.full_name, member.id)
        # One day before today stands for "not chosen yet": the customer agrees the date.
        self._unset = QDate(today.year, today.month, today.day).addDays(-1)
        self.target = QDateEdit()
        self.target.setCalendarPopup(True)
        self.target.setDisplayFormat("ddd d MMM yyyy")
        self.target.setMinimumDate(self._unset)
        self.target.setSpecialValueText("Choose the date agreed")
        self.target.setDate(self._unset)

        self.errors = FieldErrors()
        form = QFormLayout()
        question = QLabel(f"Was {ticket}'s enquiry resolved at first contact?")
        question.setWordWrap(True)
        form.addRow(question)
        form.addRow(self.resolved_yes)
        form.addRow(self.resolved_no)
        self.errors.add_row(form, "Follow-up &officer:", "follow_up_officer_id", self.officer)
        self.errors.add_row(form, "&Target date:", "follow_up_target", self.target)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save outcome")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 56)

        self.resolved_yes.toggled.connect(self._follow_up_needed)
        self._follow_up_needed()

    def _follow_up_needed(self) -> None:
        needed = self.resolved_no.isChecked()
        self.officer.setEnabled(needed)
        self.target.setEnabled(needed)

    @property
    def resolved(self) -> bool:
        return self.resolved_yes.isChecked()

    @property
    def officer_id(self) -> int | None:
        value = self.officer.currentData()
        return int(value) if value is not None else None

    @property
    def target_date(self) -> date | None:
        chosen = self.target.date()
        if chosen == self._unset:
            return None
        return date(chosen.year(), chosen.month(), chosen.day())

    def save(self) -> None:
        def run() -> None:
            self.visit = self._save(self.resolved, self.officer_id, self.target_date)

        if self.errors.attempt(run):
            self.accept()
