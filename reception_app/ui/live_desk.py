"""The desk window's live side: re-read the page in view when the change hub says its data
changed, and the banner while the office database cannot be reached (docs/several-desks.md)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLabel

from reception_app.domain.changes import Topic
from reception_app.services.connection import LOST_CONNECTION
from reception_app.ui.changes import ChangeHub
from reception_app.ui.live import LiveReload, Reading, Show

if TYPE_CHECKING:
    from reception_app.ui.main_window import MainWindow
    from reception_app.ui.pages.page import Page

log = logging.getLogger(__name__)

BANNER_TEXT = LOST_CONNECTION.rstrip(".")
"""'Lost the connection to the office database - trying again'."""


class DeskLive(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.banner = QLabel(BANNER_TEXT)
        self.banner.setObjectName("connectionBanner")
        self.banner.setAccessibleName("Connection to the office database")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            "QLabel#connectionBanner { background: #FFF4CE; color: #3B2300;"
            " border: 2px solid #8A6100; padding: 8px; font-weight: bold; }"
        )
        self.banner.hide()
        self._reloads: dict[int, LiveReload] = {}
        self.hub: ChangeHub | None = None
        self.status_bar = LiveReload(self._status_reading, lambda _t: window.refresh_status(), self)
        """The status bar and the Messages badge, re-read off the GUI thread."""

    def attach(self, hub: ChangeHub) -> None:
        self.hub = hub
        hub.changed.connect(self.changed)
        hub.connection_changed.connect(self.connection_changed)
        self.connection_changed(hub.connected)

    @property
    def connected(self) -> bool:
        return self.hub is None or self.hub.connected

    def reload_of(self, page: Page) -> LiveReload:
        key = id(page)
        if key not in self._reloads:
            self._reloads[key] = LiveReload(page.live_reading, page.live_refresh, page)
        return self._reloads[key]

    def changed(self, topics: frozenset[Topic]) -> None:
        """Re-read what shows ``topics``: the page in view (others are read when shown), the
        status bar and the Messages badge."""
        window = self.window
        if not window.state.has_services or window.state.actor is None:
            return  # locked: everything is read again at sign-in
        page = window.current_page()
        if topics & page.topics:
            self.reload_of(page).request(topics)
        if topics & {Topic.SETTINGS, Topic.MESSAGES, Topic.NOTIFICATIONS}:
            self.status_bar.request(topics)

    def _status_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        services, actor = self.window.state.services, self.window.state.actor
        settings = Topic.SETTINGS in topics

        def read() -> tuple[object, ...]:
            office = services.office
            status = (office.status(), office.setting("idle_lock_minutes")) if settings else None
            unread = services.messages().unread(actor) if actor is not None else (0, None)
            failed = ""
            if Topic.NOTIFICATIONS in topics:
                failed = self.window.notify_problems.newest(services)
            return status, unread, failed

        return read, self._show_status

    def _show_status(self, reading: tuple[Any, Any, str]) -> None:
        status, unread, failed = reading
        if status is not None:
            self.window.show_status(*status)
        self.window.show_messages_badge(*unread)
        self.window.show_notify_problem(failed)

    def connection_changed(self, up: bool) -> None:
        self.banner.setVisible(not up)
        if not up:
            log.warning("lost the connection to the office database")
            self.window.statusBar().clearMessage()


def go_live(window: MainWindow) -> ChangeHub:
    """Start hearing the desk's own and other desks' changes (once the services are open)."""
    hub = ChangeHub(window)
    hub.start(window.state.services)
    window.state.hub = hub
    window.live.attach(hub)
    return hub
