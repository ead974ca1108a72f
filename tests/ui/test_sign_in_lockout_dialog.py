"""The sign-in dialog says, in words, that a user name must wait (issue 12)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.dialogs.sign_in_dialog import SignInDialog
from tests.conftest import MANAGER_PASSWORD


def test_the_sixth_try_is_refused_in_words_even_with_the_right_password(  # type: ignore[no-untyped-def]
    qtbot, services: AppServices, manager: StaffMember
) -> None:
    dialog = SignInDialog(
        "Hellesdon", services.staff.sign_in_names(), services.staff.sign_in, preselect="mclerk"
    )
    qtbot.addWidget(dialog)
    for n in range(5):
        dialog.password.setText(f"guess {n}")
        dialog._submit()
    dialog.password.setText(MANAGER_PASSWORD)
    dialog._submit()
    assert dialog.member is None
    said = dialog.errors.message_for("password") or ""
    assert said.startswith("Too many wrong passwords for this user name. Try again in 5 minutes")
    assert "ask a manager to unlock it in Settings > Staff" in said
    error_labels = [w for w in dialog.findChildren(type(dialog.errors.general)) if w.text() == said]
    assert error_labels and all(w.textFormat() == Qt.TextFormat.PlainText for w in error_labels)
