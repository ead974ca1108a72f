"""The messages, the Messages tab of the Messages page.

Each officer's inbox with call-backs, the desk's and managers' lists, the chosen message in full
and what can be done with it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.messages import Message, callback_deadline
from reception_app.domain.notifications import Channel
from reception_app.domain.people import Role, StaffMember
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.letter_dialog import LetterDialog, letter_dialog_for
from reception_app.ui.dialogs.message_action_dialog import (
    CALLBACK,
    CLOSE,
    REASSIGN,
    MessageActionDialog,
)
from reception_app.ui.dialogs.message_dialog import MessageDialog
from reception_app.ui.models.message_table_model import MessageTableModel, message_status
from reception_app.ui.notify_words import on_its_way
from reception_app.ui.panels.messages_reading import MessagesReading, message_details, read_messages
from reception_app.ui.panels.panel import Panel
from reception_app.ui.text import due_text, rule_phrase
from reception_app.ui.widgets.card import card
from reception_app.ui.widgets.contact_lookup import ContactLookup
from reception_app.ui.widgets.row_views import detail_box, table_view
from reception_app.ui.widgets.simple_fields import buddy_label

VIEWS: list[tuple[str, str]] = [
    ("inbox", "My inbox"),
    ("escalated_to_me", "Escalated to me"),
    ("open", "All open messages"),
    ("due_today", "Due today"),
    ("overdue", "Overdue"),
    ("closed", "Recently closed"),
]
ShowLetter = Callable[[LetterDialog], None]


class MessagesPanel(Panel):
    """``staff`` (the active colleagues) is set by the page from the staff directory;
    ``show_letter`` shows a letter dialog until it is closed (the page's, which tests replace)."""

    def __init__(
        self, state: DeskState, show_letter: ShowLetter, parent: QWidget | None = None
    ) -> None:
        super().__init__(state, parent)
        self._show_letter = show_letter
        self._zone: tzinfo = ZoneInfo("Europe/London")
        self._today = state.now().astimezone(self._zone).date()
        self.staff: list[StaffMember] = []
        self._teams: list[str] = []
        self._view_chosen = False
        self.callback_due = QLabel()
        self.callback_due.setWordWrap(True)
        self.callback_due.setAccessibleName("When a call-back is due")
        self.callback_rule = QLabel()
        self.callback_rule.setWordWrap(True)
        self.callback_rule.setProperty("role", "hint")

        self.take_button = QPushButton("&Take a message (Ctrl+N)")
        bar = self._build_bar()
        self.model = MessageTableModel(self)
        self.messages_view = table_view("Messages", self.model, MessageTableModel.DUE)
        self.detail = detail_box("The chosen message", "Choose a message to read it here.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.messages_view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        actions = self._build_actions()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Messages status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(self)
        layout.addWidget(card(self.callback_due, self.callback_rule))
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)
        self._connect()

    # --- building -------------------------------------------------------------------------------

    def _build_bar(self) -> QHBoxLayout:
        self.view = QComboBox()
        for key, text in VIEWS:
            self.view.addItem(text, key)
        self.view.setAccessibleName("Show")
        view_label = buddy_label("&Show:", self.view)
        self.who = QComboBox()
        self.who.setAccessibleName("For whom")
        # Long enough for "Everyone" and most names at every text size.
        self.who.setMinimumContentsLength(14)
        self.who.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        who_label = buddy_label("F&or:", self.who)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Caller, subject, phone...")
        self.search.setAccessibleName("Find a message")
        find_label = buddy_label("F&ind:", self.search)
        bar = QHBoxLayout()
        bar.addWidget(self.take_button)
        bar.addSpacing(12)
        for widget in (view_label, self.view, who_label, self.who, find_label):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        return bar

    def _build_actions(self) -> QHBoxLayout:
        self.read_button = QPushButton("Mark &read (Ctrl+R)")
        self.callback_button = QPushButton("Record &call-back (Ctrl+K)")
        self.reassign_button = QPushButton("&Pass on (Ctrl+T)")
        self.close_button = QPushButton("Clos&e (Ctrl+E)")
        self.letter_button = QPushButton("Call-back confirmation &letter... (Ctrl+Shift+W)")
        self.letter_button.setToolTip(
            "A letter telling the caller when we will call, in their preferred format"
        )
        actions = QHBoxLayout()
        for button in self._buttons():
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def _buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.read_button,
            self.callback_button,
            self.reassign_button,
            self.close_button,
            self.letter_button,
        )

    def _connect(self) -> None:
        self.take_button.clicked.connect(self.take_message)
        self.view.activated.connect(self._view_changed)
        self.who.activated.connect(lambda _i: self.refresh_messages())
        self.search.textChanged.connect(self._find_changed)
        self.messages_view.selectionModel().currentRowChanged.connect(self._show_current)
        self.read_button.clicked.connect(self.toggle_read)
        self.callback_button.clicked.connect(lambda: self.act(CALLBACK))
        self.reassign_button.clicked.connect(lambda: self.act(REASSIGN))
        self.close_button.clicked.connect(lambda: self.act(CLOSE))
        self.letter_button.clicked.connect(self.write_letter)
        order = (self.take_button, self.view, self.who, self.search, self.messages_view)
        for first, second in zip(order, (*order[1:], self.detail), strict=True):
            QWidget.setTabOrder(first, second)

    # --- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        actor = self.state.actor
        if not self._view_chosen and actor is not None:
            default = "open" if actor.role is Role.RECEPTIONIST else "inbox"
            self.view.setCurrentIndex(self.view.findData(default))
        self.refresh_messages()

    def show_callback_rule(self) -> None:
        """When a message taken now is to be called back by, and the office's standard."""
        office = self.state.services.office
        engine = office.deadline_engine()
        now = office.status().local_now
        deadline = callback_deadline(engine, now)
        if deadline is None:
            self.callback_due.setText(
                "Call-backs have no fixed deadline here: agree a time with the caller and "
                "write it on the message."
            )
        else:
            self.callback_due.setText(
                f"A call-back for a message taken now is due by {due_text(engine, deadline, now)}."
            )
        standard = engine.standards.get("callback")
        rules = standard.clocks() if standard is not None else {}
        self.callback_rule.setText(
            "Standard: "
            + ("; ".join(rule_phrase(name, rule) for name, rule in rules.items()) or "none set")
            + ". If the person is away, pass the message to their team lead."
        )

    def refresh_messages(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self._current_id()
        read, _show = self.messages_reading()
        try:
            reading = read()
        except ReceptionError as exc:
            self.say(str(exc))
            return
        self._show_messages(reading, keep)

    def messages_reading(self) -> tuple[Callable[[], MessagesReading], Callable[[Any], None]]:
        """(read the list in view: on a worker thread, touching no widget; show it, keeping
        the chosen message) for a live re-read (ui/live.py)."""
        services, actor = self.state.services, self.state.actor
        view, who = str(self.view.currentData()), self.who.currentData()

        def read() -> MessagesReading:
            return read_messages(services, actor, view, who)

        return read, lambda reading: self._show_messages(reading, self._current_id())

    def _show_messages(self, reading: MessagesReading, keep: int | None) -> None:
        rows, status, engine, self._teams = reading
        view = str(self.view.currentData())
        self._zone = status.local_now.tzinfo or self._zone
        self._today = status.local_now.date()
        self._fill_who()
        self.who.setEnabled(view not in ("inbox", "escalated_to_me"))
        self.model.set_context(engine, self._today, self._zone, status.local_now)
        self.model.set_rows(rows)
        self.messages_view.resizeColumnsToContents()
        self.select(keep)
        self._show_current()
        self._say_count()

    def _fill_who(self) -> None:
        current = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem("Everyone", None)
        for member in self.staff:
            self.who.addItem(member.full_name, member.id)
        for team in self._teams:
            self.who.addItem(f"{team} team", f"team:{team}")
        index = self.who.findData(current)
        self.who.setCurrentIndex(max(0, index))
        self.who.blockSignals(False)

    def _say_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        view = self.view.currentText().lower()
        if total == 0:
            self.say(f"No messages in {view}.")
        elif shown == total:
            self.say(f"{total} message{'s' if total != 1 else ''} in {view}.")
        else:
            self.say(f"{shown} of {total} messages in {view} match '{self.search.text().strip()}'.")

    def say(self, text: str) -> None:
        self.status.setText(text)

    def _view_changed(self, _index: int) -> None:
        self._view_chosen = True
        self.refresh_messages()

    def _find_changed(self, text: str) -> None:
        keep = self._current_id()
        self.model.set_filter(text)
        self.select(keep)
        self._show_current()
        self._say_count()

    # --- the chosen message ---------------------------------------------------------------------

    def current_message(self) -> Message | None:
        index = self.messages_view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        value = index.data(MessageTableModel.RowRole)
        return value if isinstance(value, Message) else None

    def _current_id(self) -> int | None:
        message = self.current_message()
        return message.id if message else None

    def select(self, message_id: int | None) -> None:
        """Make the message with ``message_id`` the chosen one (None: none)."""
        row = None if message_id is None else self.model.row_where(lambda m: m.id == message_id)
        if row is None:
            self.messages_view.selectionModel().clearCurrentIndex()
            return
        index = self.model.index(row, 0)
        self.messages_view.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.messages_view.scrollTo(index)

    def _show_current(self, *_args: object) -> None:
        message = self.current_message()
        if message is None:
            self.detail.setPlainText("")
            for button in self._buttons():
                button.setEnabled(False)
            return
        due = message.due_at or message.due_on
        due_words = self.model.due.text(due) if due is not None else "agree a time with the caller"
        self.detail.setPlainText(message_details(message, self._zone, due_words))
        self.read_button.setEnabled(message.is_for(self.state.actor) and message.is_open)
        self.read_button.setText(
            "Mark un&read (Ctrl+R)" if not message.is_unread else "Mark &read (Ctrl+R)"
        )
        can_act = message.is_open and not message.redacted
        for button in (self.callback_button, self.reassign_button, self.close_button):
            button.setEnabled(can_act)
        self.letter_button.setEnabled(not message.redacted)
        self.detail.setToolTip(message_status(message, self._today))

    # --- actions --------------------------------------------------------------------------------

    def message_dialog(self) -> MessageDialog:
        services = self.state.services
        messages = services.messages()
        engine = messages.deadline_engine()
        now = services.office.status().local_now
        due = messages.callback_due()
        due_words = (
            due_text(engine, due, now)
            if due is not None
            else "no fixed deadline here: agree a time with the caller and note it"
        )
        actor = self.state.actor
        return MessageDialog(
            self.staff,
            messages.teams(),
            due_words,
            lambda draft: messages.take(actor, draft),
            parent=self,
            contacts=ContactLookup.from_state(self.state),
            texts_on=Channel.SMS in services.notifications().channels(),
        )

    def take_message(self) -> None:
        try:
            dialog = self.message_dialog()
        except ReceptionError as exc:
            self.say(str(exc))
            return
        if dialog.exec() and dialog.message is not None:
            self._changed(dialog.message.id)
            self.say(
                f"Message #{dialog.message.id} saved for {dialog.message.for_whom}."
                + on_its_way(self.state.services, "message", dialog.message.id)
            )

    def toggle_read(self) -> None:
        message = self.current_message()
        if message is None or not self.read_button.isEnabled():
            return
        try:
            self.state.services.messages().mark_read(
                self.state.actor, message.id, read=message.is_unread
            )
        except ReceptionError as exc:
            self.say(str(exc))
            return
        self._changed(message.id)

    def action_dialog(self, mode: str, message: Message) -> MessageActionDialog:
        services = self.state.services
        actor = self.state.actor

        def save(dialog: MessageActionDialog) -> Message:
            messages = services.messages()
            if mode == CALLBACK:
                return messages.record_callback(
                    actor,
                    message.id,
                    dialog.outcome_value,
                    dialog.note_text,
                    close=dialog.close_message,
                )
            if mode == REASSIGN:
                recipient_id, team = dialog.recipient_value()
                return messages.reassign(actor, message.id, recipient_id, team, dialog.note_text)
            return messages.close(actor, message.id, dialog.note_text)

        return MessageActionDialog(mode, message, save, self.staff, self._teams, parent=self)

    def act(self, mode: str) -> None:
        message = self.current_message()
        if message is None:
            self.say("Choose a message first.")
            return
        if not message.is_open or message.redacted:
            return
        dialog = self.action_dialog(mode, message)
        if dialog.exec() and dialog.message is not None:
            self._changed(dialog.message.id)

    def letter_dialog(self, message: Message) -> LetterDialog:
        from reception_app.services.letter_service import LetterSource

        return letter_dialog_for(
            self.state, LetterSource("message", message.id), "callback_confirmation", self
        )

    def write_letter(self) -> None:
        """The call-back confirmation letter for the chosen message (the caller's preferred
        format when the message is linked to their contact record)."""
        message = self.current_message()
        if message is None:
            self.say("Choose a message first.")
            return
        if message.redacted:
            return
        try:
            dialog = self.letter_dialog(message)
        except ReceptionError as exc:
            self.say(str(exc))
            return
        dialog.finished.connect(lambda _result: self._letter_closed(dialog, message.id))
        self._show_letter(dialog)

    def _letter_closed(self, dialog: LetterDialog, message_id: int) -> None:
        if dialog.sent:
            self._changed(message_id)
            self.say(f"Call-back confirmation letter for message #{message_id} recorded as sent.")

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh_messages(select_id)
        self.state.data_changed.emit()
