"""A manager's buttons on a contact's record: export everything held about them (subject
access) and erase them on request. The work runs off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact
from reception_app.ui.desk_state import DeskState
from reception_app.ui.workers import start_job


def choose_zip(parent: QWidget, suggested: Path) -> Path | None:
    """Where to save the export (tests replace this function)."""
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save everything held about them", str(suggested), "Zip files (*.zip)"
    )
    return Path(name) if name else None


def confirm_erasure(parent: QWidget, name: str, description: str) -> bool:
    """Ask before erasing, naming what will go (tests replace this function)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Erase this person")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(f"Erase {name}?\n\n{description}")  # one plain-text label: names are typed
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes


class PersonDataActions(QWidget):
    def __init__(
        self,
        state: DeskState,
        contact: Callable[[], Contact | None],
        after_erase: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self._contact = contact
        self._after_erase = after_erase
        self._job: Any = None
        self._held = False
        self.export_button = QPushButton("E&xport everything held about them...")
        self.erase_button = QPushButton("Era&se this person...")
        self.hold_button = QPushButton("Put on le&gal hold")
        self.hold_button.setToolTip(
            "A hold keeps every record of this person from retention and erasure, for example "
            "while information they asked for is still being dealt with."
        )
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Export or erasure")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.export_button)
        row.addWidget(self.erase_button)
        row.addWidget(self.hold_button)
        row.addWidget(self.status, 1)
        self.export_button.clicked.connect(self.export)
        self.erase_button.clicked.connect(self.erase)
        self.hold_button.clicked.connect(self.toggle_hold)
        state.actor_changed.connect(lambda _member: self.update_for(self._contact()))
        self.update_for(None)

    def update_for(self, contact: Contact | None, held: bool | None = None) -> None:
        """Managers only; enabled when a contact is chosen (``held``: its legal hold, already
        read; else read here)."""
        manager = self.state.is_manager
        self.setVisible(manager)
        for button in (self.export_button, self.erase_button, self.hold_button):
            button.setEnabled(contact is not None and self._job is None)
        if held is None or not manager:
            held = (
                manager
                and contact is not None
                and contact.id is not None
                and self.state.services.retention().legal_hold("contact", contact.id)
            )
        self.hold_button.setText("Lift the le&gal hold" if held else "Put on le&gal hold")
        self._held = held

    def toggle_hold(self) -> None:
        contact, actor = self._contact(), self.state.actor
        if contact is None or contact.id is None or actor is None:
            return
        try:
            self.state.services.retention().set_legal_hold(
                actor, "contact", contact.id, not self._held
            )
        except ReceptionError as exc:
            self.status.setText(str(exc))
            return
        self.update_for(contact)
        self.status.setText(
            f"{contact.full_name} is on legal hold: retention and erasure leave their records alone."
            if self._held
            else f"The legal hold on {contact.full_name} is lifted."
        )

    def export(self) -> None:
        contact, actor = self._contact(), self.state.actor
        if contact is None or contact.id is None or actor is None:
            return
        suggested = Path.home() / f"contact-{contact.id}-personal-data.zip"
        path = choose_zip(self, suggested)
        if path is None:
            return
        if path.suffix.lower() != ".zip":
            path = path.with_name(path.name + ".zip")
        people, cid = self.state.services.person_data(), contact.id
        self.status.setText("Gathering everything held about them...")
        self._start(
            lambda _p: people.export(actor, cid, path),
            lambda data: self.status.setText(
                f"Saved {path}: {sum(len(s.rows) for s in data.sets)} records and "
                f"{len(data.files)} letter files. The export is recorded in the event log."
            ),
        )

    def erase(self) -> None:
        contact, actor = self._contact(), self.state.actor
        if contact is None or contact.id is None or actor is None:
            return
        people = self.state.services.person_data()
        try:
            plan = people.erasure_plan(actor, contact.id)
        except ReceptionError as exc:
            self.status.setText(str(exc))
            return
        if plan.blockers:
            self.status.setText(
                f"{contact.full_name} cannot be erased yet: " + "; ".join(plan.blockers) + "."
            )
            return
        if not confirm_erasure(self, contact.full_name, plan.describe()):
            return
        cid = contact.id
        self._start(lambda _p: people.erase(actor, cid), self._erased)

    def _erased(self, _plan: object) -> None:
        self.status.setText("Erased; the erasure is recorded in the event log.")
        self._after_erase()

    def _start(self, work: Callable[[Any], Any], done: Callable[[Any], None]) -> None:
        def finished(result: Any) -> None:
            self._job = None
            self.update_for(self._contact())
            done(result)

        def failed(error: BaseException) -> None:
            self._job = None
            self.update_for(self._contact())
            if not isinstance(error, ReceptionError):
                raise error
            self.status.setText(str(error))

        self._job = start_job(work, on_done=finished, on_error=failed)
        self.update_for(self._contact())
