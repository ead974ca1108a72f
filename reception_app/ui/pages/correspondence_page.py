"""Correspondence: the log, walk-in follow-ups, feedback, incidents and the deadline calculator.

The log shows deadlines (due soon, overdue, by owner, by channel), clock pauses and extensions
for SAR, FOI and EIR; the incident log is for managers only. Each tab is a panel of
``reception_app.ui.panels``; this page lays them out and owns the keyboard shortcuts:
Ctrl+N log correspondence (record feedback on the Feedback tab), Ctrl+F find, Ctrl+D the
deadline calculator, Ctrl+Shift+W write a letter about the chosen item (the acknowledgement for
its channel, the holding response once one is recorded, "if you are not satisfied" once
answered).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from reception_app.domain.changes import Topic
from reception_app.domain.correspondence import CorrespondenceItem
from reception_app.domain.feedback import Feedback, FeedbackAction
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import CorrespondenceActionDialog
from reception_app.ui.dialogs.correspondence_dialog import CorrespondenceDialog
from reception_app.ui.dialogs.feedback_action_dialog import FeedbackActionDialog
from reception_app.ui.dialogs.feedback_dialog import FeedbackDialog
from reception_app.ui.dialogs.incident_dialog import IncidentDialog
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.pages.correspondence_reading import CorrespondenceView, Lists, read_lists
from reception_app.ui.pages.page import Page
from reception_app.ui.panels.correspondence_context import CorrespondenceContext
from reception_app.ui.panels.correspondence_log_panel import CorrespondenceLogPanel
from reception_app.ui.panels.deadline_calculator_panel import DeadlineCalculatorPanel
from reception_app.ui.panels.feedback_panel import FeedbackPanel
from reception_app.ui.panels.follow_ups_panel import FollowUpsPanel
from reception_app.ui.panels.incidents_panel import IncidentsPanel
from reception_app.ui.shortcuts import bind


class CorrespondencePage(Page):
    title = "Correspondence"
    topics = frozenset({Topic.CORRESPONDENCE, Topic.CONTACTS, Topic.NOTIFICATIONS})

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        zone = ZoneInfo("Europe/London")
        self.context = CorrespondenceContext(zone, state.now().astimezone(zone).date())
        self.calculator = DeadlineCalculatorPanel(state)
        self.log_panel = CorrespondenceLogPanel(
            state, self.context, lambda dialog: self.show_letter(dialog)
        )
        self.follow_ups = FollowUpsPanel(state, self.context)
        self.feedback = FeedbackPanel(state, self.context)
        self.incidents = IncidentsPanel(state, self.context)
        self.feedback.complaint_made.connect(lambda: self.log_panel.refresh_log())
        self.feedback.incident_recorded.connect(self._incident_recorded)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Correspondence sections")
        self.tabs.addTab(self.log_panel, "&Log")
        self.tabs.addTab(self.follow_ups, "&Walk-in follow-ups")
        self.feedback_index = self.tabs.addTab(self.feedback, "Feed&back")
        self.incidents_index = self.tabs.addTab(self.incidents, "&Incidents")
        self.calculator_index = self.tabs.addTab(self.calculator, "Deadline &calculator")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Correspondence"))
        layout.addWidget(self.tabs, 1)
        bind(self, "write_letter", self.log_panel.write_letter, "Letter about the chosen item")
        bind(self, "deadline_calculator", self._focus_calculator)
        bind(self, "find", self._focus_find, "Find correspondence")
        bind(self, "new", self._new_for_tab, "Log correspondence (on Feedback: record feedback)")
        self._keep_names()

    def _keep_names(self) -> None:
        """The panels' parts under the names the page offered before it had panels."""
        log, calculator = self.log_panel, self.calculator
        self.log_view, self.owner_filter = log.log_view, log.owner_filter
        self.channel_filter, self.log_find = log.channel_filter, log.log_find
        self.log_model, self.log_table, self.log_detail = (
            log.log_model,
            log.log_table,
            log.log_detail,
        )
        self.log_actions, self.log_status = log.log_actions, log.log_status
        self.batch_result = log.batch_result
        self.letter_button, self.letter_offer = log.letter_button, log.letter_offer
        self.follow_up_model = self.follow_ups.follow_up_model
        self.follow_up_table = self.follow_ups.follow_up_table
        self.feedback_model = self.feedback.feedback_model
        self.feedback_table, self.feedback_detail = (
            self.feedback.feedback_table,
            self.feedback.feedback_detail,
        )
        self.feedback_actions = self.feedback.feedback_actions
        self.feedback_status = self.feedback.feedback_status
        self.incident_model = self.incidents.incident_model
        self.incident_table = self.incidents.incident_table
        self.incident_detail = self.incidents.incident_detail
        self.channel, self.received = calculator.channel, calculator.received
        self.now_button, self.future_note = calculator.now_button, calculator.future_note
        self.results, self.result_labels = calculator.results, calculator.result_labels
        self.standards = calculator.standards

    # --- refreshing -----------------------------------------------------------------------------

    def refresh(self) -> None:
        services = self.state.services
        status = services.office.status()
        context = self.context
        context.zone = status.local_now.tzinfo or context.zone
        context.today = status.local_now.date()
        context.now = status.local_now
        key = services.office.active_office_key()
        context.staff = services.staff.list_staff(key, include_inactive=False) if key else []
        self.log_panel.fill_owner_filter()
        self.calculator.refresh()
        self.log_panel.refresh_log()
        self.follow_ups.refresh()
        self.feedback.refresh()
        manager = self.state.is_manager
        self.tabs.setTabVisible(self.incidents_index, manager)
        if manager:
            self.incidents.refresh()
        else:
            self.incidents.clear()

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """Another desk changed correspondence or contacts: the lists only, read on a worker
        (not the office, the staff or the calculator, read when the page is shown)."""
        if self.context.engine is None:
            return None  # never read yet: the page's refresh reads everything
        services, lists = self.state.services, self._lists()
        prepare = self.log_panel.log_model.prepare  # works out texts without touching the model

        def read() -> CorrespondenceView:
            return read_lists(services, lists, prepare)

        def show(view: CorrespondenceView) -> None:
            with keep_view(self):
                self._show_lists(view)

        return read, show

    def _lists(self) -> Lists:
        log = self.log_panel
        chosen = log.current_item()
        return Lists(
            str(log.log_view.currentData()),
            log.owner_filter.currentData(),
            log.channel_filter.currentData(),
            self.follow_ups.follow_up_done_too.isChecked(),
            str(self.feedback.feedback_view.currentData()),
            self.state.actor,
            self.state.is_manager,
            chosen.id if chosen is not None else None,
        )

    def _show_lists(self, view: CorrespondenceView) -> None:
        """Each list whose filters are still those it was read with (one the desk changed
        meanwhile was read again then)."""
        now, read = self._lists(), view.lists
        same_log = (now.log_view, now.owner, now.channel) == (
            read.log_view,
            read.owner,
            read.channel,
        )
        if same_log and view.log.rows is not None:
            self.log_panel.show_live(*view.log.rows)
        elif view.log.problem:
            self.log_panel.log_status.setText(view.log.problem)
        if now.done_too == read.done_too and view.follow_ups.rows is not None:
            self.follow_ups.show_rows(view.follow_ups.rows)
        elif view.follow_ups.problem:
            self.follow_ups.follow_up_status.setText(view.follow_ups.problem)
        if now.feedback_view == read.feedback_view and view.feedback.rows is not None:
            self.feedback.show_rows(view.feedback.rows)
        elif view.feedback.problem:
            self.feedback.feedback_status.setText(view.feedback.problem)
        if now.manager and read.manager:
            self.incidents.show_rows(view.incidents.rows or [])

    def _incident_recorded(self) -> None:
        if self.state.is_manager:
            self.incidents.refresh()

    # --- shortcuts ------------------------------------------------------------------------------

    def _new_for_tab(self) -> None:
        if self.tabs.currentIndex() == self.feedback_index:
            self.feedback.record_feedback()
        else:
            self.tabs.setCurrentIndex(0)
            self.log_panel.log_new()

    def _focus_find(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.log_panel.focus_find()

    def _focus_calculator(self) -> None:
        self.tabs.setCurrentIndex(self.calculator_index)
        self.calculator.focus_calculator()

    def show_letter(self, dialog: LetterDialog) -> None:
        """Show the letter dialog until it is closed (tests replace this method)."""
        dialog.exec()

    # --- the panels' work, as the page offered it before it had panels --------------------------

    @property
    def LOG_SYNC_ROWS(self) -> int:  # noqa: N802 - the log panel's constant, by its name
        return self.log_panel.LOG_SYNC_ROWS

    @LOG_SYNC_ROWS.setter
    def LOG_SYNC_ROWS(self, rows: int) -> None:  # noqa: N802
        self.log_panel.LOG_SYNC_ROWS = rows

    def refresh_log(self, select_id: int | None = None) -> None:
        self.log_panel.refresh_log(select_id)

    def log_loading(self) -> bool:
        return self.log_panel.log_loading()

    def current_item(self) -> CorrespondenceItem | None:
        return self.log_panel.current_item()

    def log_dialog(self) -> CorrespondenceDialog:
        return self.log_panel.log_dialog()

    def log_new(self) -> None:
        self.log_panel.log_new()

    def action_dialog(self, mode: str, item: CorrespondenceItem) -> CorrespondenceActionDialog:
        return self.log_panel.action_dialog(mode, item)

    def log_action(self, key: str) -> None:
        self.log_panel.log_action(key)

    def letter_key(self, item: CorrespondenceItem) -> str:
        return self.log_panel.letter_key(item)

    def letter_dialog(self, item: CorrespondenceItem) -> LetterDialog:
        return self.log_panel.letter_dialog(item)

    def write_letter(self) -> None:
        self.log_panel.write_letter()

    def print_letters_due(self, how: str | None = None, folder: Path | None = None) -> object:
        return self.log_panel.print_letters_due(how, folder)

    def refresh_follow_ups(self) -> None:
        self.follow_ups.refresh()

    def refresh_feedback(self, select_id: int | None = None) -> None:
        self.feedback.refresh(select_id)

    def current_feedback(self) -> Feedback | None:
        return self.feedback.current_feedback()

    def feedback_dialog(self) -> FeedbackDialog:
        return self.feedback.feedback_dialog()

    def feedback_action_dialog(
        self, action: FeedbackAction, item: Feedback
    ) -> FeedbackActionDialog:
        return self.feedback.feedback_action_dialog(action, item)

    def incident_dialog(self) -> IncidentDialog:
        return self.feedback.incident_dialog()

    def refresh_incidents(self) -> None:
        self.incidents.refresh()

    def received_at(self) -> datetime:
        return self.calculator.received_at()

    def due_texts(self) -> dict[str, str]:
        return self.calculator.due_texts()
