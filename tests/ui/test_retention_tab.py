"""Settings > Retention: a manager edits the schedule, counts and removes off the GUI thread."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from reception_app.domain.people import Role, StaffMember
from reception_app.domain.retention import Period, RecordKind, Unit
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages import settings_page
from reception_app.ui.pages.settings.retention_tab import RetentionTab
from reception_app.ui.pages.settings_page import SettingsPage


@pytest.fixture
def tab(qtbot, state: DeskState) -> RetentionTab:  # type: ignore[no-untyped-def]
    page = SettingsPage(state)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    page.show_tab("Retention")
    QApplication.processEvents()
    page.grab().save("/tmp/retention-tab.png")
    return page.retention_tab  # type: ignore[no-any-return]


def _wait(qtbot: Any) -> None:  # type: ignore[no-untyped-def]
    assert QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.waitUntil(lambda: not QThreadPool.globalInstance().activeThreadCount())
    QApplication.processEvents()


def test_the_tab_shows_the_defaults_and_how_long_backups_keep_data(tab: RetentionTab) -> None:
    assert tab.amounts[RecordKind.WALK_IN].value() == 30
    assert tab.units[RecordKind.MESSAGE].currentText() == "months"
    assert tab.amounts[RecordKind.COMPLAINT].value() == 6
    assert "survive in backups for about 34 days" in tab.backups.text()
    assert tab.last_run.text() == "Not run yet."


def test_a_manager_saves_the_schedule(tab: RetentionTab, state: DeskState) -> None:
    tab.amounts[RecordKind.WALK_IN].setValue(14)
    tab.units[RecordKind.APPOINTMENT].setCurrentText("months")
    tab.amounts[RecordKind.APPOINTMENT].setValue(3)
    tab.save_button.click()
    assert "Retention schedule saved" in tab.status.text()
    schedule = state.services.retention().schedule()
    assert schedule.period(RecordKind.WALK_IN) == Period(14, Unit.DAYS)
    assert schedule.period(RecordKind.APPOINTMENT) == Period(3, Unit.MONTHS)


def test_a_period_out_of_range_is_said_in_place(tab: RetentionTab) -> None:
    tab.units[RecordKind.WALK_IN].setCurrentText("years")
    tab.amounts[RecordKind.WALK_IN].setValue(500)
    tab.save_button.click()
    assert "between 1 and 100 years" in tab.errors.general.text()


def test_count_then_remove_runs_off_the_gui_thread(
    qtbot, tab: RetentionTab, state: DeskState, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    state.services.demo.fill("hellesdon", 40, seed=5)
    monkeypatch.setattr(settings_page, "confirm", lambda *_: True)
    tab.count_button.click()
    _wait(qtbot)
    assert tab.status.text().startswith("Would remove personal details from ")
    tab.run_button.click()
    _wait(qtbot)
    assert tab.status.text().startswith("Removed personal details from ")
    assert "Last run:" in tab.last_run.text()


def test_others_see_the_schedule_but_cannot_change_or_run_it(
    tab: RetentionTab, state: DeskState
) -> None:
    member = state.services.staff.save_staff(
        state.actor, "hellesdon", StaffMember(0, "jsmith", "Jo Smith", Role.RECEPTIONIST)
    )
    state.actor = member
    tab.set_editable(False)
    assert not tab.run_button.isVisible() and not tab.count_button.isVisible()
    assert not tab.amounts[RecordKind.WALK_IN].isEnabled()
