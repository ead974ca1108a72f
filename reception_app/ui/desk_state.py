"""What every screen shares: the services, who is signed in, and a signal to re-read data."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reception_app.domain.people import StaffMember
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.services.container import AppServices


class DeskState(QObject):
    actor_changed = Signal(object)
    """The signed-in StaffMember changed (or None when locked/signed out)."""
    data_changed = Signal()
    """Something was saved: every page re-reads what it shows from the database."""
    theme_changed = Signal()

    def __init__(
        self,
        services: AppServices,
        paths: AppPaths,
        machine: MachineSettings,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.paths = paths
        self.machine = machine
        self._actor: StaffMember | None = None

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
