"""Settings > This computer > Texts and e-mails: the GOV.UK Notify key, its templates, a test."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import PermissionDenied, ReceptionError, ValidationError
from reception_app.domain.notifications import Channel, Notification
from reception_app.domain.people import StaffMember
from reception_app.services.notifications.setup import CheckedSetup
from reception_app.ui.desk_state import DeskState
from reception_app.ui.error_hook import plain_message
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import hint, make_button, status_label
from reception_app.ui.workers import ProgressCallback, start_job

HOW_TO = (
    "Texts and e-mails go through GOV.UK Notify. In Notify, make a text message template whose "
    "whole message is ((body)), and an e-mail template with the subject ((subject)) and the "
    "message ((body)): Reception writes the words itself (resources/notifications). Then create "
    "an API key (a test key sends nothing to real people) and paste it here with the templates' "
    "ids. The key is kept on this computer only, readable by your account alone; this "
    "computer sends for the office while Reception is open here (docs/notify.md)."
)


class NotifyBox(QGroupBox):
    """Managers enter the key and the template ids, checked with Notify before they are kept,
    and send a test message; everything that calls Notify runs off the GUI thread."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__("Texts and e-mails (GOV.UK Notify)", parent)
        self.state = state
        self._job: object | None = None
        self.api_key, self.sms_template, self.email_template = QLineEdit(), QLineEdit(), QLineEdit()
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText("name-service id-secret, as Notify shows it")
        for edit in (self.sms_template, self.email_template):
            edit.setPlaceholderText("f33517ff-2a88-4f6e-b855-c550268ce08a")
        self.errors = FieldErrors()
        form = QFormLayout()
        self.errors.add_row(form, "API &key:", "api_key", self.api_key)
        self.errors.add_row(form, "Te&xt template id:", "sms_template", self.sms_template)
        self.errors.add_row(form, "E-mail tem&plate id:", "email_template", self.email_template)
        self.save_button = make_button("Check with Notify &and save", self.check_and_save)
        self.off_button = make_button("Sw&itch off", self.switch_off)
        self.test_channel = QComboBox()
        self.test_channel.addItem(Channel.SMS.label, Channel.SMS)
        self.test_channel.addItem(Channel.EMAIL.label, Channel.EMAIL)
        self.test_address = QLineEdit()
        self.test_address.setPlaceholderText("Your own mobile or e-mail address")
        self.errors.add_row(form, "&Your mobile or e-mail for a test:", "test", self.test_address)
        self.test_button = make_button("Send a test (Enter)", self.send_test)
        self.test_address.returnPressed.connect(self.send_test)  # the button has no free letter
        self.state_line = status_label()
        self.result = status_label()
        buttons = QHBoxLayout()
        for widget in (self.save_button, self.off_button, self.test_channel, self.test_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_line)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(hint(HOW_TO))

    def refresh(self) -> None:
        notifications = self.state.services.notifications()
        config = notifications.config()
        channels = notifications.channels()
        key = config.key
        if key is not None:
            self.state_line.setText(
                f"Set up: {', '.join(sorted(c.label.lower() + 's' for c in config.channels))} "
                f"with the key {key.masked}."
            )
        elif channels:
            self.state_line.setText(
                "Set up on another desk of the office, which sends them. Enter a key here to send "
                "from this computer too."
            )
        else:
            self.state_line.setText(
                "Not set up: nothing is offered to anyone until a key is saved."
            )
        if not self.api_key.text():
            self.sms_template.setText(config.sms_template)
            self.email_template.setText(config.email_template)
        self.setEnabled(self.state.is_manager)
        self._enable()

    def _enable(self) -> None:
        idle = self._job is None
        configured = self.state.has_services and bool(
            self.state.services.notifications().config().channels
        )
        self.save_button.setEnabled(idle)
        self.off_button.setEnabled(idle and configured)
        self.test_button.setEnabled(idle and configured)

    def _start(
        self, message: str, work: Callable[[ProgressCallback], object], done: Callable[[Any], None]
    ) -> None:
        self.errors.clear()
        self.result.setText(message)
        self._job = start_job(work, done, self._failed)
        self._enable()

    def _manager(self) -> StaffMember:
        actor = self.state.actor
        if actor is None:
            raise PermissionDenied("Only a manager can change this.")
        return actor

    def check_and_save(self) -> None:
        actor = self._manager()
        notifications = self.state.services.notifications()
        key, sms, email = self.api_key.text(), self.sms_template.text(), self.email_template.text()
        if not key.strip() and notifications.config().api_key:
            key = notifications.config().api_key  # keep the saved key, check new templates
        self._start(
            "Checking with Notify...",
            lambda _progress: notifications.set_up(actor, key, sms, email),
            self._saved,
        )

    def _saved(self, checked: CheckedSetup) -> None:
        self._job = None
        self.api_key.clear()
        names = ", ".join(f"'{t.name}'" for t in checked.templates.values())
        self.result.setText(f"Notify accepted the key and the templates {names}. Saved.")
        self.refresh()
        self.state.data_changed.emit()

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        if isinstance(exc, ValidationError) and exc.field in ("mobile", "email"):
            self.errors.show(exc, "test")  # the address typed for the test message
            self.result.clear()
        elif isinstance(exc, ReceptionError):
            self.errors.show(exc)
            self.result.clear()
        else:
            self.result.setText(plain_message(exc))
        self._enable()

    def switch_off(self) -> None:
        notifications = self.state.services.notifications()
        if self.errors.attempt(lambda: notifications.switch_off(self._manager())):
            self.result.setText("Switched off: nothing more is sent, and what waited is cancelled.")
            self.refresh()
            self.state.data_changed.emit()

    def send_test(self) -> None:
        actor = self._manager()
        notifications = self.state.services.notifications()
        channel = Channel(self.test_channel.currentData())
        address = self.test_address.text()
        self._start(
            "Sending...",
            lambda _progress: notifications.send_test(actor, channel, address),
            self._tested,
        )

    def _tested(self, sent: Notification) -> None:
        self._job = None
        self.result.setText(
            f"Notify accepted the test message to {sent.recipient}. "
            "Its delivery is checked in the background."
        )
        self._enable()
