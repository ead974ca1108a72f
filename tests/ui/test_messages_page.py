"""The Messages page: take a message by keyboard, check fields as typed, the inbox and its actions."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from reception_app.domain.messages import CallbackOutcome, MessageDraft
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.message_action_dialog import CALLBACK, REASSIGN
from reception_app.ui.dialogs.message_dialog import MessageDialog
from reception_app.ui.models.message_table_model import MessageTableModel
from reception_app.ui.pages.messages_page import MessagesPage
from tests.conftest import FixedClock

Staff = dict[str, StaffMember]


def shot(widget: QWidget, name: str) -> None:
    """Save a picture to look at when RECEPTION_SHOTS names a folder."""
    folder = os.environ.get("RECEPTION_SHOTS")
    if folder:
        widget.grab().save(os.path.join(folder, f"{name}.png"))


def _page(qtbot, state: DeskState) -> MessagesPage:  # type: ignore[no-untyped-def]
    page = MessagesPage(state)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _rows(page: MessagesPage) -> list[list[str]]:
    model = page.model
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_take_a_message_with_the_keyboard_only(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    state.actor = colleagues["Rita"]
    page = _page(qtbot, state)
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.recipient  # the first thing typed is for whom
    assert dialog.due.text() == "Wed 25 Nov 2026 (in 1 working day)"
    # Type-ahead: part of the name picks the colleague.
    qtbot.keyClicks(dialog.recipient.lineEdit(), "Tom Reed (Planning)")
    qtbot.keyClick(dialog.recipient.lineEdit(), Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.caller_name, "Mrs Ana Nowak")
    qtbot.keyClick(dialog.caller_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.caller_phone, "12345")
    dialog.caller_phone.editingFinished.emit()  # leaving the field (no focus offscreen)
    # Checked on leaving the field, before anything is saved.
    assert "not a valid phone number" in dialog.errors.message_for("caller_phone")
    shot(dialog, "message-dialog-bad-phone")
    dialog.caller_phone.setFocus()
    dialog.caller_phone.selectAll()
    qtbot.keyClicks(dialog.caller_phone, "01603301751")
    assert dialog.errors.message_for("caller_phone") == ""  # cleared as it is corrected
    dialog.caller_phone.editingFinished.emit()
    assert dialog.caller_phone.text() == "01603 301751"  # formatted on leaving
    dialog.caller_email.setText("ana@")
    dialog.caller_email.editingFinished.emit()
    assert "not an email address" in dialog.errors.message_for("caller_email")
    dialog.caller_email.clear()
    dialog.caller_email.editingFinished.emit()
    qtbot.keyClicks(dialog.subject, "Hedge <b>height</b> ")
    dialog.subject.insert("🌳")  # QTest cannot type characters outside the BMP
    dialog.body.setPlainText("Line one & <i>two</i>\n\nThree 😀")
    assert dialog.body_count.text() == f"{len(dialog.body.toPlainText())} of 5000 characters"
    shot(dialog, "message-dialog")
    qtbot.keyClick(dialog.body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message is not None and dialog.result() == MessageDialog.DialogCode.Accepted
    assert dialog.message.subject == "Hedge <b>height</b> 🌳"
    assert dialog.message.body == "Line one & <i>two</i>\n\nThree 😀"


def test_bad_input_keeps_the_dialog_open_with_the_text(
    qtbot,
    state: DeskState,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    page = _page(qtbot, state)
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    dialog.recipient.setEditText("Gone Away")
    dialog.caller_name.setText("Ana")
    dialog.caller_phone.setText("01603 301751")
    dialog.subject.setText("Bins")
    dialog.body.setPlainText("x" * 5001)
    dialog.save()
    assert "Nobody called 'Gone Away'" in dialog.errors.message_for("recipient")
    dialog.recipient.setEditText("Tom Reed (Planning)")
    dialog.save()
    assert "too long (5001 characters; at most 5000)" in dialog.errors.message_for("body")
    assert dialog.message is None and len(dialog.body.toPlainText()) == 5001
    dialog.show()
    shot(dialog, "message-dialog-too-long")


def test_inbox_read_call_back_pass_on_and_confidential(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom, olu = colleagues["Rita"], colleagues["Tom"], colleagues["Olu"]
    messages = services.messages()
    first = messages.take(
        rita,
        MessageDraft("Ana Nowak", "Hedge", "Ring <b>me</b>", tom.id, caller_phone="01603 301751"),
    )
    messages.take(
        rita,
        MessageDraft(
            "Secret caller",
            "Benefit fraud",
            "Private",
            tom.id,
            caller_phone="01603 301751",
            confidential=True,
        ),
    )
    state.actor = tom
    page = _page(qtbot, state)
    assert page.view.currentData() == "inbox"
    assert len(_rows(page)) == 2 and all("Unread" in r[5] for r in _rows(page))
    page._select(first.id)
    assert "Ring <b>me</b>" in page.detail.toPlainText()
    shot(page, "messages-inbox")
    page.toggle_read()  # Ctrl+R (shortcuts need an active window, which offscreen has not)
    assert page.current_message() is not None and not page.current_message().is_unread  # type: ignore[union-attr]

    dialog = page.action_dialog(CALLBACK, page.current_message())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(CallbackOutcome.NO_ANSWER.value))
    assert not dialog.close_too.isEnabled()
    dialog.note.setPlainText("Rang at 11")
    dialog.save()
    assert dialog.message is not None and len(dialog.message.attempts) == 1
    page.refresh_messages(first.id)
    assert "1 call-back attempt" in _rows(page)[page.model.row_where(lambda m: m.id == first.id)][5]  # type: ignore[index]

    dialog = page.action_dialog(REASSIGN, page.current_message())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.recipient.setEditText("Olu Jones")
    dialog.save()
    assert dialog.message is not None and dialog.message.recipient_name == "Olu Jones"

    # The receptionist's list shows the confidential one without its text.
    state.actor = rita
    page.view.setCurrentIndex(page.view.findData("open"))
    page.refresh_messages()
    subjects = [r[3] for r in _rows(page)]
    assert "Confidential message" in subjects and "Benefit fraud" not in subjects
    secret_row = subjects.index("Confidential message")
    page._select(page.model.row_value(secret_row).id)
    assert "Private" not in page.detail.toPlainText()
    assert not page.callback_button.isEnabled()
    assert olu.id in [m.recipient_id for m in page.model.values()]


def test_overdue_messages_are_flagged_as_escalated(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom, priya = colleagues["Rita"], colleagues["Tom"], colleagues["Priya"]
    services.messages().take(
        rita, MessageDraft("Ana", "Hedge", "", tom.id, caller_phone="01603 301751")
    )
    clock.now = datetime(2026, 11, 27, 10, 0, tzinfo=UTC)
    state.actor = priya
    page = _page(qtbot, state)
    page.view.setCurrentIndex(page.view.findData("escalated_to_me"))
    page.refresh_messages()
    rows = _rows(page)
    assert len(rows) == 1
    assert rows[0][4] == "Wed 25 Nov 2026 (overdue by 2 working days)"
    assert "Overdue: escalated to Priya Shah" in rows[0][5]
    index = page.model.index(0, 0)
    assert index.data(Qt.ItemDataRole.FontRole).bold()
    shot(page, "messages-escalated")


def test_the_message_model_passes_the_model_tester(
    qtmodeltester,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    rows = [
        services.messages().take(
            rita,
            MessageDraft(f"Caller {n}", f"Subject {n}", "", tom.id, caller_phone="01603 301751"),
        )
        for n in range(3)
    ]
    model = MessageTableModel()
    model.set_rows(rows)
    model.sort(MessageTableModel.CALLER, Qt.SortOrder.DescendingOrder)
    assert [m.caller_name for m in model.values()] == ["Caller 2", "Caller 1", "Caller 0"]
    model.set_filter("caller 1")
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_the_sidebar_counts_unread_messages_and_announces_a_new_one(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.ui.main_window import MESSAGES_PAGE, MainWindow

    rita, margaret = colleagues["Rita"], colleagues["Margaret"]
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1200, 780)
    window.show()
    assert window.sidebar.item(MESSAGES_PAGE).text() == "Messages"
    services.messages().take(
        rita,
        MessageDraft("Ana Nowak", "Budget papers", "", margaret.id, caller_phone="01603 301751"),
    )
    window.refresh_status()  # every 30 s, and after anything is saved
    assert window.sidebar.item(MESSAGES_PAGE).text() == "Messages (1)"
    assert (
        window.statusBar()
        .currentMessage()
        .startswith("New message for you from Ana Nowak: Budget papers")
    )
    shot(window, "main-window-new-message")
    window.statusBar().clearMessage()
    window.refresh_status()
    assert window.statusBar().currentMessage() == ""  # announced once
    page = window.page(MESSAGES_PAGE)
    assert isinstance(page, MessagesPage)
    page.refresh()
    page._select(page.model.values()[0].id)
    page.toggle_read()
    window.refresh_status()
    assert window.sidebar.item(MESSAGES_PAGE).text() == "Messages"
