"""Record a compliment, comment, concern or complaint; a serious one goes to a manager."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QWidget

from reception_app.domain.feedback import FEEDBACK_CHANNELS, Feedback, FeedbackDraft, FeedbackKind
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import check_email, check_phone
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.date_fields import date_time_edit, local_to_qt, qt_to_local
from reception_app.ui.widgets.form_parts import form_column, growing_form, save_cancel
from reception_app.ui.widgets.live_check import LiveCheck
from reception_app.ui.widgets.live_field_errors import LiveFieldErrors
from reception_app.ui.widgets.staff_combo import staff_combo
from reception_app.ui.widgets.text_box import TextBox


class FeedbackDialog(QDialog):
    """After ``exec()`` succeeds, ``feedback`` is the recorded Feedback."""

    def __init__(
        self,
        now: datetime,
        zone: tzinfo,
        staff: Sequence[StaffMember],
        services: Sequence[str],
        save: Callable[[FeedbackDraft], Feedback],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Record feedback")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save, self._zone = save, zone
        self.feedback: Feedback | None = None

        self._build_fields(now, staff, services)
        self.errors = LiveFieldErrors()
        form = self._build_form()
        self.live_checks = [
            LiveCheck(self.errors, "from_phone", self.from_phone, check_phone),
            LiveCheck(self.errors, "from_email", self.from_email, check_email),
        ]
        buttons, self.save_button = save_cancel(self, "&Record", self.save)
        form_column(self, self.errors, form, buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 66)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.serious.toggled.connect(self._kind_changed)
        self._kind_changed()

    def _build_fields(
        self, now: datetime, staff: Sequence[StaffMember], services: Sequence[str]
    ) -> None:
        self.kind = QComboBox()
        for kind in FeedbackKind:
            self.kind.addItem(kind.label, kind.value)
        self.channel = QComboBox()
        for key, name in FEEDBACK_CHANNELS.items():
            self.channel.addItem(name, key)
        self.received = date_time_edit(local_to_qt(now, self._zone))
        self.from_name = QLineEdit()
        self.from_phone = QLineEdit()
        self.from_email = QLineEdit()
        self.about_service = QComboBox()
        self.about_service.setEditable(True)
        self.about_service.addItem("")
        self.about_service.addItems(list(services))
        service_line = self.about_service.lineEdit()
        assert service_line is not None  # an editable combo box always has its line edit
        service_line.setAccessibleName("About which service")
        self.about_staff = staff_combo(staff, "About which officer", "No one in particular")
        self.details = TextBox(5)
        self.serious = QCheckBox("&Serious: escalate to a manager now")
        managers = [s for s in staff if s.is_manager and s.active]
        self.manager = staff_combo(managers, "Escalate to")

    def _build_form(self) -> QFormLayout:
        form = growing_form()
        add = self.errors.add_row
        add(form, "&Kind:", "kind", self.kind)
        add(form, "&How it came:", "channel", self.channel)
        add(form, "Recei&ved:", "received_at", self.received)
        add(form, "&From:", "from_name", self.from_name)
        add(form, "&Phone:", "from_phone", self.from_phone)
        add(form, "E&mail:", "from_email", self.from_email)
        add(form, "About servi&ce:", "about_service", self.about_service)
        self.about_service.setAccessibleName("About which service")
        add(form, "About &officer:", "about_staff", self.about_staff)
        add(form, "&Details:", "details", self.details)
        add(form, "", "serious", self.serious)
        self.serious.setAccessibleName("Serious")
        add(form, "Escalate &to:", "escalate_to", self.manager)
        return form

    def _kind_changed(self) -> None:
        can_be_serious = FeedbackKind(self.kind.currentData()).can_be_serious
        self.serious.setEnabled(can_be_serious)
        if not can_be_serious:
            self.serious.setChecked(False)
        self.manager.setEnabled(self.serious.isChecked())

    def draft(self) -> FeedbackDraft:
        staff_id = self.about_staff.currentData()
        manager_id = self.manager.currentData()
        return FeedbackDraft(
            kind=FeedbackKind(self.kind.currentData()),
            channel=str(self.channel.currentData()),
            received_at=qt_to_local(self.received.dateTime(), self._zone),
            details=self.details.toPlainText(),
            from_name=self.from_name.text(),
            from_phone=self.from_phone.text(),
            from_email=self.from_email.text(),
            about_service=self.about_service.currentText(),
            about_staff_id=int(staff_id) if staff_id is not None else None,
            serious=self.serious.isChecked(),
            escalate_to_id=int(manager_id) if manager_id is not None else None,
        )

    def save(self) -> None:
        def run() -> None:
            self.feedback = self._save(self.draft())

        if self.errors.attempt(run):
            self.accept()
