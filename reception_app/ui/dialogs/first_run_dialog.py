"""First start: choose the office and create the manager account."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.people import StaffMember, suggest_username
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.field_errors import FieldErrors

CreateManager = Callable[[str, str, str, str, str], StaffMember]
"""(office key, full name, user name, password, repeat) -> the new manager."""


class FirstRunDialog(QDialog):
    def __init__(
        self, offices: dict[str, str], create: CreateManager, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Welcome to Reception")
        self._create = create
        self.manager: StaffMember | None = None

        intro = QLabel(
            "Reception is starting for the first time on this database. Choose your office and "
            "create the manager account; the manager then adds the other staff in Settings."
        )
        intro.setWordWrap(True)
        self.office = QComboBox()
        for key, name in offices.items():
            self.office.addItem(name, key)
        self.full_name = QLineEdit()
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        self.errors = FieldErrors()
        self.errors.add_row(form, "&Office:", "office", self.office)
        self.errors.add_row(form, "Your &name:", "full_name", self.full_name)
        self.errors.add_row(form, "&User name:", "username", self.username)
        self.errors.add_row(form, "&Password (8 or more characters):", "password", self.password)
        self.errors.add_row(form, "&Repeat the password:", "repeat_password", self.repeat)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create account")
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)

        # Wide enough for a one-line error message next to each field.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.errors.general)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.full_name.textEdited.connect(self._suggest_username)
        self.full_name.setFocus()

    @property
    def office_key(self) -> str:
        return str(self.office.currentData())

    def _suggest_username(self, text: str) -> None:
        if self.username.isModified():
            return
        self.username.setText(suggest_username(text))

    def _submit(self) -> None:
        def run() -> None:
            self.manager = self._create(
                self.office_key,
                self.full_name.text(),
                self.username.text(),
                self.password.text(),
                self.repeat.text(),
            )

        if self.errors.attempt(run):
            self.accept()
