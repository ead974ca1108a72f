"""Messages: take a message for a colleague, each officer's inbox with call-backs, the desk's
and managers' lists (due today, overdue and escalated), and the staff directory.

Keyboard: Ctrl+N take a message, Ctrl+R mark read or unread, Ctrl+K record a call-back,
Ctrl+P pass it on, Ctrl+E close it, Ctrl+F find, Ctrl+Shift+W call-back confirmation letter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import tzinfo
from zoneinfo import ZoneInfo

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.messages import Message
from reception_app.domain.people import Role, StaffMember
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.letter_dialog import LetterDialog, letter_dialog_for
from reception_app.ui.dialogs.message_action_dialog import (
    CALLBACK,
    CLOSE,
    REASSIGN,
    MessageActionDialog,
)
from reception_app.ui.dialogs.message_dialog import ContactLookup, MessageDialog
from reception_app.ui.models.correspondence_table_model import local_text
from reception_app.ui.models.message_table_model import MessageTableModel, message_status
from reception_app.ui.pages.page import Page
from reception_app.ui.text import due_text, rule_phrase
from reception_app.ui.widgets import filtered_table

# Most needed first: with large text the right-hand columns may need scrolling to.
DIRECTORY_HEADERS = ("Name", "Role", "Phone", "Email", "Team", "Team lead")
TEAM_LEAD_COLUMN = 5

VIEWS: list[tuple[str, str]] = [
    ("inbox", "My inbox"),
    ("escalated_to_me", "Escalated to me"),
    ("open", "All open messages"),
    ("due_today", "Due today"),
    ("overdue", "Overdue"),
    ("closed", "Recently closed"),
]


def team_lead_text(member: StaffMember, staff: Sequence[StaffMember]) -> str:
    """Who to pass a message to when ``member`` is away: their team's lead(s)."""
    if not member.team.strip():
        return "—"
    if member.is_team_lead:
        return "Leads this team"
    leads = [s.full_name for s in staff if s.is_team_lead and s.team == member.team]
    return ", ".join(leads) if leads else "None named"


def message_details(message: Message, zone: tzinfo, due: str) -> str:
    """The whole message as plain text, exactly as typed (markup is not interpreted)."""
    flags = [
        w
        for w in (
            "Urgent" if message.urgency.value == "urgent" else "",
            "Confidential" if message.confidential else "",
        )
        if w
    ]
    lines = [f"Message #{message.id}" + (f"  ·  {'  ·  '.join(flags)}" if flags else "")]
    lines.append(f"For: {message.for_whom}")
    lines.append(f"Taken: {local_text(message.taken_at, zone)} by {message.taken_by_name or '—'}")
    lines.append(f"Caller: {message.caller_name}")
    phones = ", ".join(p for p in (message.caller_phone, message.caller_phone_other) if p)
    if phones:
        lines.append(f"Phone: {phones}")
    if message.caller_email:
        lines.append(f"Email: {message.caller_email}")
    if message.best_time:
        lines.append(f"Best time to call: {message.best_time}")
    if message.callback_expected:
        lines.append(f"Call back by: {due}")
    else:
        lines.append("No call-back wanted.")
    if message.escalated_to:
        lines.append(f"Overdue: escalated to {', '.join(message.escalated_to)}")
    lines += ["", f"Subject: {message.subject}", "", message.body or "(no message text)"]
    if message.attempts:
        lines += ["", "Call-back attempts:"]
        for attempt in message.attempts:
            note = f": {attempt.note}" if attempt.note else ""
            lines.append(
                f"  {local_text(attempt.at, zone)}  {attempt.staff_name}  "
                f"{attempt.outcome.label}{note}"
            )
    if message.closed_at is not None:
        lines += [
            "",
            f"Closed {local_text(message.closed_at, zone)}"
            + (f": {message.close_note}" if message.close_note else ""),
        ]
    return "\n".join(lines)


