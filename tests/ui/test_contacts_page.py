"""Contacts: adding through the dialog by keyboard, checks shown in place, search as you type."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from reception_app.domain.people import Contact, ContactNeeds, PreferredFormat
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.contact_dialog import ContactDialog
from reception_app.ui.models.contact_table_model import ContactTableModel
from reception_app.ui.pages.contacts_page import ContactsPage


@pytest.fixture
def page(qtbot, state: DeskState) -> ContactsPage:  # type: ignore[no-untyped-def]
    widget = ContactsPage(state)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    return widget


def _dialog(qtbot, page: ContactsPage, contact: Contact | None = None) -> ContactDialog:  # type: ignore[no-untyped-def]
    dialog = page.contact_dialog(contact)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    # Focus-out, and so the check on leaving a field, only happens in the active window.
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _type_and_tab(qtbot, dialog: ContactDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into whatever has the focus, then Tab on, as a receptionist would."""
    focused = dialog.focusWidget()
    assert focused is not None
    qtbot.keyClicks(focused, text)
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def _press_enter(qtbot, dialog: ContactDialog) -> None:  # type: ignore[no-untyped-def]
    """Enter in a one-line field: Save is the dialog's default button (in the address or notes,
    Enter starts a new line instead)."""
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Return)


def _saved(services: AppServices) -> list[Contact]:
    return services.contacts().search("")


