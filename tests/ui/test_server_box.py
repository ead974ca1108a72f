"""Settings > This computer: a manager points the desk at the office's server, tested first."""

from __future__ import annotations

import json

from reception_app.domain.people import StaffMember
from reception_app.machine_settings import MachineSettings
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.settings.server_box import ServerBox
from tests.databases import unique_name
from tests.postgres_server import PostgresServer


def _box(qtbot, state: DeskState) -> ServerBox:  # type: ignore[no-untyped-def]
    box = ServerBox(state)
    qtbot.addWidget(box)
    box.refresh()
    return box


def test_a_missing_server_name_is_said_next_to_the_field(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    box = _box(qtbot, state)
    assert box.own_file.isChecked() and not box.host.isEnabled()
    box.shared.setChecked(True)
    box.database_name.setText("reception")
    box.user.setText("desk")
    box.test_button.click()
    assert "server's name" in box.errors.message_for("host")
    assert box.result.text() == ""


def test_testing_a_real_server_says_what_it_found_off_the_gui_thread(
    qtbot,
    state: DeskState,
    postgres: PostgresServer,  # type: ignore[no-untyped-def]
) -> None:
    box = _box(qtbot, state)
    box.shared.setChecked(True)
    name = unique_name()
    postgres.create_database(name)
    box.host.setText(str(postgres.socket_dir))
    box.database_name.setText(name)
    box.user.setText(postgres.user)
    box.test_button.click()
    qtbot.waitUntil(lambda: "is empty" in box.result.text(), timeout=15_000)
    assert "server init" in box.result.text()
    box.database_name.setText("no_such_database")
    box.test_button.click()
    qtbot.waitUntil(lambda: "has no database" in box.result.text(), timeout=15_000)
    postgres.drop_database(name)


def test_saving_keeps_the_address_the_office_and_the_password_apart(
    qtbot,
    state: DeskState,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    box = _box(qtbot, state)
    box.shared.setChecked(True)
    box.host.setText("reception-db")
    box.port.setText("5433")
    box.database_name.setText("reception")
    box.user.setText("desk")
    box.password.setText("pa55 word")
    box.office.setCurrentIndex(box.office.findData("north-norfolk"))
    box.save_button.click()
    assert "open it again" in box.result.text()
    saved = json.loads(state.paths.machine_settings_file.read_text(encoding="utf-8"))
    assert saved["database_url"] == "postgresql+psycopg://desk@reception-db:5433/reception"
    assert saved["office_key"] == "north-norfolk"
    assert "pa55" in state.paths.private_settings_file.read_text(encoding="utf-8")
    again = _box(
        qtbot,
        DeskState(
            state.services, state.paths, MachineSettings.load(state.paths.machine_settings_file)
        ),
    )
    assert again.shared.isChecked() and again.port.text() == "5433"
    assert again.password.text() == "", "the password is never shown again"


def test_only_a_manager_can_change_it(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    state.actor = None
    box = _box(qtbot, state)
    assert not box.isEnabled()
