"""The This computer tab: the database and folders in use, backups, checks and the look."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.offices import OfficeProfile
from reception_app.services import maintenance_service
from reception_app.ui.desk_state import DeskState
from reception_app.ui.error_hook import plain_message
from reception_app.ui.pages.settings.notify_box import NotifyBox
from reception_app.ui.pages.settings.server_box import ServerBox
from reception_app.ui.pages.settings.tab import Tab, chain, hint, make_button, status_label
from reception_app.ui.widgets import Heading
from reception_app.ui.workers import run_with_progress


class ComputerTab(Tab):
    """What this PC uses. Backing up and the look are open to everyone, as in the menus."""

    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        facts = self._facts()
        maintenance = self._maintenance()
        self.high_contrast = QCheckBox("Hi&gh contrast (yellow on black)")
        self.large_text = QCheckBox("&Larger text")
        self.high_contrast.toggled.connect(self._look_changed)
        self.large_text.toggled.connect(self._look_changed)

        self.server = ServerBox(state)
        content = QWidget()  # scrolls at 1366x768: the server and Notify boxes are tall
        layout = QVBoxLayout(content)
        layout.addWidget(Heading("Database and folders"))
        layout.addLayout(facts)
        layout.addLayout(maintenance)
        layout.addWidget(self.result)
        layout.addWidget(self.server)
        self.notify = NotifyBox(state)
        layout.addWidget(self.notify)
        layout.addWidget(Heading("How Reception looks on this computer"))
        layout.addWidget(self.high_contrast)
        layout.addWidget(self.large_text)
        layout.addWidget(
            hint(
                "These choices are for this computer only, whoever signs in. The View menu "
                "has the same switches (Ctrl+Shift+H and Ctrl+Shift+T)."
            )
        )
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("This computer")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._tab_order()

    def _maintenance(self) -> QHBoxLayout:
        self.backup_button = make_button("&Back up now", self.back_up)
        self.check_button = make_button("&Check the database", self.check)
        self.result = status_label()
        self.result.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.check_button)
        row.addStretch(1)
        return row

    def _tab_order(self) -> None:
        """Tab goes down the tab as a person reads it."""
        chain(
            self.backup_button,
            self.check_button,
            self.server.own_file,
            self.server.shared,
            self.server.host,
            self.server.port,
            self.server.database_name,
            self.server.user,
            self.server.password,
            self.server.office,
            self.server.test_button,
            self.server.save_button,
            self.notify.api_key,
            self.notify.sms_template,
            self.notify.email_template,
            self.notify.test_address,
            self.notify.save_button,
            self.notify.off_button,
            self.notify.test_channel,
            self.notify.test_button,
            self.high_contrast,
            self.large_text,
        )

    def _facts(self) -> QFormLayout:
        """Which database and folders this computer uses, as selectable text."""
        self.database = self._value_label("Database in use")
        self.data_dir = self._value_label("Data folder")
        self.backup_dir = self._value_label("Backups folder")
        self.log_dir = self._value_label("Log folder")
        facts = QFormLayout()
        facts.addRow("Database in use:", self.database)
        facts.addRow("Data folder:", self.data_dir)
        facts.addRow("Backups folder:", self.backup_dir)
        facts.addRow("Log folder:", self.log_dir)
        return facts

    @staticmethod
    def _value_label(name: str) -> QLabel:
        label = QLabel()
        label.setAccessibleName(name)
        label.setWordWrap(True)
        label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        return label

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        self.server.refresh()
        self.notify.refresh()
        paths = self.state.paths
        self.database.setText(self.state.services.database.description)
        self.data_dir.setText(str(paths.data_dir))
        self.backup_dir.setText(str(self.state.backup_folder))
        self.log_dir.setText(str(paths.log_dir))
        for box, value in (
            (self.high_contrast, self.state.machine.high_contrast),
            (self.large_text, self.state.machine.large_text),
        ):
            box.blockSignals(True)
            box.setChecked(value)
            box.blockSignals(False)

    def _busy(self, busy: bool) -> None:
        self.backup_button.setEnabled(not busy)
        self.check_button.setEnabled(not busy)

    def back_up(self) -> None:
        url = self.state.services.database.url
        folder = self.state.backup_folder
        now = self.state.services.context.clock()

        def job(progress: Callable[[int, int], bool]) -> object:
            progress(0, 1)
            return maintenance_service.backup_now(url, None, folder, now)

        self._busy(True)
        self.result.setText("Backing up...")
        run_with_progress(
            self,
            "Backing up the database...",
            job,
            on_done=lambda path: self._done(f"Backed up to {path}."),
            on_error=lambda exc: self._done(f"The backup did not work: {plain_message(exc)}"),
        )

    def check(self) -> None:
        url = self.state.services.database.url

        def job(progress: Callable[[int, int], bool]) -> object:
            progress(0, 1)
            return maintenance_service.check_database(url)

        self._busy(True)
        self.result.setText("Checking the database...")
        run_with_progress(
            self,
            "Checking the database...",
            job,
            on_done=self._checked,
            on_error=lambda exc: self._done(f"The check could not run: {plain_message(exc)}"),
        )

    def _checked(self, report: maintenance_service.CheckReport) -> None:
        lines = ["The database is healthy." if report.healthy else "The check found problems:"]
        lines += [f"Problem: {p}" for p in report.problems]
        lines += [f"OK: {o}" for o in report.ok]
        self._done("\n".join(lines))

    def _done(self, text: str) -> None:
        self._busy(False)
        self.result.setText(text)

    def _look_changed(self) -> None:
        machine = self.state.machine
        machine.high_contrast = self.high_contrast.isChecked()
        machine.large_text = self.large_text.isChecked()
        try:
            self.state.save_machine_settings()
        except OSError as exc:
            self.result.setText(f"Could not save this computer's settings: {exc}")
        self.state.theme_changed.emit()