def test_add_a_contact_by_keyboard(qtbot, page: ContactsPage, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, page)
    assert dialog.focusWidget() is dialog.full_name
    _type_and_tab(qtbot, dialog, "Ann O'Brien")
    assert dialog.focusWidget() is dialog.phone
    _type_and_tab(qtbot, dialog, "01603301751")
    assert dialog.phone.text() == "01603 301751"  # tidied as the receptionist moved on
    _type_and_tab(qtbot, dialog, "ann@example.co.uk")
    assert dialog.focusWidget() is dialog.address
    qtbot.keyClicks(dialog.address, "1 Woodview Road")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.address, "Hellesdon")
    qtbot.keyClick(dialog.address, Qt.Key.Key_Tab)  # Tab leaves the address, not a tab character
    assert dialog.focusWidget() is dialog.postcode
    _type_and_tab(qtbot, dialog, "nr65qb")
    assert dialog.postcode.text() == "NR6 5QB"
    assert dialog.focusWidget() is dialog.preferred_format
    qtbot.keyClick(dialog.preferred_format, Qt.Key.Key_Down)  # Standard print -> Large print
    assert dialog.preferred_format.currentData() == PreferredFormat.LARGE_PRINT.value
    assert dialog.large_print_size.currentData() == 18  # the recommended size is chosen for them
    dialog.hearing_loop.setFocus()
    qtbot.keyClick(dialog.hearing_loop, Qt.Key.Key_Space)
    _press_enter(qtbot, dialog)

    assert dialog.result() == QDialog.DialogCode.Accepted
    [saved] = _saved(services)
    assert saved == dialog.contact
    assert saved.full_name == "Ann O'Brien" and saved.phone == "01603 301751"
    assert saved.address == ("1 Woodview Road", "Hellesdon") and saved.postcode == "NR6 5QB"
    assert saved.needs.labels() == ["Large print 18 pt", "Hearing loop"]


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("postcode", "NR6 5Q", "'NR6 5Q' is not a UK postcode. It should look like NR6 5QB."),
        ("phone", "0160", "'0160' is not a valid phone number: it has 4 digits; UK numbers"),
        ("email", "ann@example", "'ann@example' is not an email address."),
    ],
)
def test_a_wrong_detail_is_explained_next_to_its_field_and_nothing_is_saved(
    qtbot,
    page: ContactsPage,
    services: AppServices,
    field: str,
    typed: str,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    dialog = _dialog(qtbot, page)
    qtbot.keyClicks(dialog.full_name, "Ann O'Brien")
    line_edit = getattr(dialog, field)
    line_edit.setFocus()
    qtbot.keyClicks(line_edit, typed)
    qtbot.keyClick(line_edit, Qt.Key.Key_Tab)  # leaving the field checks it
    assert dialog.errors.message_for(field).startswith(message)
    assert dialog.focusWidget() is not line_edit  # the check explains; it does not trap the focus
    assert line_edit.property("invalid") == "true"

    _press_enter(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.message_for(field).startswith(message)
    assert dialog.focusWidget() is line_edit
    assert dialog.full_name.text() == "Ann O'Brien" and line_edit.text() == typed
    assert _saved(services) == []

    line_edit.selectAll()
    qtbot.keyClicks(
        line_edit, {"postcode": "NR6 5QB", "phone": "01603 301751"}.get(field, "a@b.uk")
    )
    qtbot.keyClick(line_edit, Qt.Key.Key_Tab)
    assert dialog.errors.message_for(field) == ""
    assert line_edit.property("invalid") == "false"


def test_a_rule_the_service_enforces_keeps_the_dialog_open_with_the_message_in_place(
    qtbot,
    page: ContactsPage,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    dialog = _dialog(qtbot, page)
    qtbot.keyClicks(dialog.full_name, "Ann O'Brien")
    dialog.preferred_format.setCurrentIndex(dialog.preferred_format.findData("email"))
    _press_enter(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.errors.message_for("email") == "Add an email address to send letters by email."
    assert dialog.focusWidget() is dialog.email
    assert _saved(services) == []

    dialog.full_name.clear()
    dialog.preferred_format.setCurrentIndex(0)
    _press_enter(qtbot, dialog)
    assert dialog.errors.message_for("full_name") == "The name is needed."
    assert dialog.errors.message_for("email") == ""
    assert _saved(services) == []


def _add(services: AppServices, state: DeskState, **fields: object) -> Contact:
    return services.contacts().save(Contact(id=None, **fields), state.actor)  # type: ignore[arg-type]


def _search(qtbot, page: ContactsPage, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Type ``text`` into an empty search box and wait for the debounced search."""
    page.search.clear()
    page.search.setFocus()
    with qtbot.waitSignal(page.model.modelReset, timeout=2000):
        qtbot.keyClicks(page.search, text)
    return [page.model.contact_at(r).full_name for r in range(page.model.rowCount())]


def test_search_as_you_type_by_postcode_with_or_without_space_and_by_phone(
    qtbot,
    page: ContactsPage,
    services: AppServices,
    state: DeskState,  # type: ignore[no-untyped-def]
) -> None:
    _add(services, state, full_name="Ann O'Brien", phone="01603 301751", postcode="nr6 5qb")
    _add(
        services,
        state,
        full_name="Bob Ng",
        phone="01263 513811",
        postcode="NR27 9EN",
        email="bob@example.org",
    )
    page.refresh()
    assert page.model.rowCount() == 2 and "2 contacts" in page.result_note.text()

    reset_count = []
    page.model.modelReset.connect(lambda: reset_count.append(1))
    assert _search(qtbot, page, "NR6 5QB") == ["Ann O'Brien"]
    assert len(reset_count) == 1  # one search after the typing pause, not one per key
    assert _search(qtbot, page, "nr65qb") == ["Ann O'Brien"]
    assert _search(qtbot, page, "01603 301751") == ["Ann O'Brien"]
    assert _search(qtbot, page, "01603301751") == ["Ann O'Brien"]
    assert _search(qtbot, page, "513811") == ["Bob Ng"]
    assert _search(qtbot, page, "bob@example") == ["Bob Ng"]
    assert _search(qtbot, page, "o'brien") == ["Ann O'Brien"]
    assert _search(qtbot, page, "zzz") == []
    assert "No contact matches 'zzz'" in page.result_note.text()


def _when_dialog_opens(qtbot, act: Callable[[ContactDialog], None]) -> list[ContactDialog]:  # type: ignore[no-untyped-def]
    """Run ``act`` on the modal ContactDialog as soon as it is open (exec() blocks the test)."""
    seen: list[ContactDialog] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ContactDialog):
            seen.append(dialog)
            act(dialog)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_ctrl_n_adds_enter_edits_and_the_table_shows_needs(
    qtbot,
    page: ContactsPage,
    services: AppServices,
    state: DeskState,  # type: ignore[no-untyped-def]
) -> None:
    changed = []
    state.data_changed.connect(lambda: changed.append(1))

    def fill(dialog: ContactDialog) -> None:
        qtbot.keyClicks(dialog.full_name, "Cara Smith")
        qtbot.keyClicks(dialog.postcode, "NR6 5QB")
        dialog.wheelchair_access.setChecked(True)
        dialog.save_button.click()

    seen = _when_dialog_opens(qtbot, fill)
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen and changed == [1]
    assert page.search.text() == "Cara Smith"
    chosen = page.selected_contact()
    assert chosen is not None and chosen.full_name == "Cara Smith"
    needs = page.model.index(0, ContactTableModel.NEEDS).data()
    assert needs == "Wheelchair access"
    assert "Cara Smith" in page.details.text() and "Wheelchair access" in page.needs.text()

    def edit(dialog: ContactDialog) -> None:
        assert dialog.full_name.text() == "Cara Smith"
        dialog.hearing_loop.setChecked(True)
        dialog.save_button.click()

    seen = _when_dialog_opens(qtbot, edit)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert seen and changed == [1, 1]
    assert page.model.index(0, ContactTableModel.NEEDS).data() == "Hearing loop, Wheelchair access"
    assert services.contacts().get(chosen.id).needs == ContactNeeds(  # type: ignore[arg-type]
        hearing_loop=True, wheelchair_access=True
    )


def test_every_input_has_a_name_a_screen_reader_can_say(qtbot, page: ContactsPage) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, page)
    for widget in (page, dialog):
        inputs = [
            w
            for w in widget.findChildren(QWidget)
            if w.focusPolicy() & Qt.FocusPolicy.TabFocus
            and w.metaObject().className()
            in ("QLineEdit", "QComboBox", "QPlainTextEdit", "QCheckBox", "QTableView")
            and not w.parent().metaObject().className().startswith("QComboBox")
        ]
        assert inputs
        for w in inputs:
            assert w.accessibleName() or getattr(w, "text", lambda: "")(), w


def test_a_double_click_opens_the_contact_once(
    qtbot,
    page: ContactsPage,
    services: AppServices,
    state: DeskState,
    monkeypatch,  # type: ignore[no-untyped-def]
) -> None:
    _add(services, state, full_name="Dan Evans")
    page.refresh()
    opened: list[str] = []
    monkeypatch.setattr(
        ContactDialog, "exec", lambda self: opened.append(self.full_name.text()) or 0
    )
    rect = page.table.visualRect(page.model.index(0, ContactTableModel.NAME))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["Dan Evans"]
