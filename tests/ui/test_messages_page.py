"""The Messages page: take a message by keyboard, check fields as typed, the inbox and its actions."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from reception_app.domain.messages import CallbackOutcome, MessageDraft
from reception_app.domain.people import Contact, StaffMember
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
    assert "'12345' is not a valid phone number: it has 5 digits" in dialog.errors.message_for(
        "caller_phone"
    )
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


def tab_chain(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab visits from ``start`` (what focusNextChild would choose, in turn)."""
    chain = [start]
    widget = start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        tabbable = widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        if tabbable and widget.isVisibleTo(start.window()) and widget.isEnabled():
            if widget.focusProxy() is None:
                chain.append(widget)
    return chain


def _contacts(state: DeskState) -> dict[str, Contact]:
    contacts = state.services.contacts()
    people = [
        Contact(None, "Ana Nowak", "01603 301751", "ana@example.co.uk", postcode="NR6 5QB"),
        Contact(None, "Anil Patel", "07911 123456", postcode="NR6 6AB"),
    ]
    return {c.full_name.split()[0]: contacts.save(c, state.actor) for c in people}


def _when_modal(qtbot, act: Callable[[QWidget], None], tries: int = 100) -> None:  # type: ignore[no-untyped-def]
    """Run ``act`` once on the next modal dialog when it is open (exec() blocks the test)."""

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            act(dialog)
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))


def test_find_a_stored_contact_to_fill_and_link_the_caller(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    state.actor = colleagues["Rita"]
    people = _contacts(state)
    page = _page(qtbot, state)
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    finder = dialog.finder
    assert finder is not None
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)}
    assert labels["F&ind contact:"] is finder  # Alt+I; its focus goes to the search box
    assert finder.focusProxy() is finder.line and finder.new_button.text() == "Ne&w contact..."
    # Tab order: For, Find contact, New contact..., then the caller's name.
    assert tab_chain(dialog.recipient.lineEdit(), 4) == [
        dialog.recipient.lineEdit(),
        finder.line,
        finder.new_button,
        dialog.caller_name,
    ]
    qtbot.keyClicks(dialog.recipient.lineEdit(), "Tom Reed (Planning)")
    # Type-ahead by postcode: the list appears after a short pause.
    qtbot.keyClicks(finder.line, "nr6")
    qtbot.waitUntil(lambda: finder.matches.count() == 2 and finder.matches.isVisible())
    assert finder.matches.item(0).text() == "Ana Nowak · 01603 301751 · NR6 5QB"
    shot(dialog, "message-dialog-contact-matches")
    # Down goes into the list, Down again to the second, Enter picks it (and does not save).
    qtbot.keyClick(finder.line, Qt.Key.Key_Down)
    assert finder.matches.currentRow() == 0
    qtbot.keyClick(finder.matches, Qt.Key.Key_Down)
    qtbot.keyClick(finder.matches, Qt.Key.Key_Return)
    assert dialog.caller_name.text() == "Anil Patel" and dialog.contact_id == people["Anil"].id
    assert dialog.caller_phone.text() == "07911 123456" and dialog.caller_email.text() == ""
    assert dialog.message is None and dialog.isVisible()
    # Picking another (Enter in the box picks the first match) replaces what the first pick put
    # in; the email typed by hand would be kept.
    finder.line.clear()
    qtbot.keyClicks(finder.line, "01603 301751")
    qtbot.keyClick(finder.line, Qt.Key.Key_Return)
    assert dialog.caller_name.text() == "Ana Nowak" and dialog.contact_id == people["Ana"].id
    assert dialog.caller_phone.text() == "01603 301751"
    assert dialog.caller_email.text() == "ana@example.co.uk"
    assert not finder.matches.isVisible()
    assert finder.note.text() == "Linked to the contact Ana Nowak."
    dialog.subject.setText("Bin collection <missed> 🗑")
    shot(dialog, "message-dialog-contact-linked")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.message is not None and dialog.message.contact_id == people["Ana"].id
    assert dialog.message.caller_email == "ana@example.co.uk"
    # The list shows the contact's name as it is now, after a correction.
    contacts = services.contacts()
    contacts.save(replace(people["Ana"], full_name="Anna Nowak-Smith"), state.actor)
    page.refresh()
    assert any("Anna Nowak-Smith" in row for row in _rows(page))


