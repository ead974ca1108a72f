"""What every screen shares: the services, who is signed in, and a signal to re-read data."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from reception_app.domain.people import StaffMember
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths

if TYPE_CHECKING:  # the window opens before the data layer is imported (see app.py)
    from reception_app.services.container import AppServices
    from reception_app.ui.changes import ChangeHub


class DeskState(QObject):
    actor_changed = Signal(object)
    """The signed-in StaffMember changed (or None when locked/signed out)."""
    data_changed = Signal()
    """Something was saved: every page re-reads what it shows from the database."""
    theme_changed = Signal()

    def __init__(
        self,
        services: AppServices | None,
        paths: AppPaths,
        machine: MachineSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self.paths = paths
        self.machine = machine
        self._actor: StaffMember | None = None
        self.hub: ChangeHub | None = None
        """Set once the desk listens for changes (app.py): then every screen re-reads when the
        hub says its data changed, and an action does not re-read by itself."""

    @property
    def live(self) -> bool:
        """Screens are kept up to date by the change hub (not by re-reading after an action)."""
        return self.hub is not None

    @property
    def services(self) -> AppServices:
        """The use-cases; only None while the database is still being opened at start-up."""
        if self._services is None:
            raise RuntimeError("the database is still being opened")
        return self._services

    @services.setter
    def services(self, services: AppServices) -> None:
        self._services = services

    def now(self) -> datetime:
        """The services' clock (tests fix it); the system clock while the database opens."""
        if self._services is None:
            return datetime.now(UTC)
        return self._services.context.clock()

    @property
    def has_services(self) -> bool:
        return self._services is not None

    @property
    def actor(self) -> StaffMember | None:
        return self._actor

    @actor.setter
    def actor(self, member: StaffMember | None) -> None:
        self._actor = member
        self.actor_changed.emit(member)

    @property
    def backup_folder(self) -> Path:
        """Where this database's backups go."""
        return self.paths.backups_of(self.services.database.file)

    @property
    def is_manager(self) -> bool:
        return self._actor is not None and self._actor.is_manager

    def save_machine_settings(self) -> None:
        self.machine.save(self.paths.machine_settings_file)
