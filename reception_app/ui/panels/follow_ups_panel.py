"""Walk-in follow-ups, a tab of the Correspondence page.

Enquiries not resolved at first contact, with the officer named and the target date agreed with
the customer.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reception_app.domain.correspondence import FollowUp
from reception_app.domain.errors import ReceptionError
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import (
    FOLLOW_UP,
    CorrespondenceActionDialog,
)
from reception_app.ui.models.correspondence_follow_up_model import CorrespondenceFollowUpModel
from reception_app.ui.models.correspondence_table_model import DueTexts
from reception_app.ui.panels.correspondence_context import CorrespondenceContext
from reception_app.ui.panels.panel import Panel
from reception_app.ui.text import day_text
from reception_app.ui.widgets.row_views import current_value, table_view


class FollowUpsPanel(Panel):
    def __init__(
        self, state: DeskState, context: CorrespondenceContext, parent: QWidget | None = None
    ) -> None:
        super().__init__(state, parent)
        self.context = context
        note = QLabel(
            "Walk-in enquiries not resolved at first contact, with the officer named and the "
            "target date agreed with the customer (from the outcome on Today)."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        self.follow_up_done_too = QCheckBox("Show done ones &too")
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
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(bar)
        layout.addWidget(self.follow_up_table, 1)
        layout.addWidget(self.follow_up_status)
        self.follow_up_done_too.toggled.connect(lambda _c: self.refresh())
        self.follow_up_button.clicked.connect(self.follow_up_done)

    def refresh(self) -> None:
        try:
            rows = self.state.services.correspondence().follow_ups(
                self.follow_up_done_too.isChecked()
            )
        except ReceptionError as exc:
            self.follow_up_status.setText(str(exc))
            return
        self.show_rows(rows)

    def show_rows(self, rows: list[FollowUp]) -> None:
        if self.context.engine is not None:
            self.follow_up_model.due = DueTexts(self.context.engine, self.context.today)
        self.follow_up_model.set_rows(rows)
        self.follow_up_table.resizeColumnsToContents()
        open_count = sum(1 for r in rows if r.is_open)
        self.follow_up_status.setText(
            f"{open_count} follow-up{'s' if open_count != 1 else ''} open."
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
            self.context.today,
            save,
            parent=self,
        )
        if dialog.exec():
            self.refresh()
            self.state.data_changed.emit()
