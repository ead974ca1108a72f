"""Settings > This computer: which database this PC uses, and which office it works for."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.services.server_connection import (
    ServerAddress,
    ServerCheck,
    check_server,
    current_address,
    use_server,
)
from reception_app.ui.desk_state import DeskState
from reception_app.ui.error_hook import plain_message
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import hint, make_button, status_label
from reception_app.ui.workers import start_job

RUNNING_OFFICE = ""
"""The office combo's first choice: whatever office the database runs for."""


class ServerBox(QGroupBox):
    """Managers point this computer at the office's server (or back at its own file), test the
    connection off the GUI thread first, and choose the office it works for."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__("Database this computer uses", parent)
        self.state = state
        self._job: object | None = None
        self.own_file = QRadioButton("Its &own database file (one computer on its own)")
        self.shared = QRadioButton("The office's &shared database server (several desks)")
        self._choice = QButtonGroup(self)
        for button in (self.own_file, self.shared):
            self._choice.addButton(button)
            button.toggled.connect(self._enable)
        self.host, self.port = QLineEdit(), QLineEdit()
        self.database_name, self.user, self.password = QLineEdit(), QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.port.setPlaceholderText("5432")
        self.port.setMaximumWidth(90)
        self.errors = FieldErrors()
        form = QFormLayout()
        for label, field, widget in (
            ("Serv&er:", "host", self.host),
            ("Po&rt:", "port", self.port),
            ("&Database:", "database", self.database_name),
            ("&User:", "user", self.user),
            ("Pass&word:", "password", self.password),
        ):
            self.errors.add_row(form, label, field, widget)
        self.office = QComboBox()
        self.office.setAccessibleName("Office this computer works for")
        self.errors.add_row(form, "Office this co&mputer works for:", "office", self.office)
        self.test_button = make_button("&Test the connection", self.test_connection)
        self.save_button = make_button("Use these setti&ngs", self.save)
        self.result = status_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_file)
        layout.addWidget(self.shared)
        layout.addLayout(form)
        layout.addWidget(self.errors.general)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addWidget(
            hint(
                "The password is kept on this computer, readable only by your account. A change "
                "is used the next time Reception starts here. Setting up a new server: "
                "docs/several-desks.md."
            )
        )

    def refresh(self) -> None:
        machine = self.state.machine
        address = current_address(machine)
        (self.own_file if address is None else self.shared).setChecked(True)
        if address is not None:
            self.host.setText(address.host)
            self.port.setText(str(address.port or ""))
            self.database_name.setText(address.database)
            self.user.setText(address.user)
        self.office.clear()
        self.office.addItem("The office the database runs for", RUNNING_OFFICE)
        for key, name in self.state.services.office.office_names().items():
            self.office.addItem(name, key)
        index = self.office.findData(machine.office_key)
        self.office.setCurrentIndex(max(index, 0))
        self.setEnabled(self.state.is_manager)
        self._enable()

    def _enable(self) -> None:
        for widget in (self.host, self.port, self.database_name, self.user, self.password):
            widget.setEnabled(self.shared.isChecked())
        self.test_button.setEnabled(self.shared.isChecked() and self._job is None)

    def address(self) -> ServerAddress:
        port_text = self.port.text().strip()
        if port_text and not port_text.isdigit():
            raise ValidationError("A port is a number from 1 to 65535 (usually 5432).", "port")
        return ServerAddress(
            self.host.text(),
            self.database_name.text(),
            self.user.text(),
            self.password.text(),
            int(port_text) if port_text else None,
        )

    def test_connection(self) -> None:
        self.errors.clear()
        try:
            address = self.address()
            address.url()
        except ReceptionError as exc:
            self.errors.show(exc)
            return
        self.result.setText("Connecting...")
        self._job = start_job(lambda _progress: check_server(address), self._tested, self._failed)
        self._enable()

    def _tested(self, check: ServerCheck) -> None:
        self._job = None
        self.result.setText(check.message)
        self._enable()

    def _failed(self, exc: BaseException) -> None:
        self._job = None
        self.result.setText(plain_message(exc))
        self._enable()

    def save(self) -> None:
        def keep() -> None:
            machine = self.state.machine
            machine.office_key = str(self.office.currentData() or RUNNING_OFFICE)
            use_server(
                self.state.paths, machine, self.address() if self.shared.isChecked() else None
            )

        try:
            ok = self.errors.attempt(keep)
        except OSError as exc:
            self.result.setText(f"This computer's settings could not be saved: {exc}")
            return
        if ok:
            self.result.setText(
                "Saved. Close Reception and open it again on this computer to use them."
            )
