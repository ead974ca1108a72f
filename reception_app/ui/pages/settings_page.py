"""Settings: office, hours, days off, desks, rota, rooms, services, standards, staff, rules,
retention, PC.

Managers edit; everyone else sees the same tabs read-only. Each tab lives in its own module of
``reception_app.ui.pages.settings``; this module puts them together.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QLabel, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from reception_app.domain.offices import OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.page import Page
from reception_app.ui.pages.settings.closure_days_tab import ClosureDaysTab
from reception_app.ui.pages.settings.computer_tab import ComputerTab
from reception_app.ui.pages.settings.desk_rules_tab import DeskRulesTab
from reception_app.ui.pages.settings.desks_tab import DesksTab
from reception_app.ui.pages.settings.hours_tab import HoursTab, parse_day_hours
from reception_app.ui.pages.settings.office_tab import OfficeTab
from reception_app.ui.pages.settings.officer_hours_tab import OfficerHoursTab
from reception_app.ui.pages.settings.retention_tab import RetentionTab
from reception_app.ui.pages.settings.rooms_tab import RoomsTab
from reception_app.ui.pages.settings.rota_tab import RotaTab
from reception_app.ui.pages.settings.services_tab import ServicesTab
from reception_app.ui.pages.settings.staff_tab import StaffTab
from reception_app.ui.pages.settings.standards_tab import StandardsTab

__all__ = ["MANAGER_ONLY", "SettingsPage", "confirm", "parse_day_hours"]

MANAGER_ONLY = "Only a manager can change these settings. Ask a manager if something here is wrong."


def confirm(parent: QWidget, title: str, question: str) -> bool:
    """Ask a yes/no question (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class _Section(Protocol):
    """What the page asks of each tab."""

    dirty: bool

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        """Re-read what the tab shows (``profile`` if the page has just read it); a form with
        unsaved typing keeps it."""

    def set_editable(self, editable: bool) -> None:
        """Let a manager edit, or show everything read-only."""


class SettingsPage(Page):
    title = "Settings"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._build_tabs(state)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Settings sections")
        self.tabs.setToolTip("Ctrl+Tab and Ctrl+Shift+Tab move between the sections.")
        self.tabs.setUsesScrollButtons(True)
        self._tabs: list[tuple[str, QWidget]] = [
            ("Office", self.office_tab),
            ("Opening hours", self.hours_tab),
            ("Closure days", self.closures_tab),
            ("Desks", self.desks_tab),
            ("Rota", self.rota_tab),
            ("Officers' hours", self.officer_hours_tab),
            ("Rooms", self.rooms_tab),
            ("Services", self.services_tab),
            ("Standards", self.standards_tab),
            ("Staff", self.staff_tab),
            ("Desk rules", self.rules_tab),
            ("Retention", self.retention_tab),
            ("This computer", self.computer_tab),
        ]
        for name, tab in self._tabs:
            self.tabs.addTab(tab, name)

        self.manager_note = QLabel(MANAGER_ONLY)
        self.manager_note.setWordWrap(True)
        self.manager_note.setProperty("role", "hint")
        self.manager_note.setAccessibleName("Read-only")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Settings"))
        layout.addWidget(self.manager_note)
        layout.addWidget(self.tabs, 1)
        state.actor_changed.connect(lambda _member: self._apply_permissions())
        self._apply_permissions()

    def _build_tabs(self, state: DeskState) -> None:
        after = self._saved
        self.office_tab = OfficeTab(state, after, self._office_switched, self._confirm)
        self.hours_tab = HoursTab(state, after)
        self.closures_tab = ClosureDaysTab(state, after, self._confirm)
        self.desks_tab = DesksTab(state, after)
        self.rota_tab = RotaTab(state, after)
        self.officer_hours_tab = OfficerHoursTab(state, after)
        self.rooms_tab = RoomsTab(state, after)
        self.services_tab = ServicesTab(state, after)
        self.standards_tab = StandardsTab(state, after)
        self.staff_tab = StaffTab(state, after)
        self.rules_tab = DeskRulesTab(state, after)
        self.retention_tab = RetentionTab(state, after, self._confirm)
        self.computer_tab = ComputerTab(state, after)
        self._sections: list[_Section] = [
            self.office_tab,
            self.hours_tab,
            self.closures_tab,
            self.desks_tab,
            self.rota_tab,
            self.officer_hours_tab,
            self.rooms_tab,
            self.services_tab,
            self.standards_tab,
            self.staff_tab,
            self.rules_tab,
            self.retention_tab,
            self.computer_tab,
        ]

    def tab(self, name: str) -> QWidget:
        """The tab called ``name`` (as on its label)."""
        return next(tab for label, tab in self._tabs if label == name)

    def show_tab(self, name: str) -> None:
        self.tabs.setCurrentWidget(self.tab(name))

    def tab_names(self) -> list[str]:
        return [name for name, _ in self._tabs]

    def refresh(self) -> None:
        self._apply_permissions()
        profile = self.state.services.office.profile()  # read once for all tabs, not cached
        for section in self._sections:
            section.refresh(profile)

    def _apply_permissions(self) -> None:
        editable = self.state.is_manager
        self.manager_note.setVisible(not editable)
        for section in self._sections:
            section.set_editable(editable)

    def _confirm(self, parent: QWidget, title: str, question: str) -> bool:
        # Looked up when asked, so a test that replaces this module's confirm() is heard.
        return confirm(parent, title, question)

    def _saved(self) -> None:
        self.refresh()
        self.state.data_changed.emit()

    def _office_switched(self) -> None:
        for section in self._sections:
            section.dirty = False
        self._saved()