class MessagesPage(Page):
    title = "Messages"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._zone: tzinfo = ZoneInfo("Europe/London")
        self._today = state.now().astimezone(self._zone).date()
        self._staff: list[StaffMember] = []
        self._teams: list[str] = []
        self._view_chosen = False
        self.callback_due = QLabel()
        self.callback_due.setWordWrap(True)
        self.callback_due.setAccessibleName("When a call-back is due")
        self.callback_rule = QLabel()
        self.callback_rule.setWordWrap(True)
        self.callback_rule.setProperty("role", "hint")

        parts = filtered_table(
            self,
            DIRECTORY_HEADERS,
            label_text="Find a &colleague (Ctrl+F):",
            filter_name="Find a colleague",
            placeholder="Name, team, role, phone or email",
            table_name="Staff directory",
        )
        self.filter, filter_label, self.directory = parts.filter, parts.label, parts.model
        self.proxy, self.table = parts.proxy, parts.table
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The team lead comes last and takes the room left: two leads' names wrap onto a second
        # line there instead of squeezing the other columns at larger text sizes.
        header.setSectionResizeMode(TEAM_LEAD_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("Team lead") + 24)
        rows = self.table.verticalHeader()
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.count_note = QLabel()
        self.count_note.setProperty("role", "hint")
        self.count_note.setWordWrap(True)

        search_row = QHBoxLayout()
        search_row.addWidget(filter_label)
        search_row.addWidget(self.filter, 1)
        directory = QWidget()
        directory_layout = QVBoxLayout(directory)
        directory_layout.addLayout(search_row)
        directory_layout.addWidget(self.table, 1)
        directory_layout.addWidget(self.count_note)

        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self._go_to_table)
        QShortcut(
            QKeySequence(Qt.Key.Key_Down),
            self.filter,
            self._go_to_table,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        QWidget.setTabOrder(self.filter, self.table)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_messages(), "&Messages")
        self.tabs.addTab(directory, "Staff &directory")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Messages"))
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_filter)

    # --- the messages tab -----------------------------------------------------------------------

    def _build_messages(self) -> QWidget:
        self.take_button = QPushButton("&Take a message (Ctrl+N)")
        self.view = QComboBox()
        for key, text in VIEWS:
            self.view.addItem(text, key)
        self.view.setAccessibleName("Show")
        view_label = QLabel("S&how:")
        view_label.setBuddy(self.view)
        self.who = QComboBox()
        self.who.setAccessibleName("For whom")
        # Long enough for "Everyone" and most names at every text size.
        self.who.setMinimumContentsLength(14)
        self.who.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        who_label = QLabel("F&or:")
        who_label.setBuddy(self.who)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText("Caller, subject, phone...")
        self.search.setAccessibleName("Find a message")
        find_label = QLabel("F&ind:")
        find_label.setBuddy(self.search)
        bar = QHBoxLayout()
        bar.addWidget(self.take_button)
        bar.addSpacing(12)
        for widget in (view_label, self.view, who_label, self.who, find_label):
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)

        self.model = MessageTableModel(self)
        self.messages_view = QTableView()
        self.messages_view.setModel(self.model)
        self.messages_view.setAccessibleName("Messages")
        self.messages_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.messages_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.messages_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.messages_view.setAlternatingRowColors(True)
        self.messages_view.setWordWrap(False)
        self.messages_view.setSortingEnabled(True)
        self.messages_view.sortByColumn(MessageTableModel.DUE, Qt.SortOrder.AscendingOrder)
        self.messages_view.verticalHeader().hide()
        header = self.messages_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Widths fitted once per re-read from the first rows, not measured on every change.
        header.setResizeContentsPrecision(200)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName("The chosen message")
        self.detail.setPlaceholderText("Choose a message to read it here.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.messages_view)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.read_button = QPushButton("Mark &read (Ctrl+R)")
        self.callback_button = QPushButton("Record &call-back (Ctrl+K)")
        self.reassign_button = QPushButton("&Pass on (Ctrl+P)")
        self.close_button = QPushButton("Clos&e (Ctrl+E)")
        self.letter_button = QPushButton("Call-back confirmation &letter... (Ctrl+Shift+W)")
        self.letter_button.setToolTip(
            "A letter telling the caller when we will call, in their preferred format"
        )
        actions = QHBoxLayout()
        for button in (
            self.read_button,
            self.callback_button,
            self.reassign_button,
            self.close_button,
            self.letter_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Messages status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.card(self.callback_due, self.callback_rule))
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.status)

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
        for keys, slot in (
            ("Ctrl+Shift+W", self.write_letter),
            ("Ctrl+N", self.take_message),
            ("Ctrl+R", self.toggle_read),
            ("Ctrl+K", lambda: self.act(CALLBACK)),
            ("Ctrl+P", lambda: self.act(REASSIGN)),
            ("Ctrl+E", lambda: self.act(CLOSE)),
        ):
            QShortcut(QKeySequence(keys), self, slot)
        QWidget.setTabOrder(self.take_button, self.view)
        QWidget.setTabOrder(self.view, self.who)
        QWidget.setTabOrder(self.who, self.search)
        QWidget.setTabOrder(self.search, self.messages_view)
        QWidget.setTabOrder(self.messages_view, self.detail)
        return tab

    # --- reading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._refresh_directory()
        actor = self.state.actor
        if not self._view_chosen and actor is not None:
            default = "open" if actor.role is Role.RECEPTIONIST else "inbox"
            self.view.setCurrentIndex(self.view.findData(default))
        self.refresh_messages()

    def refresh_messages(self, select_id: int | None = None) -> None:
        keep = select_id if select_id is not None else self._current_id()
        services = self.state.services
        view = str(self.view.currentData())
        try:
            messages = services.messages()
            status = services.office.status()
            engine = messages.deadline_engine()
            self._teams = messages.teams()
            actor = self.state.actor
            if view == "inbox":
                rows = messages.inbox(actor)
            elif view == "escalated_to_me":
                rows = messages.escalated_to(actor)
            else:
                who = self.who.currentData()
                recipient = who if isinstance(who, int) else None
                team = who[5:] if isinstance(who, str) and who.startswith("team:") else None
                rows = messages.list_messages(actor, view, recipient, team)
        except ReceptionError as exc:
            self._say(str(exc))
            return
        self._zone = status.local_now.tzinfo or self._zone
        self._today = status.local_now.date()
        self._fill_who()
        self.who.setEnabled(view not in ("inbox", "escalated_to_me"))
        self.model.set_context(engine, self._today, self._zone, status.local_now)
        self.model.set_rows(rows)
        self.messages_view.resizeColumnsToContents()
        self._select(keep)
        self._show_current()
        self._say_count()

    def _fill_who(self) -> None:
        current = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem("Everyone", None)
        for member in self._staff:
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
            self._say(f"No messages in {view}.")
        elif shown == total:
            self._say(f"{total} message{'s' if total != 1 else ''} in {view}.")
        else:
            self._say(
                f"{shown} of {total} messages in {view} match '{self.search.text().strip()}'."
            )

    def _say(self, text: str) -> None:
        self.status.setText(text)

    def _view_changed(self, _index: int) -> None:
        self._view_chosen = True
        self.refresh_messages()

    def _find_changed(self, text: str) -> None:
        keep = self._current_id()
        self.model.set_filter(text)
        self._select(keep)
        self._show_current()
        self._say_count()

    def current_message(self) -> Message | None:
        index = self.messages_view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        value = index.data(MessageTableModel.RowRole)
        return value if isinstance(value, Message) else None

    def _current_id(self) -> int | None:
        message = self.current_message()
        return message.id if message else None

    def _select(self, message_id: int | None) -> None:
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
        actor = self.state.actor
        if message is None:
            self.detail.setPlainText("")
            for button in (
                self.read_button,
                self.callback_button,
                self.reassign_button,
                self.close_button,
                self.letter_button,
            ):
                button.setEnabled(False)
            return
        due = message.due_at or message.due_on
        due_words = self.model.due.text(due) if due is not None else "agree a time with the caller"
        self.detail.setPlainText(message_details(message, self._zone, due_words))
        mine = actor is not None and (
            message.recipient_id == actor.id
            or (message.recipient_id is None and actor.team == message.recipient_team)
        )
        self.read_button.setEnabled(mine and message.is_open)
        self.read_button.setText(
            "Mark un&read (Ctrl+R)" if not message.is_unread else "Mark &read (Ctrl+R)"
        )
        can_act = message.is_open and not message.redacted
        for button in (self.callback_button, self.reassign_button, self.close_button):
            button.setEnabled(can_act)
        self.letter_button.setEnabled(not message.redacted)
        self.detail.setToolTip(message_status(message, self._today))

    # --- actions ------------------------------------------------------------------------------

    def message_dialog(self) -> MessageDialog:
        services = self.state.services
        messages = services.messages()
        engine = messages.deadline_engine()
        now = services.office.status().local_now
        due = messages.callback_due()
        due_words = (
            due_text(engine, due, now.date())
            if due is not None
            else "no fixed deadline here: agree a time with the caller and note it"
        )
        actor = self.state.actor
        return MessageDialog(
            self._staff,
            messages.teams(),
            due_words,
            lambda draft: messages.take(actor, draft),
            parent=self,
            contacts=ContactLookup.from_state(self.state),
        )

    def take_message(self) -> None:
        try:
            dialog = self.message_dialog()
        except ReceptionError as exc:
            self._say(str(exc))
            return
        if dialog.exec() and dialog.message is not None:
            self._changed(dialog.message.id)
            self._say(f"Message #{dialog.message.id} saved for {dialog.message.for_whom}.")

    def toggle_read(self) -> None:
        message = self.current_message()
        if message is None or not self.read_button.isEnabled():
            return
        self._run(
            lambda: self.state.services.messages().mark_read(
                self.state.actor, message.id, read=message.is_unread
            ),
            message.id,
        )

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

        return MessageActionDialog(mode, message, save, self._staff, self._teams, parent=self)

    def act(self, mode: str) -> None:
        message = self.current_message()
        if message is None:
            self._say("Choose a message first.")
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

    def show_letter(self, dialog: LetterDialog) -> None:
        """Show the letter dialog until it is closed (tests replace this method)."""
        dialog.exec()

    def write_letter(self) -> None:
        """The call-back confirmation letter for the chosen message (the caller's preferred
        format when the message is linked to their contact record)."""
        message = self.current_message()
        if message is None:
            self._say("Choose a message first.")
            return
        if message.redacted:
            return
        try:
            dialog = self.letter_dialog(message)
        except ReceptionError as exc:
            self._say(str(exc))
            return
        dialog.finished.connect(lambda _result: self._letter_closed(dialog, message.id))
        self.show_letter(dialog)

    def _letter_closed(self, dialog: LetterDialog, message_id: int) -> None:
        if dialog.sent:
            self._changed(message_id)
            self._say(f"Call-back confirmation letter for message #{message_id} recorded as sent.")

    def _run(self, work: Callable[[], object], select_id: int | None = None) -> None:
        try:
            work()
        except ReceptionError as exc:
            self._say(str(exc))
            return
        self._changed(select_id)

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh_messages(select_id)
        self.state.data_changed.emit()

    # --- the staff directory ------------------------------------------------------------------

    def _refresh_directory(self) -> None:
        services = self.state.services
        office = services.office
        status = office.status()
        engine = office.deadline_engine()
        now = status.local_now
        standard = engine.standards.get("callback")
        due = engine.due_dates_for("callback", now) if standard is not None else {}
        deadline = due.get("respond") or due.get("acknowledge") or due.get("final")
        if deadline is None:
            self.callback_due.setText(
                "Call-backs have no fixed deadline here: agree a time with the caller and "
                "write it on the message."
            )
        else:
            self.callback_due.setText(
                "A call-back for a message taken now is due by "
                f"{due_text(engine, deadline, now.date())}."
            )
        rules = standard.clocks() if standard is not None else {}
        self.callback_rule.setText(
            "Standard: "
            + ("; ".join(rule_phrase(name, rule) for name, rule in rules.items()) or "none set")
            + ". If the person is away, pass the message to their team lead."
        )

        key = office.active_office_key()
        problem = ""
        try:
            staff = services.staff.list_staff(key, include_inactive=False) if key else []
        except ReceptionError as exc:
            problem, staff = str(exc), []
        self._staff = list(staff)
        self.directory.removeRows(0, self.directory.rowCount())
        for member in staff:
            cells = (
                member.full_name,
                member.role.label,
                member.phone or "—",
                member.email or "—",
                member.team or "—",
                team_lead_text(member, staff),
            )
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
            self.directory.appendRow(items)
        self._filter_changed(self.filter.text())
        if problem:
            self.count_note.setText(problem)

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown, total = self.proxy.rowCount(), self.directory.rowCount()
        if total == 0:
            self.count_note.setText("No staff are listed yet: a manager adds them in Settings.")
        elif shown == total:
            self.count_note.setText(f"{total} colleague{'s' if total != 1 else ''} working here.")
        elif shown == 0:
            self.count_note.setText(f"Nobody matches '{text.strip()}'.")
        else:
            self.count_note.setText(f"{shown} of {total} colleagues match '{text.strip()}'.")

    def _focus_filter(self) -> None:
        """Ctrl+F: the find box of the tab in view."""
        box = self.search if self.tabs.currentIndex() == 0 else self.filter
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    def _go_to_table(self) -> None:
        if self.proxy.rowCount() == 0:
            return
        if not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
