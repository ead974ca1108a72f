"""One step on feedback: resolved informally, made a formal complaint, escalated, closed."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.feedback import Feedback, FeedbackAction
from reception_app.domain.people import StaffMember
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets import TextBox
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.staff_combo import staff_combo

TITLES = {
    FeedbackAction.RESOLVE_INFORMALLY: "Resolved informally",
    FeedbackAction.MAKE_FORMAL: "Make it a formal complaint",
    FeedbackAction.ESCALATE: "Escalate to a manager",
    FeedbackAction.CLOSE: "Close",
}


class FeedbackActionDialog(QDialog):
    """``save`` receives the dialog and returns the updated Feedback (kept in ``feedback``)."""

    def __init__(
        self,
        action: FeedbackAction,
        feedback: Feedback,
        staff: Sequence[StaffMember],
        save: Callable[[FeedbackActionDialog], Feedback],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.action = action
        self._save = save
        self.feedback: Feedback | None = None
        self.setWindowTitle(TITLES[action])
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.errors = FieldErrors()
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        about = QLabel(
            f"{feedback.kind.label} #{feedback.id} from {feedback.from_name or 'someone'}"
        )
        about.setTextFormat(Qt.TextFormat.PlainText)
        about.setWordWrap(True)
        # Above the form, not a form row: QFormLayout gives a spanning row its size hint's
        # height, so a long name wrapped onto three lines was cut to two.
        self.outcome = TextBox(3)
        self.outcome.setAccessibleName("Outcome")
        self.person = self._person_row(action, staff, form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _person_row(
        self, action: FeedbackAction, staff: Sequence[StaffMember], form: QFormLayout
    ) -> QComboBox:
        """The row the action asks for: the manager to escalate to, the owner of a formal
        complaint, or (no one to choose) how it was resolved."""
        if action is FeedbackAction.ESCALATE:
            people = [s for s in staff if s.is_manager and s.active]
            person = staff_combo(people, "Manager")
            self.errors.add_row(form, "&Manager:", "escalate_to", person)
        elif action is FeedbackAction.MAKE_FORMAL:
            hint = QLabel(
                "The complaint is logged on the correspondence log with the complaint clocks "
                "from today, owned by the officer chosen here (the named contact)."
            )
            hint.setWordWrap(True)
            hint.setProperty("role", "hint")
            form.addRow(hint)
            person = staff_combo(staff, "Owner", "Choose the officer")
            self.errors.add_row(form, "&Owner:", "owner", person)
        else:
            person = staff_combo((), "Nobody")
            label = (
                "&How it was resolved:"
                if action is FeedbackAction.RESOLVE_INFORMALLY
                else "&Outcome:"
            )
            self.errors.add_row(form, label, "outcome", self.outcome)
        return person

    @property
    def person_id(self) -> int | None:
        value = self.person.currentData()
        return int(value) if value is not None else None

    @property
    def outcome_text(self) -> str:
        return self.outcome.toPlainText()

    def save(self) -> None:
        def run() -> None:
            self.feedback = self._save(self)

        if self.errors.attempt(run):
            self.accept()
