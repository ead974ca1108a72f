"""Correspondence: the log with its deadlines (due soon, overdue, by owner, by channel), clock
pauses and extensions for SAR, FOI and EIR, walk-in follow-ups, feedback, the incident log
(managers only) and the deadline calculator with the office's published standards.

Keyboard: Ctrl+N log correspondence, Ctrl+F find, Ctrl+D the deadline calculator, Ctrl+Shift+W
write a letter about the chosen item (the acknowledgement for its channel, the holding response
once one is recorded, "if you are not satisfied" once answered).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QItemSelectionModel,
    Qt,
    QTime,
    QTimeZone,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.correspondence import (
    STEP_LABELS,
    CorrespondenceItem,
    CorrespondenceStatus,
    FollowUp,
    channel_can_extend,
    channel_can_pause,
    reference,
)
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.feedback import FEEDBACK_CHANNELS, Feedback, FeedbackAction, Incident
from reception_app.domain.people import StaffMember
from reception_app.domain.standards import CHANNELS, CLOCK_NAMES
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import (
    CLOSE,
    EXTEND,
    FOLLOW_UP,
    HOLDING,
    PAUSE,
    REASSIGN,
    RESPOND,
    RESUME,
    CorrespondenceActionDialog,
)
from reception_app.ui.dialogs.correspondence_dialog import CorrespondenceDialog, deadline_lines
from reception_app.ui.dialogs.feedback_action_dialog import FeedbackActionDialog
from reception_app.ui.dialogs.feedback_dialog import FeedbackDialog
from reception_app.ui.dialogs.incident_dialog import IncidentDialog
from reception_app.ui.dialogs.letter_dialog import LetterDialog, letter_dialog_for
from reception_app.ui.dialogs.message_dialog import ContactLookup
from reception_app.ui.models.correspondence_follow_up_model import CorrespondenceFollowUpModel
from reception_app.ui.models.correspondence_list_model import (
    CorrespondenceListModel,
    PreparedRows,
    Row,
)
from reception_app.ui.models.correspondence_table_model import (
    CorrespondenceTableModel,
    DueTexts,
    local_text,
)
from reception_app.ui.models.feedback_table_model import FeedbackTableModel
from reception_app.ui.models.incident_table_model import IncidentTableModel
from reception_app.ui.pages.page import Page
from reception_app.ui.text import day_text, due_text, rule_phrase
from reception_app.ui.theme import scaled_font
from reception_app.ui.workers import start_job

CLOCK_LABELS = {"acknowledge": "Acknowledge", "respond": "Respond", "final": "Final reply"}
LOG_VIEWS = [
    ("open", "Open"),
    ("due_soon", "Due soon"),
    ("overdue", "Overdue"),
    ("paused", "Clock paused"),
    ("closed", "Closed (last 90 days)"),
    ("all", "All"),
]
FEEDBACK_VIEWS = [("open", "Open"), ("serious", "Serious"), ("all", "All")]


def table_view(name: str, model: QAbstractItemModel, sort_column: int) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setSortingEnabled(True)
    view.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    header.setResizeContentsPrecision(200)
    return view


def detail_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    return box


def current_value(view: QTableView) -> object:
    index = view.selectionModel().currentIndex()
    return index.data(CorrespondenceListModel.RowRole) if index.isValid() else None


def select_where(
    view: QTableView, model: CorrespondenceListModel[Row], predicate: Callable[[Row], bool]
) -> None:
    row = model.row_where(predicate)
    if row is None:
        view.selectionModel().clearCurrentIndex()
        return
    index = model.index(row, 0)
    view.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    view.scrollTo(index)


def item_details(
    item: CorrespondenceItem, engine: DeadlineEngine, today: date, zone: tzinfo
) -> str:
    """Everything about one item as plain text, exactly as typed."""
    lines = [f"{item.reference}  ·  {item.channel_name}  ·  {item.status.label}"]
    lines.append(f"Received: {local_text(item.received_at, zone)}")
    contact = ", ".join(p for p in (item.from_phone, item.from_email) if p)
    lines.append(f"From: {item.from_name}" + (f" ({contact})" if contact else ""))
    owner_contact = ", ".join(p for p in (item.owner_phone, item.owner_email) if p)
    lines.append(
        f"Owner (named contact): {item.owner_name}"
        + (f" ({owner_contact})" if owner_contact else "")
    )
    lines.append(f"Subject: {item.subject}")
    lines += ["", deadline_lines(engine, item.deadlines, today)]
    if item.open_pause is not None:
        lines.append(
            "(The clock is paused: these dates count as if the answer came today and move on "
            "each day it stays paused.)"
        )
    if item.next_step:
        lines.append(
            f"Next: {STEP_LABELS[item.next_step].lower()} by {due_text(engine, item.next_due, today)}"
            if item.next_due is not None
            else f"Next: {STEP_LABELS[item.next_step].lower()}"
        )
    if item.extension_reason:
        lines.append(f"Extended: {item.extension_reason}")
    for pause in item.pauses:
        until = f"answered {day_text(pause.answered_on)}" if pause.answered_on else "still waiting"
        lines.append(
            f"Clock paused from {day_text(pause.asked_on)}: {pause.reason.label.lower()}, {until}"
            + (f" ({pause.note})" if pause.note else "")
        )
    for held in item.holding_responses:
        reach = ", ".join(p for p in (held.contact_phone, held.contact_email) if p)
        lines.append(
            f"Holding response {local_text(held.sent_at, zone)}: {held.reason} Expected by "
            f"{day_text(held.expected_on)}; contact {held.contact_name} ({reach})"
        )
    if item.acknowledged_at:
        lines.append(f"Acknowledged {local_text(item.acknowledged_at, zone)}")
    if item.responded_at:
        lines.append(
            f"Responded {local_text(item.responded_at, zone)}"
            + (f": {item.response_note}" if item.response_note else "")
        )
    if item.closed_at:
        lines.append(
            f"Closed {local_text(item.closed_at, zone)}"
            + (f": {item.close_note}" if item.close_note else "")
        )
    if item.summary:
        lines += ["", item.summary]
    return "\n".join(lines)


def feedback_details(item: Feedback, zone: tzinfo) -> str:
    lines = [f"{item.kind.label} #{item.id}  ·  {item.status.label}"]
    lines.append(
        f"Received: {local_text(item.received_at, zone)} "
        f"({FEEDBACK_CHANNELS.get(item.channel, item.channel).lower()}), recorded by "
        f"{item.recorded_by_name or '—'}"
    )
    contact = ", ".join(p for p in (item.from_phone, item.from_email) if p)
    lines.append(f"From: {item.from_name or 'Not given'}" + (f" ({contact})" if contact else ""))
    about = ", ".join(a for a in (item.about_service, item.about_staff_name) if a)
    if about:
        lines.append(f"About: {about}")
    if item.serious:
        lines.append(f"Serious: escalated to {item.escalated_to_name}")
    if item.complaint_id is not None:
        lines.append(f"Formal complaint: {reference('complaint', item.complaint_id)}")
    if item.outcome:
        lines.append(f"Outcome: {item.outcome}")
    lines += ["", item.details]
    return "\n".join(lines)


def incident_details(item: Incident, zone: tzinfo) -> str:
    lines = [f"Incident #{item.id}  ·  {item.kind.label}"]
    lines.append(
        f"When: {local_text(item.occurred_at, zone)}"
        + (f", {item.location}" if item.location else "")
    )
    lines.append(f"Who: {item.person or 'not recorded'}")
    if item.staff_involved:
        lines.append(f"Staff involved: {item.staff_involved}")
    lines.append(f"Witnesses: {item.witness_count}")
    if item.police_told:
        lines.append(
            "Police told"
            + (f": reference {item.police_reference}" if item.police_reference else "")
        )
    else:
        lines.append(
            "Police not told"
            + (f": {item.police_not_told_reason}" if item.police_not_told_reason else "")
        )
    lines.append(f"Recorded by {item.recorded_by_name} on {local_text(item.recorded_at, zone)}")
    lines += ["", item.description]
    if item.action_taken:
        lines += ["", f"Action taken: {item.action_taken}"]
    return "\n".join(lines)


class CorrespondencePage(Page):
    title = "Correspondence"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._zone: tzinfo = ZoneInfo("Europe/London")
        self._today = state.now().astimezone(self._zone).date()
        self._now: datetime | None = None
        self._engine: DeadlineEngine | None = None
        self._staff: list[StaffMember] = []
        self._log_request = 0
        self._log_job: object | None = None
        """The worker re-reading a long log; kept referenced until it reports back."""

        self.calculator = DeadlineCalculator(state)
        # The calculator's parts, as the page offered them before it had tabs.
        self.channel = self.calculator.channel
        self.received = self.calculator.received
        self.now_button = self.calculator.now_button
        self.future_note = self.calculator.future_note
        self.results = self.calculator.results
        self.result_labels = self.calculator.result_labels
        self.standards = self.calculator.standards

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_log(), "&Log")
        self.tabs.addTab(self._build_follow_ups(), "&Walk-in follow-ups")
        self.tabs.addTab(self._build_feedback(), "Feed&back")
        self.incidents_index = self.tabs.addTab(self._build_incidents(), "&Incidents")
        self.calculator_index = self.tabs.addTab(self.calculator, "Deadline &calculator")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Correspondence"))
        layout.addWidget(self.tabs, 1)
        QShortcut(QKeySequence("Ctrl+D"), self, self._focus_calculator)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_find)
        QShortcut(QKeySequence("Ctrl+N"), self, self._new_for_tab)

    # --- building -------------------------------------------------------------------------------

    def _combo(self, name: str, items: Sequence[tuple[object, str]]) -> QComboBox:
        combo = QComboBox()
        for key, text in items:
            combo.addItem(text, key)
        combo.setAccessibleName(name)
        return combo

    @staticmethod
    def _labelled(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        return label

    def _build_log(self) -> QWidget:
        self.log_button = QPushButton("&Log correspondence (Ctrl+N)")
        self.log_view = self._combo("Show", [(k, t) for k, t in LOG_VIEWS])
        self.owner_filter = self._combo("Owner", [(None, "Everyone")])
        self.channel_filter = self._combo("Channel", [(None, "Every channel"), *CHANNELS.items()])
        self.log_find = QLineEdit()
        self.log_find.setClearButtonEnabled(True)
        self.log_find.setPlaceholderText("Reference, name, subject...")
        self.log_find.setAccessibleName("Find correspondence")
        bar = QHBoxLayout()
        bar.addWidget(self.log_button)
        bar.addSpacing(12)
        for text, widget in (
            ("S&how:", self.log_view),
            ("&Owner:", self.owner_filter),
            ("C&hannel:", self.channel_filter),
            ("F&ind:", self.log_find),
        ):
            bar.addWidget(self._labelled(text, widget))
            bar.addWidget(widget, 1 if widget is self.log_find else 0)

        self.log_model = CorrespondenceTableModel(self)
        self.log_table = table_view("Correspondence", self.log_model, CorrespondenceTableModel.DUE)
        self.log_detail = detail_box("The chosen correspondence", "Choose an item to see it here.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.log_table)
        splitter.addWidget(self.log_detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.log_actions: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text in (
            ("acknowledge", "&Acknowledged"),
            (HOLDING, "Holding res&ponse"),
            (RESPOND, "&Responded"),
            (CLOSE, "Clos&e"),
            (PAUSE, "Pa&use clock"),
            (RESUME, "Resu&me clock"),
            (EXTEND, "E&xtend"),
            (REASSIGN, "Pass &to..."),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, k=key: self.log_action(k))
            self.log_actions[key] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.log_status = QLabel()
        self.log_status.setWordWrap(True)
        self.log_status.setTextFormat(Qt.TextFormat.PlainText)
        # Letters: for the chosen item, the day's batch, and the offer after a holding response.
        self.letter_button = QPushButton("Write a letter... (Ctrl+Shift+W)")
        self.letter_button.setToolTip(
            "A letter about the chosen item, in the customer's preferred format"
        )
        self.batch_button = QPushButton("Letters &due today...")
        self.batch_button.setToolTip(
            "Every acknowledgement due today: print them as one job or save them as PDFs"
        )
        self.letter_offer = QPushButton("Print the holding response letter... (Ctrl+Shift+W)")
        self.letter_offer.setAccessibleName("Holding response letter")
        self.letter_offer.hide()
        self._offer_id: int | None = None
        letters_row = QHBoxLayout()
        letters_row.addWidget(self.letter_button)
        letters_row.addWidget(self.batch_button)
        letters_row.addWidget(self.letter_offer)
        letters_row.addStretch(1)
        self.letter_button.clicked.connect(self.write_letter)
        self.batch_button.clicked.connect(lambda: self.print_letters_due())
        self.letter_offer.clicked.connect(self.write_letter)
        QShortcut(QKeySequence("Ctrl+Shift+W"), self, self.write_letter)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addLayout(letters_row)
        layout.addWidget(self.log_status)
        self.log_button.clicked.connect(self.log_new)
        for combo in (self.log_view, self.owner_filter, self.channel_filter):
            combo.activated.connect(lambda _i: self.refresh_log())
        self.log_find.textChanged.connect(self._log_find_changed)
        self.log_table.selectionModel().currentRowChanged.connect(self._show_item)
        return tab

    def _build_follow_ups(self) -> QWidget:
        note = QLabel(
            "Walk-in enquiries not resolved at first contact, with the officer named and the "
            "target date agreed with the customer (from the outcome on Today)."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.follow_up_done_too = QCheckBox("Show &done ones too")
        self.follow_up_button = QPushButton("Follow-up &done...")
        self.follow_up_model = CorrespondenceFollowUpModel(self)
        self.follow_up_table = table_view(
            "Walk-in follow-ups", self.follow_up_model, CorrespondenceFollowUpModel.TARGET
        )
        self.follow_up_status = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.follow_up_button)
        bar.addWidget(self.follow_up_done_too)
        bar.addStretch(1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.follow_up_table, 1)
        layout.addWidget(self.follow_up_status)
        self.follow_up_done_too.toggled.connect(lambda _c: self.refresh_follow_ups())
        self.follow_up_button.clicked.connect(self.follow_up_done)
        return tab

    def _build_feedback(self) -> QWidget:
        self.feedback_button = QPushButton("Record &feedback (Ctrl+N)")
        self.incident_button = QPushButton("Record an i&ncident...")
        self.feedback_view = self._combo("Show feedback", FEEDBACK_VIEWS)
        bar = QHBoxLayout()
        bar.addWidget(self.feedback_button)
        bar.addWidget(self.incident_button)
        bar.addSpacing(12)
        bar.addWidget(self._labelled("S&how:", self.feedback_view))
        bar.addWidget(self.feedback_view)
        bar.addStretch(1)
        self.feedback_model = FeedbackTableModel(self)
        self.feedback_table = table_view(
            "Feedback", self.feedback_model, FeedbackTableModel.RECEIVED
        )
        self.feedback_table.sortByColumn(FeedbackTableModel.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.feedback_detail = detail_box("The chosen feedback", "Choose feedback to read it here.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.feedback_table)
        splitter.addWidget(self.feedback_detail)
        self.feedback_actions: dict[FeedbackAction, QPushButton] = {}
        actions = QHBoxLayout()
        for action, text in (
            (FeedbackAction.SHARE, "&Share with the officer"),
            (FeedbackAction.RESOLVE_INFORMALLY, "Resolved &informally..."),
            (FeedbackAction.MAKE_FORMAL, "Formal &complaint..."),
            (FeedbackAction.ESCALATE, "Escalate to a &manager..."),
            (FeedbackAction.CLOSE, "Clos&e..."),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, a=action: self.feedback_action(a))
            self.feedback_actions[action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        self.feedback_status = QLabel()
        self.feedback_status.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.feedback_status)
        self.feedback_button.clicked.connect(self.record_feedback)
        self.incident_button.clicked.connect(self.record_incident)
        self.feedback_view.activated.connect(lambda _i: self.refresh_feedback())
        self.feedback_table.selectionModel().currentRowChanged.connect(self._show_feedback)
        return tab

    def _build_incidents(self) -> QWidget:
        note = QLabel(
            "Aggressive or abusive behaviour (policy 4.2). Only managers see this log; threats "
            "of violence are reported to the police."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.incident_model = IncidentTableModel(self)
        self.incident_table = table_view("Incidents", self.incident_model, IncidentTableModel.WHEN)
        self.incident_table.sortByColumn(IncidentTableModel.WHEN, Qt.SortOrder.DescendingOrder)
        self.incident_detail = detail_box("The chosen incident", "Choose an incident to read it.")
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.incident_table)
        splitter.addWidget(self.incident_detail)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(note)
        layout.addWidget(splitter, 1)
        self.incident_table.selectionModel().currentRowChanged.connect(self._show_incident)
        return tab

    # --- refreshing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        services = self.state.services
        status = services.office.status()
        self._zone = status.local_now.tzinfo or self._zone
        self._today = status.local_now.date()
        self._now = status.local_now
        key = services.office.active_office_key()
        self._staff = services.staff.list_staff(key, include_inactive=False) if key else []
        self._fill_owner_filter()
        self.calculator.refresh()
        self.refresh_log()
        self.refresh_follow_ups()
        self.refresh_feedback()
        manager = self.state.is_manager
        self.tabs.setTabVisible(self.incidents_index, manager)
        if manager:
            self.refresh_incidents()
        else:
            self.incident_model.set_rows([])

    def _fill_owner_filter(self) -> None:
        current = self.owner_filter.currentData()
        self.owner_filter.clear()
        self.owner_filter.addItem("Everyone", None)
        for member in self._staff:
            self.owner_filter.addItem(member.full_name, member.id)
        self.owner_filter.setCurrentIndex(max(0, self.owner_filter.findData(current)))

    LOG_SYNC_ROWS = 2000
    """A view of up to this many items is re-read at once (a few milliseconds); a longer one
    (or 'Closed' / 'All', not counted beforehand) on a worker thread, the rows shown staying
    until the new ones are ready."""
    LOADING = "Loading..."

    def refresh_log(self, select_id: int | None = None) -> None:
        """Re-read the log for the view and filters chosen, keeping the chosen item."""
        self._log_request += 1
        request = self._log_request
        try:
            log = self.state.services.correspondence()
            self._engine = log.deadline_engine()
            counts = log.counts()
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return
        for index, (key, text) in enumerate(LOG_VIEWS):
            if key in counts:
                self.log_view.setItemText(index, f"{text} ({counts[key]})")
        view = str(self.log_view.currentData())
        owner, channel = self.owner_filter.currentData(), self.channel_filter.currentData()
        self.log_model.set_context(self._engine, self._today, self._zone, self._now)
        model = self.log_model

        def read(_progress: object = None) -> PreparedRows[CorrespondenceItem]:
            # Worker-safe: the services open their own sessions; prepare() touches no widget.
            return model.prepare(log.list_items(view, owner, channel))

        if counts.get(view, self.LOG_SYNC_ROWS + 1) <= self.LOG_SYNC_ROWS:
            self._log_job = None
            try:
                prepared = read()
            except ReceptionError as exc:
                self.log_status.setText(str(exc))
                return
            self._swap_log_rows(prepared, select_id)
            return

        def done(prepared: PreparedRows[CorrespondenceItem]) -> None:
            if request == self._log_request:
                self._log_job = None
                # A message set meanwhile (e.g. "... recorded as sent") stays.
                count = self.log_status.text() == self.LOADING
                self._swap_log_rows(prepared, select_id, count)

        def failed(exc: BaseException) -> None:
            if request == self._log_request:
                self._log_job = None
                self.log_status.setText(
                    str(exc) if isinstance(exc, ReceptionError) else "The log could not be read."
                )

        self.log_status.setText(self.LOADING)
        self._log_job = start_job(read, done, failed)

    def log_loading(self) -> bool:
        """A re-read of the log is under way on a worker thread."""
        return self._log_job is not None

    def _swap_log_rows(
        self,
        prepared: PreparedRows[CorrespondenceItem],
        select_id: int | None,
        count: bool = True,
    ) -> None:
        # The item chosen now (the person may have moved while the log was loading).
        keep = select_id if select_id is not None else self._current_item_id()
        self.log_model.set_prepared(prepared)
        self.log_table.resizeColumnsToContents()
        select_where(self.log_table, self.log_model, lambda i: i.id == keep)
        self._show_item()
        if count:
            self._log_count()

    def _log_count(self) -> None:
        shown, total = self.log_model.rowCount(), self.log_model.total
        view = LOG_VIEWS[self.log_view.currentIndex()][1].lower()
        if total == 0:
            self.log_status.setText(f"Nothing in '{view}'.")
        elif shown == total:
            self.log_status.setText(f"{total} item{'s' if total != 1 else ''} in '{view}'.")
        else:
            self.log_status.setText(
                f"{shown} of {total} in '{view}' match '{self.log_find.text().strip()}'."
            )

    def _log_find_changed(self, text: str) -> None:
        keep = self._current_item_id()
        self.log_model.set_filter(text)
        select_where(self.log_table, self.log_model, lambda i: i.id == keep)
        self._show_item()
        self._log_count()

    def refresh_follow_ups(self) -> None:
        try:
            rows = self.state.services.correspondence().follow_ups(
                self.follow_up_done_too.isChecked()
            )
        except ReceptionError as exc:
            self.follow_up_status.setText(str(exc))
            return
        if self._engine is not None:
            self.follow_up_model.due = DueTexts(self._engine, self._today)
        self.follow_up_model.set_rows(rows)
        self.follow_up_table.resizeColumnsToContents()
        open_count = sum(1 for r in rows if r.is_open)
        self.follow_up_status.setText(
            f"{open_count} follow-up{'s' if open_count != 1 else ''} open."
        )

    def refresh_feedback(self, select_id: int | None = None) -> None:
        current = current_value(self.feedback_table)
        keep = (
            select_id
            if select_id is not None
            else (current.id if isinstance(current, Feedback) else None)
        )
        try:
            rows = self.state.services.feedback().list_feedback(
                str(self.feedback_view.currentData())
            )
        except ReceptionError as exc:
            self.feedback_status.setText(str(exc))
            return
        self.feedback_model.zone = self._zone
        self.feedback_model.set_rows(rows)
        self.feedback_table.resizeColumnsToContents()
        select_where(self.feedback_table, self.feedback_model, lambda f: f.id == keep)
        self._show_feedback()
        self.feedback_status.setText(f"{len(rows)} shown.")

    def refresh_incidents(self) -> None:
        try:
            rows = self.state.services.feedback().incidents(self.state.actor)
        except ReceptionError:
            rows = []
        self.incident_model.zone = self._zone
        self.incident_model.set_rows(rows)
        self.incident_table.resizeColumnsToContents()
        self._show_incident()

    # --- showing the chosen row -----------------------------------------------------------------

    def current_item(self) -> CorrespondenceItem | None:
        value = current_value(self.log_table)
        return value if isinstance(value, CorrespondenceItem) else None

    def _current_item_id(self) -> int | None:
        item = self.current_item()
        return item.id if item else None

    def _show_item(self, *_args: object) -> None:
        chosen = self.current_item()
        item = None
        if chosen is not None:
            try:
                item = self.state.services.correspondence().get(chosen.id)
            except ReceptionError as exc:
                self.log_status.setText(str(exc))
        self._shown_item = item
        self.letter_offer.setVisible(item is not None and item.id == self._offer_id)
        self.letter_button.setEnabled(item is not None)
        if item is None or self._engine is None:
            self.log_detail.setPlainText("")
            for button in self.log_actions.values():
                button.setEnabled(False)
            return
        self.log_detail.setPlainText(item_details(item, self._engine, self._today, self._zone))
        is_open = item.is_open
        paused = item.status is CorrespondenceStatus.PAUSED
        enabled = {
            "acknowledge": is_open and item.acknowledged_at is None,
            HOLDING: is_open and item.responded_at is None,
            RESPOND: is_open and item.responded_at is None and not paused,
            CLOSE: is_open,
            PAUSE: is_open
            and channel_can_pause(item.channel)
            and not paused
            and item.responded_at is None,
            RESUME: is_open and paused,
            EXTEND: is_open
            and channel_can_extend(item.channel)
            and not item.extension_reason
            and item.responded_at is None,
            REASSIGN: is_open,
        }
        for key, button in self.log_actions.items():
            button.setEnabled(enabled[key])

    def current_feedback(self) -> Feedback | None:
        value = current_value(self.feedback_table)
        return value if isinstance(value, Feedback) else None

    def _show_feedback(self, *_args: object) -> None:
        item = self.current_feedback()
        self.feedback_detail.setPlainText(feedback_details(item, self._zone) if item else "")
        allowed = item.actions() if item else set()
        for action, button in self.feedback_actions.items():
            button.setEnabled(action in allowed)

    def _show_incident(self, *_args: object) -> None:
        value = current_value(self.incident_table)
        self.incident_detail.setPlainText(
            incident_details(value, self._zone) if isinstance(value, Incident) else ""
        )

    # --- actions --------------------------------------------------------------------------------

    def _new_for_tab(self) -> None:
        if self.tabs.currentIndex() == 2:
            self.record_feedback()
        else:
            self.tabs.setCurrentIndex(0)
            self.log_new()

    def _focus_find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.log_find.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.log_find.selectAll()

    def _focus_calculator(self) -> None:
        self.tabs.setCurrentIndex(self.calculator_index)
        self.calculator.focus_calculator()

    def log_dialog(self) -> CorrespondenceDialog:
        services = self.state.services
        log = services.correspondence()
        engine = log.deadline_engine()
        now = services.office.status().local_now
        actor = self.state.actor
        owner = (
            actor.id if actor is not None and any(s.id == actor.id for s in self._staff) else None
        )
        return CorrespondenceDialog(
            engine,
            now,
            self._staff,
            owner,
            log.preview,
            lambda draft: log.log(actor, draft),
            parent=self,
            contacts=ContactLookup.from_state(self.state),
        )

    def log_new(self) -> None:
        try:
            dialog = self.log_dialog()
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return
        if dialog.exec() and dialog.item is not None:
            self._changed(dialog.item.id)
            self.log_status.setText(f"{dialog.item.reference} logged.")

    def action_dialog(self, mode: str, item: CorrespondenceItem) -> CorrespondenceActionDialog:
        log = self.state.services.correspondence()
        actor = self.state.actor

        def save(dialog: CorrespondenceActionDialog) -> object:
            if mode == HOLDING:
                return log.send_holding_response(
                    actor, item.id, dialog.reason_text, dialog.expected_on, dialog.contact_id
                )
            if mode == PAUSE:
                return log.pause_clock(
                    actor,
                    item.id,
                    dialog.pause_reason_key,
                    dialog.asked_on_date,
                    dialog.answered_on_date,
                    dialog.note_text,
                )
            if mode == RESUME:
                answered = dialog.answered_on_date
                assert answered is not None
                return log.resume_clock(actor, item.id, answered)
            if mode == EXTEND:
                return log.extend(actor, item.id, dialog.reason_text)
            if mode == RESPOND:
                return log.respond(actor, item.id, dialog.note_text)
            if mode == REASSIGN:
                owner = dialog.contact_id
                if owner is None:
                    raise ValidationError("Choose the new owner.", "owner")
                return log.reassign(actor, item.id, owner)
            return log.close(actor, item.id, dialog.note_text)

        open_pause = item.open_pause
        return CorrespondenceActionDialog(
            mode,
            f"{item.reference} from {item.from_name}: {item.subject}",
            self._today,
            save,
            channel=item.channel,
            staff=self._staff,
            owner_id=item.owner_id,
            asked_on=open_pause.asked_on if open_pause else None,
            parent=self,
        )

    def log_action(self, key: str) -> None:
        item = getattr(self, "_shown_item", None)
        if item is None:
            self.log_status.setText("Choose an item first.")
            return
        if key == "acknowledge":
            try:
                self.state.services.correspondence().acknowledge(self.state.actor, item.id)
            except ReceptionError as exc:
                self.log_status.setText(str(exc))
                return
            self._changed(item.id)
            return
        dialog = self.action_dialog(key, item)
        if dialog.exec() and dialog.result_value is not None:
            if key == HOLDING:
                self._offer_id = item.id
            self._changed(item.id)
            if key == HOLDING:
                self.log_status.setText(
                    f"Holding response recorded for {item.reference}. Print the letter about "
                    "it now? (Ctrl+Shift+W)"
                )
                self.letter_offer.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- letters --------------------------------------------------------------------------------

    def letter_key(self, item: CorrespondenceItem) -> str:
        """The letter for the item as it stands (channel and state)."""
        from reception_app.services.letter_service import correspondence_letter

        return correspondence_letter(
            item.channel,
            held=bool(item.holding_responses),
            answered=item.responded_at is not None or item.closed_at is not None,
        )

    def letter_dialog(self, item: CorrespondenceItem) -> LetterDialog:
        from reception_app.services.letter_service import LetterSource

        return letter_dialog_for(
            self.state, LetterSource("correspondence", item.id), self.letter_key(item), self
        )

    def show_letter(self, dialog: LetterDialog) -> None:
        """Show the letter dialog until it is closed (tests replace this method)."""
        dialog.exec()

    def write_letter(self) -> None:
        item = getattr(self, "_shown_item", None)
        if item is None:
            self.log_status.setText("Choose an item first, then write the letter.")
            return
        try:
            dialog = self.letter_dialog(item)
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return
        dialog.finished.connect(lambda _result: self._letter_closed(dialog, item))
        self.show_letter(dialog)

    def _letter_closed(self, dialog: LetterDialog, item: CorrespondenceItem) -> None:
        if not dialog.sent:
            return
        title = dialog.produced.draft.template.title if dialog.produced else "Letter"
        if self._offer_id == item.id:
            self._offer_id = None
            self.letter_offer.hide()
        self.log_status.setText(f"'{title}' for {item.reference} recorded as sent.")
        self.state.data_changed.emit()

    def print_letters_due(self, how: str | None = None, folder: Path | None = None) -> object:
        """Every acknowledgement due today: printed as one job or saved as PDFs to a folder,
        off the UI thread with progress and Cancel (``how``/``folder`` skip the questions)."""
        from reception_app.ui.letter_batch import print_batch

        try:
            letters = self.state.services.letters()
            requests = letters.due_today()
        except ReceptionError as exc:
            self.log_status.setText(str(exc))
            return None

        def report(text: str) -> None:
            self.log_status.setText(text)
            self.refresh_log()
            self.log_status.setText(text)
            self.state.data_changed.emit()

        return print_batch(
            self,
            letters,
            requests,
            self.state.actor,
            self.state.paths.data_dir / "braille",
            how=how,
            folder=folder,
            report=report,
        )

    def follow_up_done(self) -> None:
        value = current_value(self.follow_up_table)
        if not isinstance(value, FollowUp) or not value.is_open:
            self.follow_up_status.setText("Choose an open follow-up first.")
            return
        log = self.state.services.correspondence()
        actor = self.state.actor

        def save(dialog: CorrespondenceActionDialog) -> object:
            log.close_follow_up(actor, value.visit_id, dialog.note_text)
            return True

        dialog = CorrespondenceActionDialog(
            FOLLOW_UP,
            f"{value.ticket} ({day_text(value.visit_day)}), {value.visitor}: {value.service_name}",
            self._today,
            save,
            parent=self,
        )
        if dialog.exec():
            self.refresh_follow_ups()
            self.state.data_changed.emit()

    def feedback_dialog(self) -> FeedbackDialog:
        services = self.state.services
        feedback = services.feedback()
        now = services.office.status().local_now
        names = [s.name for s in services.office.profile().services if s.active]
        actor = self.state.actor
        return FeedbackDialog(
            now, self._zone, self._staff, names, lambda d: feedback.record(actor, d), parent=self
        )

    def record_feedback(self) -> None:
        dialog = self.feedback_dialog()
        if dialog.exec() and dialog.feedback is not None:
            self.refresh_feedback(dialog.feedback.id)
            self.state.data_changed.emit()

    def incident_dialog(self) -> IncidentDialog:
        services = self.state.services
        now = services.office.status().local_now
        actor = self.state.actor
        feedback = services.feedback()
        return IncidentDialog(
            now, self._zone, lambda d: feedback.record_incident(actor, d), parent=self
        )

    def record_incident(self) -> None:
        dialog = self.incident_dialog()
        if dialog.exec() and dialog.number is not None:
            self.feedback_status.setText(
                f"Incident #{dialog.number} recorded. Managers can read it in the incident log."
            )
            if self.state.is_manager:
                self.refresh_incidents()
            self.state.data_changed.emit()

    def feedback_action_dialog(
        self, action: FeedbackAction, item: Feedback
    ) -> FeedbackActionDialog:
        feedback = self.state.services.feedback()
        actor = self.state.actor

        def save(dialog: FeedbackActionDialog) -> Feedback:
            if action is FeedbackAction.RESOLVE_INFORMALLY:
                return feedback.resolve_informally(actor, item.id, dialog.outcome_text)
            if action is FeedbackAction.MAKE_FORMAL:
                return feedback.make_formal(actor, item.id, dialog.person_id)
            if action is FeedbackAction.ESCALATE:
                return feedback.escalate(actor, item.id, dialog.person_id)
            return feedback.close(actor, item.id, dialog.outcome_text)

        return FeedbackActionDialog(action, item, self._staff, save, parent=self)

    def feedback_action(self, action: FeedbackAction) -> None:
        item = self.current_feedback()
        if item is None:
            return
        if action is FeedbackAction.SHARE:
            try:
                self.state.services.feedback().share(self.state.actor, item.id)
            except ReceptionError as exc:
                self.feedback_status.setText(str(exc))
                return
            self.refresh_feedback(item.id)
            self.state.data_changed.emit()
            return
        dialog = self.feedback_action_dialog(action, item)
        if dialog.exec() and dialog.feedback is not None:
            self.refresh_feedback(item.id)
            if action is FeedbackAction.MAKE_FORMAL:
                self.refresh_log()
            self.state.data_changed.emit()

    def _changed(self, select_id: int | None = None) -> None:
        self.refresh_log(select_id)
        self.state.data_changed.emit()

    # --- the calculator, as the page offered it before it had tabs ------------------------------

    def received_at(self) -> datetime:
        return self.calculator.received_at()

    def due_texts(self) -> dict[str, str]:
        return self.calculator.due_texts()


class DeadlineCalculator(Page):
    """The calculator and the office's published standards (the 'Deadline calculator' tab)."""

    title = "Deadline calculator"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._engine: DeadlineEngine | None = None
        self._zone = ZoneInfo("Europe/London")
        self._now = state.now().astimezone(self._zone)
        self._received_chosen = False

        self.channel = QComboBox()
        for key, name in CHANNELS.items():
            self.channel.addItem(name, key)
        self.channel.setCurrentIndex(self.channel.findData("letter"))
        self.received = QDateTimeEdit()
        self.received.setTimeZone(QTimeZone.utc())  # the fields are office wall-clock time
        self.received.setDisplayFormat("ddd d MMM yyyy   HH:mm")
        self.received.setCalendarPopup(True)
        self.now_button = QPushButton("Received &now")
        self.future_note = QLabel()
        self.future_note.setWordWrap(True)
        self.future_note.setProperty("role", "hint")
        self.future_note.hide()

        calculator = QFormLayout()
        calculator.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._buddy_row(calculator, "&Channel:", self.channel)
        received_row = QWidget()
        row = QHBoxLayout(received_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.received, 1)
        row.addWidget(self.now_button)
        received_label = QLabel("&Received:")
        received_label.setBuddy(self.received)
        self.received.setAccessibleName("Received date and time")
        calculator.addRow(received_label, received_row)
        calculator.addRow("", self.future_note)
        self.results = calculator
        self.result_labels: dict[str, QLabel] = {}
        for name in (*CLOCK_NAMES, "extended"):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFont(scaled_font(self.font(), 1.0, bold=True))
            self.result_labels[name] = value
            calculator.addRow(QLabel(), value)
        self.no_clock_note = QLabel()
        self.no_clock_note.setWordWrap(True)
        calculator.addRow(self.no_clock_note)

        # As wide as its labels and dates need, not the whole window: the eye stays on one line.
        calculator_box = QWidget()
        box_layout = QHBoxLayout(calculator_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addLayout(calculator)
        box_layout.addStretch(1)

        self.standards = QTableWidget(0, 4)
        self.standards.setHorizontalHeaderLabels(
            ["Channel", "Acknowledge", "Respond", "Final reply"]
        )
        self.standards.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.standards.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.standards.setAlternatingRowColors(True)
        self.standards.verticalHeader().hide()
        header = self.standards.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.standards.verticalHeader()
        # Rows grow when a description wraps (large text), never below the normal height.
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.standards.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.standards_label = QLabel("Service &standards")
        self.standards_label.setFont(scaled_font(self.font(), 1.2, bold=True))
        self.standards_label.setBuddy(self.standards)
        self.standards.setAccessibleName("Service standards")
        self.standards_note = QLabel(
            "Working days are the office's own: Monday to Friday, not bank holidays or closure "
            "days. Statutory working days (FOI, EIR) leave out a bank holiday anywhere in the "
            "UK, but the office's closure days still count. The day of receipt is day 0."
        )
        self.standards_note.setWordWrap(True)
        self.standards_note.setProperty("role", "hint")

        layout = QVBoxLayout(self)
        calculator_card = self.card(self.heading("When is it due?", 1.2), calculator_box)
        calculator_card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(calculator_card)
        layout.addWidget(self.standards_label)
        layout.addWidget(self.standards)
        layout.addWidget(self.standards_note)
        layout.addStretch(1)

        self.channel.currentIndexChanged.connect(self.recalculate)
        self.received.dateTimeChanged.connect(self._received_edited)
        self.now_button.clicked.connect(self._received_now)
        QWidget.setTabOrder(self.channel, self.received)
        QWidget.setTabOrder(self.received, self.now_button)
        QWidget.setTabOrder(self.now_button, self.standards)

    @staticmethod
    def _buddy_row(form: QFormLayout, text: str, widget: QWidget) -> None:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        form.addRow(label, widget)

    # --- reading ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        office = self.state.services.office
        profile = office.profile()
        self._engine = DeadlineEngine.from_profile(profile)
        self._zone = ZoneInfo(profile.timezone)
        self._now = office.status().local_now
        self.standards_label.setText(f"Service &standards of {profile.name.replace('&', '&&')}")
        rows = [key for key in CHANNELS if key in profile.standards]
        self.standards.setRowCount(len(rows))
        for row, key in enumerate(rows):
            clocks = profile.standards[key].clocks()
            cells = [CHANNELS[key]] + [
                clocks[name].describe() if name in clocks else "—" for name in CLOCK_NAMES
            ]
            for column, text in enumerate(cells):
                self.standards.setItem(row, column, QTableWidgetItem(text))
        if not self._received_chosen:
            self._set_received(self._now)
        self.recalculate()

    # --- the calculator ---------------------------------------------------------------------------

    def received_at(self) -> datetime:
        """The received date and time typed, as an aware datetime in the office's zone."""
        value = self.received.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute(), tzinfo=self._zone)

    def _set_received(self, moment: datetime) -> None:
        local = moment.astimezone(self._zone)
        self.received.blockSignals(True)
        self.received.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day),
                QTime(local.hour, local.minute),
                QTimeZone.utc(),
            )
        )
        self.received.blockSignals(False)

    def _received_edited(self) -> None:
        self._received_chosen = True
        self.recalculate()

    def _received_now(self) -> None:
        self._received_chosen = False
        self._now = self.state.services.office.status().local_now
        self._set_received(self._now)
        self.recalculate()

    def focus_calculator(self) -> None:
        self.channel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def recalculate(self) -> None:
        """Show each due date for the channel and received time chosen."""
        engine = self._engine
        if engine is None:
            return
        channel = str(self.channel.currentData())
        received = self.received_at()
        today = self._now.date()
        if received > self._now + timedelta(minutes=1):
            self.future_note.setText("This is in the future: the dates below are for planning.")
            self.future_note.show()
        else:
            self.future_note.hide()

        standard = engine.standards.get(channel)
        clocks = standard.clocks() if standard is not None else {}
        due = engine.due_dates_for(channel, received) if standard is not None else {}
        for name in CLOCK_NAMES:
            value = self.result_labels[name]
            label = self.results.labelForField(value)
            rule = clocks.get(name)
            visible = rule is not None
            if rule is not None:
                assert isinstance(label, QLabel)
                label.setText(f"{rule_phrase(CLOCK_LABELS[name], rule)}:")
                value.setText(
                    due_text(engine, due[name], today)
                    if name in due
                    else "agree it with the customer and record it"
                )
            self.results.setRowVisible(value, visible)

        extended = self.result_labels["extended"]
        extended_label = self.results.labelForField(extended)
        assert isinstance(extended_label, QLabel)
        if channel == "sar":
            extended_label.setText("If complex (three calendar months):")
            extended.setText(due_text(engine, engine.sar_extended(received), today))
        elif channel == "eir":
            extended_label.setText("If complex and voluminous (40 statutory working days):")
            extended.setText(due_text(engine, engine.eir_extended(received), today))
        self.results.setRowVisible(extended, channel in ("sar", "eir"))

        if not clocks:
            self.no_clock_note.setText(
                f"The office has no standard for {CHANNELS.get(channel, channel).lower()}: "
                "set one in Settings."
            )
        self.results.setRowVisible(self.no_clock_note, not clocks)
        # Hiding form rows does not reach the page's layout by itself: re-fit the card now.
        self.results.invalidate()

    def due_texts(self) -> dict[str, str]:
        """What the calculator shows for each clock, e.g. {'respond': 'Tue 8 Dec 2026 (...)'}."""
        return {
            name: label.text()
            for name, label in self.result_labels.items()
            if self.results.isRowVisible(label)
        }
