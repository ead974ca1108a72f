"""Taking a message: the caller can be texted when they will be called back, where the office
texts; a landline is said next to the phone field and nothing is lost."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.messages_page import MessagesPage
from tests.notify_fixtures import NotifyOffice


def _dialog(qtbot, state: DeskState):  # type: ignore[no-untyped-def]
    page = MessagesPage(state)
    qtbot.addWidget(page)
    page.refresh()
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    return dialog


def test_the_caller_is_texted_when_they_agree(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: dict[str, StaffMember],
    notify: NotifyOffice,
    tmp_path,
) -> None:  # type: ignore[no-untyped-def]
    state.actor = colleagues["Rita"]
    dialog = _dialog(qtbot, state)
    dialog.resize(1366, 768)
    dialog.show()
    assert dialog.text_confirmation.isVisibleTo(dialog)
    dialog.recipient.setEditText("Tom Reed (Planning)")
    dialog.caller_name.setText("Ana Nowak")
    dialog.caller_phone.setText("01603 301751")
    dialog.subject.setText("Bins")
    dialog.text_confirmation.setChecked(True)
    dialog.save()
    assert "needs their mobile" in dialog.errors.message_for("caller_phone")
    assert dialog.message is None and dialog.subject.text() == "Bins"
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "message_text_landline.png"))
    dialog.caller_phone.setText("07700 900123")
    dialog.save()
    assert dialog.message is not None
    (queued,) = services.notifications().about("message", dialog.message.id)
    assert queued.recipient == "+447700900123"
    dialog.callback.setChecked(False)
    assert not dialog.text_confirmation.isEnabled()


def test_no_text_offered_where_the_office_does_not_text(
    qtbot, state: DeskState, colleagues: dict[str, StaffMember]
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state)
    dialog.show()
    assert not dialog.text_confirmation.isVisibleTo(dialog)
