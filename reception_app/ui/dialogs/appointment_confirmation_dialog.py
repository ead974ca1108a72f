"""What a confirmation letter says, read-only, for reading out on the phone.

Date, time, officer, where, directions, what to bring and how to cancel.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.ui.application_events import fit_when_shown

ROWS = (
    ("customer_name", "Customer"),
    ("service", "About"),
    ("date", "Date"),
    ("time", "Time"),
    ("end_time", "Until"),
    ("officer", "Officer"),
    ("where", "Where to go"),
    ("directions", "How to get there"),
    ("what_to_bring", "What to bring"),
    ("needs", "Needs arranged"),
    ("how_to_cancel", "How to cancel"),
)


def details_text(details: dict[str, str]) -> str:
    """The details as 'Label: value' lines (for the clipboard and screen readers)."""
    return "\n".join(f"{label}: {details[key]}" for key, label in ROWS if details.get(key))


class ConfirmationDetailsDialog(QDialog):
    def __init__(self, details: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.details = details
        self.setWindowTitle("Confirmation letter details")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        intro = QLabel(
            "What the confirmation letter will tell the customer. Read it to them on the phone, "
            "or copy it; printing comes with the letters."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        form = QFormLayout()
        for key, label in ROWS:
            value = details.get(key, "")
            if not value:
                continue
            text = QLabel(value)
            text.setWordWrap(True)
            text.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            text.setAccessibleName(label)
            form.addRow(f"{label}:", text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton("&Copy")
        copy.setAutoDefault(False)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)

    def text(self) -> str:
        return details_text(self.details)

    def copy(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.text())
