"""Sign in at the desk, and unlock it after it locked itself."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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

from reception_app.domain.people import StaffMember
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.theme import scaled_font
from reception_app.ui.widgets.field_errors import FieldErrors

SignIn = Callable[[str, str], StaffMember]


def lock_note(locked_user: str | None, locked_idle: bool) -> str:
    """What the sign-in screen says: why the desk is locked, if it is."""
    if not locked_user:
        return "Sign in to use the desk."
    if locked_idle:
        return "This desk locked itself because it was not used for a while. Sign in to carry on."
    return "The desk is locked. Sign in to carry on."


class SignInDialog(QDialog):
    """Staff member and password; in lock mode it starts on the person who was signed in."""

    def __init__(
        self,
        office_name: str,
        people: list[tuple[str, str]],
        sign_in: SignIn,
        locked_user: str | None = None,
        preselect: str | None = None,
        parent: QWidget | None = None,
        locked_idle: bool = False,
    ) -> None:
        """``locked_user``: the desk was locked (by hand, or with ``locked_idle`` because it
        was not used for the time set in Settings); the screen says which."""
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Reception - sign in")
        self._sign_in = sign_in
        self.member: StaffMember | None = None

        heading = QLabel(office_name)
        heading.setFont(scaled_font(self.font(), 1.4, bold=True))
        note = QLabel(lock_note(locked_user, locked_idle))
        self.note = note
        note.setWordWrap(True)
        self.person = QComboBox()
        for username, name in people:
            self.person.addItem(f"{name} ({username})", username)
        chosen = locked_user or preselect
        if chosen:
            self.person.setCurrentIndex(max(0, self.person.findData(chosen)))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        self.errors = FieldErrors()
        self.errors.add_row(form, "&Staff member:", "username", self.person)
        self.errors.add_row(form, "&Password:", "password", self.password)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Close Reception")
        buttons.accepted.connect(self._submit)
        buttons.rejected.connect(self.reject)

        # Wide enough for a one-line error message next to each field.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.password.setFocus()

    def _submit(self) -> None:
        def run() -> None:
            self.member = self._sign_in(str(self.person.currentData()), self.password.text())

        if self.errors.attempt(run):
            self.accept()
        else:
            self.password.clear()
