"""Standards tab: a manager changes a channel's clocks in StandardDialog; others only look."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QDialog, QLabel

from reception_app.domain.people import Role, StaffMember
from reception_app.domain.standards import CHANNELS, ChannelStandard, ClockKind, ClockRule
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.standard_dialog import StandardDialog
from reception_app.ui.pages.settings import standards_tab
from reception_app.ui.pages.settings_page import SettingsPage


@pytest.fixture
def page(qtbot, state: DeskState) -> SettingsPage:  # type: ignore[no-untyped-def]
    widget = SettingsPage(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 780)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget.show_tab("Standards")
    return widget


def _text(page: SettingsPage, row: int, column: int) -> str:
    cell = page.standards_tab.table.item(row, column)
    return cell.text() if cell is not None else ""


def _row_of(page: SettingsPage, channel: str) -> int:
    rows = range(page.standards_tab.table.rowCount())
    return next(r for r in rows if _text(page, r, 0) == CHANNELS[channel])


def _cells(page: SettingsPage, channel: str) -> list[str]:
    row = _row_of(page, channel)
    return [_text(page, row, column) for column in range(1, 4)]


def _set_kind(dialog: StandardDialog, clock: str, kind: ClockKind | None) -> None:
    combo = dialog.clocks[clock].kind
    combo.setCurrentIndex(combo.findData(kind.value if kind is not None else None))


def _drive(action: Callable[[StandardDialog], None], seen: dict[str, Any]) -> None:
    """When the dialog opens, run ``action`` on it (it submits or rejects)."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StandardDialog):
            seen["wrong"] = dialog
            if isinstance(dialog, QDialog):
                dialog.reject()
            return
        seen["channel"] = dialog.channel
        action(dialog)
        if dialog.isVisible():
            seen["left_open"] = dialog.errors.general.text()
            dialog.reject()

    QTimer.singleShot(0, run)


def test_manager_changes_the_complaints_procedure(  # type: ignore[no-untyped-def]
    qtbot, page: SettingsPage, state: DeskState
) -> None:
    seen: dict[str, Any] = {}

    def respond_in_15_working_days(dialog: StandardDialog) -> None:
        _set_kind(dialog, "acknowledge", None)
        _set_kind(dialog, "respond", ClockKind.WORKING_DAYS)
        dialog.clocks["respond"].amount.setValue(15)
        seen["acknowledge_amount_enabled"] = dialog.clocks["acknowledge"].amount.isEnabled()
        seen["preview"] = dialog.preview.text()
        dialog.submit()

    tab = page.standards_tab
    tab.table.setFocus()
    tab.table.setCurrentCell(_row_of(page, "complaint"), 0)
    _drive(respond_in_15_working_days, seen)
    with qtbot.waitSignal(state.data_changed, timeout=1000):
        tab.edit_button.click()

    assert "wrong" not in seen and "left_open" not in seen
    assert seen["channel"] == "complaint"
    assert seen["acknowledge_amount_enabled"] is False
    assert "Acknowledge: none" in seen["preview"]
    assert "Respond: 15 working days" in seen["preview"]
    standard = state.services.office.profile().standard("complaint")
    assert standard.acknowledge is None
    assert standard.respond == ClockRule(ClockKind.WORKING_DAYS, 15)
    acknowledge, respond, _final = _cells(page, "complaint")
    assert (acknowledge, respond) == ("", "15 working days")
    assert "Complaint" in tab.status.text() and "saved" in tab.status.text()
    assert tab.table.currentRow() == _row_of(page, "complaint")  # still on the same channel


def test_enter_on_a_row_opens_that_channels_standard(qtbot, page: SettingsPage) -> None:  # type: ignore[no-untyped-def]
    seen: dict[str, Any] = {}
    table = page.standards_tab.table
    table.setFocus()
    table.setCurrentCell(_row_of(page, "foi"), 0)
    _drive(lambda dialog: dialog.reject(), seen)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert seen.get("channel") == "foi"


def test_removing_every_clock_is_refused_in_the_dialog(
    page: SettingsPage, state: DeskState
) -> None:
    before = state.services.office.profile().standard("complaint")
    seen: dict[str, Any] = {}

    def remove_all(dialog: StandardDialog) -> None:
        for clock in dialog.clocks:
            _set_kind(dialog, clock, None)
        seen["preview"] = dialog.preview.text()
        dialog.submit()
        seen["still_open"] = dialog.isVisible()
        seen["message"] = dialog.errors.general.text()
        seen["message_shown"] = not dialog.errors.general.isHidden()

    tab = page.standards_tab
    tab.table.setCurrentCell(_row_of(page, "complaint"), 0)
    _drive(remove_all, seen)
    tab.edit_button.click()

    assert seen["still_open"] and seen["message_shown"]
    assert "at least one clock" in seen["message"]
    assert seen["preview"].count("none") == 3
    assert state.services.office.profile().standard("complaint") == before
    assert "saved" not in tab.status.text()


def test_agreed_clock_has_no_amount(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    saved: list[ChannelStandard] = []
    dialog = StandardDialog(
        saved.append,
        ChannelStandard("sar", respond=ClockRule(ClockKind.CALENDAR_MONTHS, 1)),
    )
    qtbot.addWidget(dialog)
    assert dialog.clocks["respond"].amount.isEnabled()
    assert "Respond: one calendar month" in dialog.preview.text()
    _set_kind(dialog, "final", ClockKind.AGREED)
    assert not dialog.clocks["final"].amount.isEnabled()
    assert "Final reply: target date agreed with the customer" in dialog.preview.text()
    dialog.submit()
    assert saved == [
        ChannelStandard(
            "sar",
            respond=ClockRule(ClockKind.CALENDAR_MONTHS, 1),
            final=ClockRule(ClockKind.AGREED),
        )
    ]
    assert dialog.result() == StandardDialog.DialogCode.Accepted


def test_every_dialog_input_has_a_mnemonic_label_clear_of_the_menu_bar(  # type: ignore[no-untyped-def]
    qtbot, state: DeskState
) -> None:
    dialog = StandardDialog(lambda _s: None, state.services.office.profile().standard("email"))
    qtbot.addWidget(dialog)
    buddies = {
        label.buddy(): label.text()
        for label in dialog.findChildren(QLabel)
        if label.buddy() is not None
    }
    inputs = dialog.findChildren(QComboBox) + dialog.findChildren(QAbstractSpinBox)
    assert len(inputs) == 6
    letters = []
    for widget in inputs:
        text = buddies.get(widget, "")
        assert "&" in text, widget.accessibleName()
        letters.append(text[text.index("&") + 1].lower())
    assert len(set(letters)) == len(letters)
    assert not set(letters) & {"f", "v", "h", "s"}  # menu bar and Save


def test_non_manager_cannot_edit_standards(
    page: SettingsPage, state: DeskState, manager: StaffMember, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[object] = []
    monkeypatch.setattr(standards_tab, "StandardDialog", lambda *args: opened.append(args))
    state.actor = dataclasses.replace(manager, role=Role.CLERK)
    page.refresh()
    tab = page.standards_tab
    assert page.manager_note.isVisibleTo(page)
    assert not tab.edit_button.isEnabled() and tab.edit_button.isHidden()
    assert tab.table.rowCount() == len(CHANNELS)  # still readable
    tab.table.setCurrentCell(_row_of(page, "complaint"), 0)
    tab.edit()
    tab.table.activated.emit(tab.table.currentIndex())
    assert opened == []
    assert "manager can change them" in tab.note.text()
    assert "new charter" not in tab.note.text()