def test_typing_over_the_name_drops_the_link_and_nothing_matches_is_said(
    qtbot,
    state: DeskState,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    state.actor = colleagues["Rita"]
    people = _contacts(state)
    page = _page(qtbot, state)
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    finder = dialog.finder
    assert finder is not None
    # A number typed before picking is kept; the stored one goes to "Other phone".
    dialog.caller_phone.setText("01603 301752")
    qtbot.keyClicks(finder.line, "Ana")
    qtbot.keyClick(finder.line, Qt.Key.Key_Return)
    assert dialog.caller_phone.text() == "01603 301752"
    assert dialog.caller_phone_other.text() == "01603 301751"
    assert dialog.contact_id == people["Ana"].id
    qtbot.keyClicks(dialog.caller_name, " Jr")
    assert dialog.contact_id is None and dialog.contact is None
    assert "No longer linked to Ana Nowak" in finder.note.text()
    finder.line.clear()
    qtbot.keyClicks(finder.line, "Zebedee <b>")
    qtbot.keyClick(finder.line, Qt.Key.Key_Return)
    assert finder.matches.count() == 0 and dialog.message is None
    assert finder.note.text() == (
        "No contact matches 'Zebedee <b>'. Carry on without one, or add a new contact."
    )
    dialog.recipient.setEditText("Tom Reed (Planning)")
    dialog.subject.setText("Hedge")
    dialog.save()
    assert dialog.message is not None and dialog.message.contact_id is None
    assert dialog.message.caller_name == "Ana Nowak Jr"


def test_new_contact_from_the_message_dialog_is_prefilled_and_linked(
    qtbot,
    state: DeskState,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.ui.dialogs.contact_dialog import ContactDialog

    state.actor = colleagues["Rita"]
    page = _page(qtbot, state)
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    finder = dialog.finder
    assert finder is not None
    dialog.caller_name.setText("Łucja Wiśniewska")
    dialog.caller_email.setText("lucja@example.co.uk")
    qtbot.keyClicks(finder.line, "nr65qb")
    seen: dict[str, str] = {}

    def fill(new: QWidget) -> None:
        assert isinstance(new, ContactDialog)
        seen.update(
            title=new.windowTitle(),
            name=new.full_name.text(),
            email=new.email.text(),
            postcode=new.postcode.text(),
        )
        new.phone.setText("01603 301799")
        shot(new, "message-dialog-new-contact")
        new.submit()

    _when_modal(qtbot, fill)
    finder.new_button.click()
    assert seen == {
        "title": "Add a contact",
        "name": "Łucja Wiśniewska",
        "email": "lucja@example.co.uk",
        "postcode": "NR6 5QB",
    }
    found = state.services.contacts().search("Łucja")
    assert len(found) == 1 and dialog.contact_id == found[0].id
    assert dialog.caller_phone.text() == "01603 301799"  # filled from the new contact
    dialog.recipient.setEditText("Tom Reed (Planning)")
    dialog.subject.setText("Allotment")
    dialog.save()
    assert dialog.message is not None and dialog.message.contact_id == found[0].id


def test_a_contact_removed_meanwhile_is_explained_next_to_the_finder(
    qtbot,
    state: DeskState,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    state.actor = colleagues["Rita"]
    page = _page(qtbot, state)
    dialog = page.message_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.finder is not None
    ghost = Contact(999_999, "Ghost Caller", "01603 301751")
    dialog.use_contact(ghost)
    dialog.recipient.setEditText("Tom Reed (Planning)")
    dialog.subject.setText("Hedge")
    dialog.save()
    assert dialog.message is None
    assert "not on this office's contact list" in dialog.errors.message_for("contact_id")
    assert dialog.caller_name.text() == "Ghost Caller"  # nothing typed is lost
    shot(dialog, "message-dialog-contact-gone")


def cut_off(root: QWidget) -> list[str]:
    """Texts of visible labels, buttons, check boxes and boxes that do not get the room they
    need (too narrow for one line, too short for their wrapped lines, squashed boxes)."""
    short: list[str] = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.width() <= 0:
            continue
        if widget.hasFocus():
            continue  # the high-contrast focus outline is 1px thicker than the box's own
        if isinstance(widget, QLabel) and widget.text():
            if widget.wordWrap():
                if widget.height() + 1 < widget.heightForWidth(widget.width()):
                    short.append(widget.text())
            elif widget.width() + 1 < widget.sizeHint().width():
                short.append(widget.text())
        elif isinstance(widget, (QPushButton, QCheckBox)) and widget.text():
            if widget.width() + 1 < widget.sizeHint().width():
                short.append(widget.text())
        elif isinstance(widget, (QLineEdit, QComboBox)) and not isinstance(
            widget.parent(),
            QComboBox,  # a combo's own box is drawn without a frame
        ):
            if widget.height() + 1 < widget.minimumSizeHint().height():
                short.append(widget.accessibleName())
    return short


def test_large_text_and_high_contrast_leave_nothing_cut_off(
    qtbot,
    qapp,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.ui.theme import Theme

    state.actor = colleagues["Rita"]
    _contacts(state)
    services.messages().take(
        state.actor,
        MessageDraft(
            "Mrs Ana Nowak",
            "Hedge <b>height</b> 🌳",
            "Please ring back",
            recipient_id=colleagues["Tom"].id,
            caller_phone="01603 301751",
        ),
    )
    from reception_app.domain.correspondence import CorrespondenceDraft

    services.correspondence().log(
        state.actor,
        CorrespondenceDraft(
            "foi",
            datetime(2026, 11, 23, 9, 0, tzinfo=UTC),
            "Mrs Ana Nowak",
            "Hedge <b>height</b> 🌳",
            colleagues["Tom"].id,
        ),
    )
    theme = Theme(qapp)
    theme.apply(high_contrast=True, large_text=True)
    state.machine.high_contrast = state.machine.large_text = True
    try:
        page = _page(qtbot, state)
        shot(page, "messages-large-contrast")
        assert cut_off(page) == []
        dialog = page.message_dialog()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.finder is not None
        qtbot.keyClicks(dialog.finder.line, "nr6")
        dialog.finder.search()
        dialog.caller_phone.setText("12345")
        dialog.caller_phone.editingFinished.emit()
        qtbot.wait(10)
        shot(dialog, "message-dialog-large-contrast")
        assert cut_off(dialog) == []
        qtbot.keyClick(dialog.finder.line, Qt.Key.Key_Return)
        qtbot.wait(10)
        shot(dialog, "message-dialog-large-contrast-linked")
        assert cut_off(dialog) == []
        # The number typed wrong before picking keeps its message; the stored one is in Other.
        assert "'12345' is not a valid phone number: it has 5 digits" in dialog.errors.message_for(
            "caller_phone"
        )
        assert dialog.caller_phone_other.text() == "01603 301751"
        assert dialog.height() <= dialog.sizeHint().height() + 1  # no empty band left behind
        # The correspondence page and its dialog, in the same settings.
        from tests.ui.test_correspondence_page import _page as correspondence_page

        log_page = correspondence_page(qtbot, state)
        shot(log_page, "correspondence-large-contrast")
        assert cut_off(log_page) == []
        log = log_page.log_dialog()
        qtbot.addWidget(log)
        log.show()
        qtbot.waitExposed(log)
        assert log.finder is not None
        qtbot.keyClicks(log.finder.line, "an")
        log.finder.search()
        log.from_email.setText("ana@")
        log.from_email.editingFinished.emit()
        qtbot.wait(10)
        shot(log, "correspondence-dialog-large-contrast")
        assert cut_off(log) == []
    finally:
        theme.apply(high_contrast=False, large_text=False)


def test_a_message_announced_before_the_window_shows_does_not_overlap_the_office_status(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    """At start-up the newest unread message is announced while the window is still hidden;
    once shown, the office status line must give way to it, not be drawn under it."""
    from reception_app.ui.main_window import MainWindow

    services.messages().take(
        colleagues["Rita"],
        MessageDraft(
            "Ana Nowak", "Budget papers", "", colleagues["Margaret"].id, caller_phone="01603 301751"
        ),
    )
    window = MainWindow(state)
    qtbot.addWidget(window)
    assert window.statusBar().currentMessage().startswith("New message for you")
    window.show()
    qtbot.waitExposed(window)
    assert window.statusBar().currentMessage().startswith("New message for you")
    assert not window.office_status.isVisible()
    window.statusBar().clearMessage()
    assert window.office_status.isVisible()  # back once the notice goes
