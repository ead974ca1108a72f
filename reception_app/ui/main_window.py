"""The desk window: sidebar of pages, menus with shortcuts, status bar, idle lock."""

from __future__ import annotations

import importlib
import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.messages import Message
from reception_app.domain.people import StaffMember
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.sign_in_dialog import SignInDialog
from reception_app.ui.error_hook import plain_message
from reception_app.ui.idle_watcher import IdleWatcher
from reception_app.ui.live_desk import DeskLive
from reception_app.ui.notify_problems import NotifyProblemWatch
from reception_app.ui.pages.page import Page
from reception_app.ui.shortcuts import bind
from reception_app.ui.text import status_bar_text
from reception_app.ui.theme import Theme
from reception_app.ui.widgets.fit_window import page_frame
from reception_app.ui.window_menus import (
    build_menus,
    restore_geometry,
    shortcut_lists,
    show_shortcuts,
)
from reception_app.ui.workers import ProgressCallback, run_with_progress

if TYPE_CHECKING:
    from reception_app.services.office_service import OfficeStatus

log = logging.getLogger(__name__)

PAGES: list[tuple[str, str]] = [
    ("Today", "today_page:TodayPage"),
    ("Appointments", "appointments_page:AppointmentsPage"),
    ("Rooms", "rooms_page:RoomsPage"),
    ("Messages", "messages_page:MessagesPage"),
    ("Correspondence", "correspondence_page:CorrespondencePage"),
    ("Contacts", "contacts_page:ContactsPage"),
    ("Reports", "reports_page:ReportsPage"),
    ("Settings", "settings_page:SettingsPage"),
]
"""(title, module:class) of each sidebar page; a page's module is imported when first shown."""

NOTICE_MS = 60_000
"""How long a notice (a new message, a failed text) stays in the status bar."""


def page_class(index: int) -> type[Page]:
    module_name, class_name = PAGES[index][1].split(":")
    module = importlib.import_module(f"reception_app.ui.pages.{module_name}")
    cls: object = getattr(module, class_name)
    assert isinstance(cls, type) and issubclass(cls, Page) and cls.title == PAGES[index][0]
    return cls


MESSAGES_PAGE = next(i for i, (title, _) in enumerate(PAGES) if title == "Messages")
STATUS_REFRESH_MS = 30_000
DEFAULT_IDLE_MINUTES = 5


