"""Add or edit a staff account (managers, in Settings): details, role, team and a new password."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from reception_app.domain.errors import ValidationError
from reception_app.domain.people import Role, StaffMember, suggest_username
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel

SaveStaff = Callable[[StaffMember, str | None], StaffMember]
"""(member with id 0 for a new account, new password or None) -> the saved member."""


def password_note(member: StaffMember | None) -> str:
    """What to do with the password fields for a new account, one who signs in, or one who
    cannot sign in yet."""
    if member is None:
        return (
            "Give a password (8 or more characters) if this person will sign in at a desk. "
            "Leave it empty for someone who only receives messages."
        )
    if member.can_sign_in:
        return "Leave the password empty to keep the current one."
    return "This person cannot sign in yet: give a password to let them."


class StaffDialog(QDialog):
    """The caller passes ``save`` (StaffService.save_staff bound to the actor and office); a rule
    broken shows its message next to the field and the dialog stays open."""

    def __init__(
        self, save: SaveStaff, member: StaffMember | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle(f"Edit {member.full_name}" if member else "Add a staff member")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save = save
        self._original = member
        self.member: StaffMember | None = None

        self._build_fields(member)
        form = growing_form()
        self.errors = FieldErrors()
        self._add_rows(form)
        self.buttons, _save_button = save_cancel(self, "&Save", self.submit)
        form_column(self, self.errors, form, self.buttons)
        self.setMinimumWidth(self.fontMetrics().height() * 36)
        self._set_tab_order()
        if member is None:
            self.full_name.textEdited.connect(self._suggest_username)
        self.full_name.setFocus()

    # --- building -------------------------------------------------------------------------------

    def _build_fields(self, member: StaffMember | None) -> None:
        self.full_name = QLineEdit(member.full_name if member else "")
        self.username = QLineEdit(member.username if member else "")
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.role.setCurrentIndex(
            self.role.findData((member.role if member else Role.RECEPTIONIST).value)
        )
        self.team = QLineEdit(member.team if member else "")
        self.team_lead = QCheckBox("Team &lead (messages for the team can go to this person)")
        self.team_lead.setChecked(member.is_team_lead if member else False)
        self.phone = QLineEdit(member.phone if member else "")
        self.email = QLineEdit(member.email if member else "")
        self.active = QCheckBox("&Active (works here now; inactive people cannot sign in)")
        self.active.setChecked(member.active if member else True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_note = QLabel(password_note(member))
        self.password_note.setWordWrap(True)
        self.password_note.setProperty("role", "hint")

    def _add_rows(self, form: QFormLayout) -> None:
        add = self.errors.add_row
        add(form, "Full &name:", "full_name", self.full_name)
        add(form, "&User name:", "username", self.username)
        add(form, "&Role:", "role", self.role)
        add(form, "T&eam:", "team", self.team)
        form.addRow("", self.team_lead)
        add(form, "P&hone:", "phone", self.phone)
        add(form, "E&mail:", "email", self.email)
        form.addRow("", self.active)
        form.addRow("", self.password_note)
        add(form, "New &password:", "password", self.password)
        add(form, "Repeat the pass&word:", "repeat_password", self.repeat)

    def _set_tab_order(self) -> None:
        order = [
            self.full_name,
            self.username,
            self.role,
            self.team,
            self.team_lead,
            self.phone,
            self.email,
            self.active,
            self.password,
            self.repeat,
            self.buttons,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _suggest_username(self, text: str) -> None:
        if not self.username.isModified():
            self.username.setText(suggest_username(text))

    def value(self) -> StaffMember:
        original = self._original
        return StaffMember(
            id=original.id if original else 0,
            username=self.username.text(),
            full_name=self.full_name.text(),
            role=Role(self.role.currentData()),
            team=self.team.text(),
            is_team_lead=self.team_lead.isChecked(),
            phone=self.phone.text(),
            email=self.email.text(),
            active=self.active.isChecked(),
            can_sign_in=original.can_sign_in if original else False,
        )

    def submit(self) -> None:
        self.errors.clear()
        password = self.password.text()
        if password != self.repeat.text():
            self.errors.show(
                ValidationError("The two passwords are not the same.", "repeat_password")
            )
            return

        def run() -> None:
            self.member = self._save(self.value(), password or None)

        if self.errors.attempt(run):
            self.accept()
