"""UI fixtures: a DeskState on a real database with the manager signed in."""

from __future__ import annotations

import pytest

from reception_app.domain.people import StaffMember
from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState


@pytest.fixture
def state(qapp, services: AppServices, paths: AppPaths, manager: StaffMember) -> DeskState:  # type: ignore[no-untyped-def]
    desk = DeskState(services, paths, MachineSettings())
    desk.actor = manager
    return desk
