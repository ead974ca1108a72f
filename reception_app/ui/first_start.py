"""The first start on an empty database: manager account, sample data offer, then sign-in."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from reception_app.domain.errors import Cancelled
from reception_app.domain.people import StaffMember
from reception_app.services.demo_data import DEMO_PASSWORD
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.first_run_dialog import CreateManager, FirstRunDialog
from reception_app.ui.dialogs.sign_in_dialog import SignInDialog
from reception_app.ui.error_hook import plain_message
from reception_app.ui.workers import run_with_progress

DEMO_DAYS = 60


def first_start(state: DeskState, parent: QWidget | None = None) -> StaffMember | None:
    """Whoever is signed in after start-up, or None if the person closed the app."""
    services = state.services
    if not services.staff.has_accounts():
        dialog = FirstRunDialog(services.office.office_names(), _create_manager(state), parent)
        if not dialog.exec() or dialog.manager is None:
            return None
        offer_sample_data(state, dialog.office_key, parent)
        return dialog.manager
    sign_in = SignInDialog(
        services.office.status().office_name,
        services.staff.sign_in_names(),
        services.staff.sign_in,
        preselect=state.machine.last_username or None,
        parent=parent,
    )
    if not sign_in.exec() or sign_in.member is None:
        return None
    office = services.office.active_office_key()
    if sign_in.member.is_manager and office is not None:
        # The first start may have been closed before the offer was answered.
        offer_sample_data(state, office, parent)
    return sign_in.member


def _create_manager(state: DeskState) -> CreateManager:
    def create(office: str, name: str, user: str, password: str, repeat: str) -> StaffMember:
        return state.services.staff.create_first_manager(office, name, user, password, repeat)

    return create


def offer_sample_data(state: DeskState, office_key: str, parent: QWidget | None) -> None:
    """Offer sample data on an empty database; loads it off the UI thread with Cancel."""
    if not state.services.demo.offer_pending(office_key):
        return
    answer = QMessageBox.question(
        parent,
        "Load sample data?",
        f"This database is empty. Load {DEMO_DAYS} working days of sample staff, contacts and "
        "history so every screen has something to show?\n\n"
        f"Sample staff sign in with the password '{DEMO_PASSWORD}'. Choose No for a real office.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        state.services.demo.record_declined(office_key)
        return
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    outcome: list[str] = []

    def done(summary: object) -> None:
        outcome.append("done")
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome.append(plain_message(exc))
        loop.quit()

    def cancelled() -> None:
        outcome.append(str(Cancelled("Loading sample data was cancelled; nothing was added.")))
        loop.quit()

    run_with_progress(
        parent,
        "Loading sample data...",
        lambda progress: state.services.demo.fill(office_key, DEMO_DAYS, 1, progress),
        on_done=done,
        on_error=failed,
        on_cancel=cancelled,
    )
    loop.exec()
    if outcome and outcome[0] != "done":
        QMessageBox.information(parent, "Sample data", outcome[0])
