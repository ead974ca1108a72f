"""Feedback (a tab of Correspondence): compliments, comments, concerns and complaints."""

from __future__ import annotations

from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.correspondence import reference
from reception_app.domain.errors import ReceptionError
from reception_app.domain.feedback import FEEDBACK_CHANNELS, Feedback, FeedbackAction
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.feedback_action_dialog import FeedbackActionDialog
from reception_app.ui.dialogs.feedback_dialog import FeedbackDialog
from reception_app.ui.dialogs.incident_dialog import IncidentDialog
from reception_app.ui.models.correspondence_table_model import local_text
from reception_app.ui.models.feedback_table_model import FeedbackTableModel
from reception_app.ui.panels.correspondence_context import CorrespondenceContext
from reception_app.ui.panels.panel import Panel
from reception_app.ui.widgets.row_views import current_value, detail_box, select_where, table_view
from reception_app.ui.widgets.simple_fields import buddy_label, named_combo

FEEDBACK_VIEWS = [("open", "Open"), ("serious", "Serious"), ("all", "All")]
ACTION_BUTTONS = (
    (FeedbackAction.SHARE, "&Share with the officer"),
    (FeedbackAction.RESOLVE_INFORMALLY, "&Resolved informally..."),
    (FeedbackAction.MAKE_FORMAL, "Formal com&plaint..."),
    (FeedbackAction.ESCALATE, "Escalate to a &manager..."),
    (FeedbackAction.CLOSE, "Clos&e..."),
)


def feedback_details(item: Feedback, zone: tzinfo) -> str:
    """The whole feedback as plain text, exactly as typed."""
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


class FeedbackPanel(Panel):
    """The feedback list, the chosen one in full and what can be done with it; an incident is
    recorded from here too."""

    complaint_made = Signal()
    """Feedback became a formal complaint: the correspondence log has a new item."""
    incident_recorded = Signal()
    """An incident was recorded: the incident log has a new entry."""

    def __init__(
        self, state: DeskState, context: CorrespondenceContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(state, parent)
        self.context = context
        self.feedback_button = QPushButton("Record feedback (Ctrl+N)")
        self.incident_button = QPushButton("Record an i&ncident...")
        self.feedback_view = named_combo("Show feedback", FEEDBACK_VIEWS)
        bar = QHBoxLayout()
        bar.addWidget(self.feedback_button)
        bar.addWidget(self.incident_button)
        bar.addSpacing(12)
        bar.addWidget(buddy_label("Sh&ow:", self.feedback_view))
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
        actions = self._build_actions()
        self.feedback_status = QLabel()
        self.feedback_status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(actions)
        layout.addWidget(self.feedback_status)
        self.feedback_button.clicked.connect(self.record_feedback)
        self.incident_button.clicked.connect(self.record_incident)
        self.feedback_view.activated.connect(lambda _i: self.refresh())
        self.feedback_table.selectionModel().currentRowChanged.connect(self._show_feedback)

    def _build_actions(self) -> QHBoxLayout:
        self.feedback_actions: dict[FeedbackAction, QPushButton] = {}
        actions = QHBoxLayout()
        for action, text in ACTION_BUTTONS:
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, a=action: self.feedback_action(a))
            self.feedback_actions[action] = button
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    # --- reading --------------------------------------------------------------------------------

    def refresh(self, select_id: int | None = None) -> None:
        try:
            rows = self.state.services.feedback().list_feedback(
                str(self.feedback_view.currentData())
            )
        except ReceptionError as exc:
            self.feedback_status.setText(str(exc))
            return
        self.show_rows(rows, select_id)

    def show_rows(self, rows: list[Feedback], select_id: int | None = None) -> None:
        """``rows`` for the view chosen; the chosen feedback (or ``select_id``) stays chosen."""
        current = current_value(self.feedback_table)
        keep = (
            select_id
            if select_id is not None
            else (current.id if isinstance(current, Feedback) else None)
        )
        self.feedback_model.zone = self.context.zone
        self.feedback_model.set_rows(rows)
        self.feedback_table.resizeColumnsToContents()
        select_where(self.feedback_table, self.feedback_model, lambda f: f.id == keep)
        self._show_feedback()
        self.feedback_status.setText(f"{len(rows)} shown.")

    def current_feedback(self) -> Feedback | None:
        value = current_value(self.feedback_table)
        return value if isinstance(value, Feedback) else None

    def _show_feedback(self, *_args: object) -> None:
        item = self.current_feedback()
        self.feedback_detail.setPlainText(feedback_details(item, self.context.zone) if item else "")
        allowed = item.actions() if item else set()
        for action, button in self.feedback_actions.items():
            button.setEnabled(action in allowed)

    # --- recording ------------------------------------------------------------------------------

    def feedback_dialog(self) -> FeedbackDialog:
        services = self.state.services
        feedback = services.feedback()
        now = services.office.status().local_now
        names = [s.name for s in services.office.profile().services if s.active]
        actor, context = self.state.actor, self.context
        return FeedbackDialog(
            now,
            context.zone,
            context.staff,
            names,
            lambda d: feedback.record(actor, d),
            parent=self,
        )

    def record_feedback(self) -> None:
        dialog = self.feedback_dialog()
        if dialog.exec() and dialog.feedback is not None:
            self.refresh(dialog.feedback.id)
            self.state.data_changed.emit()

    def incident_dialog(self) -> IncidentDialog:
        services = self.state.services
        now = services.office.status().local_now
        actor = self.state.actor
        feedback = services.feedback()
        return IncidentDialog(
            now, self.context.zone, lambda d: feedback.record_incident(actor, d), parent=self
        )

    def record_incident(self) -> None:
        dialog = self.incident_dialog()
        if dialog.exec() and dialog.number is not None:
            self.feedback_status.setText(
                f"Incident #{dialog.number} recorded. Managers can read it in the incident log."
            )
            self.incident_recorded.emit()
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

        return FeedbackActionDialog(action, item, self.context.staff, save, parent=self)

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
            self.refresh(item.id)
            self.state.data_changed.emit()
            return
        dialog = self.feedback_action_dialog(action, item)
        if dialog.exec() and dialog.feedback is not None:
            self.refresh(item.id)
            if action is FeedbackAction.MAKE_FORMAL:
                self.complaint_made.emit()
            self.state.data_changed.emit()
