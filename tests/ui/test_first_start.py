"""First start: manager account with errors shown in place, then the sample-data offer."""

from __future__ import annotations

import threading

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reception_app.machine_settings import MachineSettings
from reception_app.paths import AppPaths
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.first_run_dialog import FirstRunDialog
from reception_app.ui.first_start import _create_manager, offer_sample_data


def test_first_run_dialog_explains_bad_input_then_creates_the_manager(
    qtbot,
    services: AppServices,
    paths: AppPaths,  # type: ignore[no-untyped-def]
) -> None:
    state = DeskState(services, paths, MachineSettings())
    dialog = FirstRunDialog(services.office.office_names(), _create_manager(state))
    qtbot.addWidget(dialog)
    dialog.office.setCurrentIndex(dialog.office.findData("north-norfolk"))
    qtbot.keyClicks(dialog.full_name, "Sam O'Neill")
    assert dialog.username.text() == "soneill"  # suggested from the name
    qtbot.keyClicks(dialog.password, "long enough")
    qtbot.keyClicks(dialog.repeat, "not the same")
    dialog._submit()
    assert "not the same" in dialog.errors.message_for("repeat_password")
    assert dialog.result() == 0 and not services.staff.has_accounts()
    dialog.repeat.setText("long enough")
    dialog._submit()
    assert dialog.manager is not None and dialog.manager.is_manager
    assert services.office.active_office_key() == "north-norfolk"
    assert services.staff.sign_in("soneill", "long enough").full_name == "Sam O'Neill"


def test_sample_data_offer_loads_off_the_ui_thread(
    qtbot,
    services: AppServices,
    paths: AppPaths,  # type: ignore[no-untyped-def]
) -> None:
    state = DeskState(services, paths, MachineSettings())
    manager = services.staff.create_first_manager(
        "hellesdon", "Ann Lee", "alee", "password1", "password1"
    )
    services.office.set_active_office("hellesdon", manager)

    def answer_yes() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and "sample" in box.text()
        box.button(QMessageBox.StandardButton.Yes).click()

    threads: list[object] = []
    real_fill = services.demo.fill

    def fill_recording_thread(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_fill(*args, **kwargs)

    services.demo.fill = fill_recording_thread  # type: ignore[method-assign]
    QTimer.singleShot(50, answer_yes)
    offer_sample_data(state, "hellesdon", None)
    assert threads and threads[0] is not threading.main_thread()
    assert not services.demo.is_empty("hellesdon")
    assert len(services.contacts().search("", limit=1000)) > 30


def test_a_declined_offer_is_not_repeated(
    qtbot,
    services: AppServices,
    paths: AppPaths,  # type: ignore[no-untyped-def]
) -> None:
    state = DeskState(services, paths, MachineSettings())
    manager = services.staff.create_first_manager(
        "hellesdon", "Ann Lee", "alee", "password1", "password1"
    )
    services.office.set_active_office("hellesdon", manager)
    assert services.demo.offer_pending("hellesdon")

    def answer_no() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.No).click()

    QTimer.singleShot(50, answer_no)
    offer_sample_data(state, "hellesdon", None)
    assert services.demo.is_empty("hellesdon")
    assert not services.demo.offer_pending("hellesdon")


def test_the_sign_in_list_starts_on_whoever_signed_in_last_here(
    qtbot,
    services: AppServices,
    paths: AppPaths,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.ui.dialogs.sign_in_dialog import SignInDialog
    from reception_app.ui.main_window import MainWindow

    services.staff.create_first_manager("hellesdon", "Ann Lee", "alee", "password1", "password1")
    services.demo.fill("hellesdon", 2, seed=1)  # sample staff sort before "Ann Lee"
    machine = MachineSettings()
    state = DeskState(services, paths, machine)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.start(services.staff.sign_in("alee", "password1"))
    assert MachineSettings.load(paths.machine_settings_file).last_username == "alee"
    dialog = SignInDialog(
        "Hellesdon", services.staff.sign_in_names(), services.staff.sign_in, preselect="alee"
    )
    qtbot.addWidget(dialog)
    assert dialog.person.currentData() == "alee"