class MainWindow(QMainWindow):
    desk_opened = Signal(object)
    """The desk was opened for a signed-in StaffMember (after start-up or sign-in)."""

    backup_action: QAction
    contrast_action: QAction
    large_text_action: QAction
    """Made by build_menus (ui/window_menus.py)."""

    def __init__(self, state: DeskState, theme: Theme | None = None) -> None:
        super().__init__()
        self.state = state
        self.theme = theme
        self.setWindowTitle("Reception")
        # Pages are built the first time they are shown, so start-up builds only Today.
        self._built: dict[int, Page] = {}
        self._newest_message_seen = 0
        self.notify_problems = NotifyProblemWatch()

        self._build_sidebar()
        self.live = DeskLive(self)
        """Re-reads the page in view when the change hub says so; the lost-connection banner."""
        self._build_layout()
        self._build_menus()
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        self.idle = IdleWatcher(DEFAULT_IDLE_MINUTES, self)
        self.idle.idle_timed_out.connect(self.lock_idle)
        self.idle.paused = True  # until someone has signed in

        state.data_changed.connect(self._saved)
        state.theme_changed.connect(self._theme_changed)
        state.actor_changed.connect(self._actor_changed)
        self._actor_changed(state.actor)
        self._restore_geometry()
        if state.has_services and state.actor is not None:
            self.start(state.actor)
        else:
            # Shown before the database is open (app.py opens it off the UI thread): locked,
            # like the screen the idle lock leaves, with what is happening in the status bar.
            self._desk.hide()
            self.menuBar().setEnabled(False)
            self.office_status.setText("Opening the database (checking and backing it up)...")

    def _build_sidebar(self) -> None:
        """The list of pages (Ctrl+1..8) and the stack they are shown in, each built when first
        shown."""
        self.sidebar = QListWidget()
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Pages")
        self.stack = QStackedWidget()
        for index, (title, _) in enumerate(PAGES, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"{title} (Ctrl+{index})")
            self.sidebar.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the page when first shown
            bind(self, f"page_{index}", partial(self.show_page, index - 1), title)
        self.sidebar.setFixedWidth(self.sidebar.sizeHintForColumn(0) + 48)
        self.sidebar.currentRowChanged.connect(self._page_chosen)

    def _build_layout(self) -> None:
        """The banner over the sidebar and pages, and the status bar."""
        outer = QWidget()
        column = QVBoxLayout(outer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.live.banner)
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sidebar)
        row.addWidget(self.stack, 1)
        column.addWidget(central, 1)
        self.setCentralWidget(outer)
        self._desk = outer
        """The sidebar and the pages: hidden while nobody is signed in."""

        self.office_status = QLabel()
        self.office_status.setAccessibleName("Office status")
        self.signed_in = QLabel()
        self.statusBar().addWidget(self.office_status, 1)
        self.statusBar().addPermanentWidget(self.signed_in)

    def start(self, member: StaffMember) -> None:
        """Open the desk for ``member`` once the database is ready and they have signed in."""
        self.state.actor = member
        self._remember(member)
        self.menuBar().setEnabled(True)
        self._desk.show()
        self.idle.minutes = self._idle_minutes()
        self.idle.paused = False
        self.idle.start()
        if self.sidebar.currentRow() != 0:
            self.sidebar.setCurrentRow(0)  # refreshes the page and the status bar
        else:
            self.refresh_current()
        self.desk_opened.emit(member)

    # --- structure ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        build_menus(self)

    def show_page(self, index: int) -> None:
        self.sidebar.setCurrentRow(index)

    def page(self, index: int) -> Page:
        """The page at ``index``, built on first use."""
        if index not in self._built:
            page = page_class(index)(self.state)
            placeholder = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page_frame(page))
            if placeholder is not None:
                self.stack.removeWidget(placeholder)
                placeholder.deleteLater()
            self.stack.setCurrentIndex(current)
            self._built[index] = page
        return self._built[index]

    @property
    def pages(self) -> list[Page]:
        """Every page (building the ones not shown yet)."""
        return [self.page(i) for i in range(len(PAGES))]

    def current_page(self) -> Page:
        page = self.page(self.stack.currentIndex())
        assert isinstance(page, Page)
        return page

    def _page_chosen(self, index: int) -> None:
        if index < 0 or not self.state.has_services or self.state.actor is None:
            return  # still opening, or locked: nothing to show yet
        self.page(index)
        self.stack.setCurrentIndex(index)
        self.refresh_current()

    # --- refreshing ---------------------------------------------------------------------------

    def _saved(self) -> None:
        """A page saved something: with the change hub listening, its notice re-reads what
        changed (once); without it, the page in view is read again here."""
        if not self.state.live:
            self.refresh_current()

    def refresh_current(self) -> None:
        """Re-read the visible page and the status bar from the database."""
        try:
            self.current_page().refresh()
        except ReceptionError as exc:
            self.statusBar().showMessage(str(exc), 10_000)
        self.refresh_status()

    def refresh_status(self) -> None:
        if not self.state.has_services:
            return
        try:
            status = self.state.services.office.status()
        except ReceptionError as exc:
            self.office_status.setText(str(exc))
            return
        self.show_status(status, self._idle_minutes())
        self.refresh_messages_badge()
        self.show_notify_problem(self.notify_problems.newest(self.state.services))

    def show_notify_problem(self, failed: str) -> None:
        """A text or e-mail that failed for good, told once in the status bar."""
        if failed:
            self.statusBar().showMessage(failed, NOTICE_MS)

    def show_status(self, status: OfficeStatus, idle_minutes: int) -> None:
        self.office_status.setText(status_bar_text(status))
        self.office_status.setToolTip(status.out_of_hours)
        # A new lock time set in Settings, here or at another desk, applies within a refresh.
        self.idle.minutes = idle_minutes

    def refresh_messages_badge(self) -> None:
        actor = self.state.actor
        count, newest = 0, None
        if actor is not None and self.state.has_services:
            try:
                count, newest = self.state.services.messages().unread(actor)
            except ReceptionError:
                return
        self.show_messages_badge(count, newest)

    def show_messages_badge(self, count: int, newest: Message | None) -> None:
        """A newer message than last time is announced in the status bar (and the taskbar
        flashes), never in a dialog."""
        item = self.sidebar.item(MESSAGES_PAGE)
        item.setText(f"Messages ({count})" if count else "Messages")
        item.setToolTip(
            f"Messages (Ctrl+{MESSAGES_PAGE + 1}): {count} unread"
            if count
            else f"Messages (Ctrl+{MESSAGES_PAGE + 1})"
        )
        if newest is not None and newest.id > self._newest_message_seen:
            kind = "Urgent message" if newest.urgency.value == "urgent" else "New message"
            # The screen may be in view of the public: a confidential subject is not shown.
            about = "" if newest.confidential else f": {newest.subject}"
            self.statusBar().showMessage(
                f"{kind} for you from {newest.caller_name}{about} "
                f"(Ctrl+{MESSAGES_PAGE + 1} to read)",
                NOTICE_MS,
            )
            QApplication.alert(self)
        self._newest_message_seen = max(self._newest_message_seen, newest.id if newest else 0)

    def _actor_changed(self, actor: object) -> None:
        member = self.state.actor
        self._newest_message_seen = 0  # the next person hears about their own unread messages
        self.signed_in.setText(
            f"Signed in: {member.full_name} ({member.role.label})" if member else "Locked"
        )

    # --- locking ------------------------------------------------------------------------------

    def _idle_minutes(self) -> int:
        try:
            return self.state.services.office.setting("idle_lock_minutes")
        except ReceptionError:
            return 5

    def lock(self) -> None:
        """Ctrl+L: hide the desk's contents until someone signs in again."""
        self._lock(idle=False)

    def lock_idle(self) -> None:
        """The idle time set in Settings has passed: lock, and say why on the lock screen."""
        self._lock(idle=True)

    def _lock(self, idle: bool) -> None:
        previous = self.state.actor
        self.idle.paused = True
        if previous is not None:
            self.state.services.staff.record_sign_out(previous, "locked the desk")
        self.state.actor = None
        self._close_dialogs()
        self._desk.hide()
        member = self.ask_sign_in(previous.username if previous else None, idle=idle)
        if member is None:
            self.close()
            return
        self.state.actor = member
        self._remember(member)
        self._desk.show()
        self.idle.minutes = self._idle_minutes()
        self.idle.paused = False
        self.idle.touch()
        self.refresh_current()

    def _remember(self, member: StaffMember) -> None:
        """The next sign-in at this computer starts on this person."""
        if self.state.machine.last_username != member.username:
            self.state.machine.last_username = member.username
            try:
                self.state.save_machine_settings()
            except OSError:
                log.warning("could not save this computer's settings", exc_info=True)

    def _close_dialogs(self) -> None:
        """Cancel open dialogs (an edited contact, a message box): nothing they show may stay on
        a screen the public can see, and nothing half-typed is saved under the next person."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def sign_out(self) -> None:
        previous = self.state.actor
        if previous is not None:
            self.state.services.staff.record_sign_out(previous)
        self.state.actor = None
        self._close_dialogs()
        self._desk.hide()
        member = self.ask_sign_in(None)
        if member is None:
            self.close()
            return
        self.state.actor = member
        self._remember(member)
        self._desk.show()
        self.refresh_current()

    def ask_sign_in(self, locked_user: str | None, idle: bool = False) -> StaffMember | None:
        services = self.state.services
        dialog = SignInDialog(
            services.office.status().office_name,
            services.staff.sign_in_names(),
            services.staff.sign_in,
            locked_user=locked_user,
            locked_idle=idle,
            parent=self,
        )
        return dialog.member if dialog.exec() else None

    # --- actions ------------------------------------------------------------------------------

    def backup_now(self) -> None:
        from reception_app.services.maintenance_service import backup_now

        url = self.state.services.database.url
        folder = self.state.backup_folder
        now = self.state.now()

        def job(progress: ProgressCallback) -> Path:
            progress(0, 1)
            return backup_now(url, None, folder, now)

        run_with_progress(
            self,
            "Backing up the database...",
            job,
            on_done=lambda path: self.statusBar().showMessage(f"Backed up to {path}", 15_000),
            on_error=lambda exc: QMessageBox.warning(self, "Reception", plain_message(exc)),
        )

    def _toggle_contrast(self, checked: bool) -> None:
        self.state.machine.high_contrast = checked
        self._apply_theme()

    def _toggle_large_text(self, checked: bool) -> None:
        self.state.machine.large_text = checked
        self._apply_theme()

    def _apply_theme(self) -> None:
        """Save the View menu's choice; ``_theme_changed`` then applies it."""
        try:
            self.state.save_machine_settings()
        except OSError as exc:
            self.statusBar().showMessage(f"Could not save this computer's settings: {exc}", 10_000)
        self.state.theme_changed.emit()

    def _theme_changed(self) -> None:
        """Apply the look chosen here or in Settings, and keep the View menu's ticks in step."""
        machine = self.state.machine
        if self.theme is not None:
            self.theme.apply(high_contrast=machine.high_contrast, large_text=machine.large_text)
        for action, checked in (
            (self.contrast_action, machine.high_contrast),
            (self.large_text_action, machine.large_text),
        ):
            action.blockSignals(True)
            action.setChecked(checked)
            action.blockSignals(False)
        self.sidebar.setFixedWidth(self.sidebar.sizeHintForColumn(0) + 48)

    def shortcut_lists(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(key, what it does) of the page in view, and of the window (pages and menus)."""
        return shortcut_lists(self)

    def show_shortcuts(self) -> None:
        """F1: every key of the page in view, then the ones that work everywhere."""
        show_shortcuts(self)

    # --- window state -------------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        restore_geometry(self)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # A notice put in the status bar before the window was first shown (a new message at
        # start-up) left the office status drawn under it: shown again, it hides that line.
        notice = self.statusBar().currentMessage()
        if notice:  # (the same words again would be ignored: cleared first)
            self.statusBar().clearMessage()
            self.statusBar().showMessage(notice, NOTICE_MS)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        QSettings().setValue("main_window/geometry", self.saveGeometry())
        if self.state.actor is not None:
            try:
                self.state.services.staff.record_sign_out(self.state.actor, "closed Reception")
            except ReceptionError:
                log.exception("could not record sign-out")
        if self.state.hub is not None:
            self.state.hub.stop()
        super().closeEvent(event)
