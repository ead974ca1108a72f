"""Messages: take a message for a colleague, the inboxes and lists, and the staff directory.

Each officer's inbox has its call-backs; the desk and managers see the lists due today, overdue
and escalated. The two tabs are panels of ``reception_app.ui.panels``; this page lays them out
and owns the keyboard shortcuts: Ctrl+N take a message, Ctrl+R mark read or unread, Ctrl+K
record a call-back, Ctrl+T pass it on, Ctrl+E close it, Ctrl+F find, Ctrl+Shift+W call-back
confirmation letter.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from reception_app.domain.changes import Topic
from reception_app.domain.messages import Message
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.dialogs.message_action_dialog import (
    CALLBACK,
    CLOSE,
    REASSIGN,
    MessageActionDialog,
)
from reception_app.ui.dialogs.message_dialog import MessageDialog
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.pages.page import Page
from reception_app.ui.panels.messages_panel import MessagesPanel
from reception_app.ui.panels.staff_directory_panel import StaffDirectoryPanel
from reception_app.ui.shortcuts import bind


class MessagesPage(Page):
    title = "Messages"
    topics = frozenset({Topic.MESSAGES, Topic.CONTACTS, Topic.NOTIFICATIONS})

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.messages_panel = MessagesPanel(state, lambda dialog: self.show_letter(dialog))
        self.staff_directory = StaffDirectoryPanel(state)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Messages sections")
        self.tabs.addTab(self.messages_panel, "&Messages")
        self.tabs.addTab(self.staff_directory, "Staff &directory")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Messages"))
        layout.addWidget(self.tabs, 1)
        panel = self.messages_panel
        for name, slot, label in (
            ("write_letter", panel.write_letter, "Call-back confirmation letter"),
            ("new", panel.take_message, "Take a message"),
            ("read_unread", panel.toggle_read, None),
            ("call_back", lambda: panel.act(CALLBACK), None),
            ("pass_on", lambda: panel.act(REASSIGN), "Pass the chosen message on"),
            ("close_item", lambda: panel.act(CLOSE), "Close the chosen message"),
            ("find", self._focus_filter, "Find a message or a colleague"),
        ):
            bind(self, name, slot, label)
        self._keep_names()

    def _keep_names(self) -> None:
        """The panels' parts under the names the page offered before it had panels."""
        panel, directory = self.messages_panel, self.staff_directory
        self.callback_due, self.callback_rule = panel.callback_due, panel.callback_rule
        self.take_button, self.view, self.who = panel.take_button, panel.view, panel.who
        self.search, self.model = panel.search, panel.model
        self.messages_view, self.detail, self.status = (
            panel.messages_view,
            panel.detail,
            panel.status,
        )
        self.read_button, self.callback_button = panel.read_button, panel.callback_button
        self.reassign_button, self.close_button = panel.reassign_button, panel.close_button
        self.letter_button = panel.letter_button
        self.filter, self.directory = directory.filter, directory.directory
        self.proxy, self.table = directory.proxy, directory.table
        self.count_note = directory.count_note

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """The list of messages off the GUI thread (the directory shows staff: settings)."""
        read, show = self.messages_panel.messages_reading()

        def show_kept(reading: object) -> None:
            with keep_view(self.messages_panel.messages_view):
                show(reading)

        return read, show_kept

    def refresh(self) -> None:
        self.messages_panel.show_callback_rule()
        self.staff_directory.refresh()
        self.messages_panel.staff = self.staff_directory.staff
        self.messages_panel.refresh()

    def _focus_filter(self) -> None:
        """Ctrl+F: the find box of the tab in view."""
        box = self.search if self.tabs.currentIndex() == 0 else self.filter
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    def show_letter(self, dialog: LetterDialog) -> None:
        """Show the letter dialog until it is closed (tests replace this method)."""
        dialog.exec()

    # --- the panel's work, as the page offered it before it had panels -------------------------

    def refresh_messages(self, select_id: int | None = None) -> None:
        self.messages_panel.refresh_messages(select_id)

    def current_message(self) -> Message | None:
        return self.messages_panel.current_message()

    def _select(self, message_id: int | None) -> None:
        self.messages_panel.select(message_id)

    def message_dialog(self) -> MessageDialog:
        return self.messages_panel.message_dialog()

    def take_message(self) -> None:
        self.messages_panel.take_message()

    def toggle_read(self) -> None:
        self.messages_panel.toggle_read()

    def action_dialog(self, mode: str, message: Message) -> MessageActionDialog:
        return self.messages_panel.action_dialog(mode, message)

    def act(self, mode: str) -> None:
        self.messages_panel.act(mode)

    def letter_dialog(self, message: Message) -> LetterDialog:
        return self.messages_panel.letter_dialog(message)

    def write_letter(self) -> None:
        self.messages_panel.write_letter()
