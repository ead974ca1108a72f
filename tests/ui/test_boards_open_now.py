"""The room board and the appointments timeline open at the time now, not at 09:00
(issue 13 point 13), with the keyboard cursor on the row of the time now."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QWidget

from reception_app.domain.people import StaffMember
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.appointments_page import AppointmentsPage
from reception_app.ui.pages.rooms_page import RoomsPage
from reception_app.ui.timeline import TimelineArea
from tests.conftest import FixedClock


def _open(qtbot, page: QWidget) -> QWidget:  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()  # type: ignore[attr-defined]
    return page


def _now_in_view(area: TimelineArea, minute: int) -> bool:
    top = area.verticalScrollBar().value()
    y = area.grid.y_of(minute)
    return top < y < top + area.viewport().height()


@pytest.mark.parametrize("kind", ["rooms", "appointments"])
def test_a_board_opens_at_the_time_now(
    qtbot,
    state: DeskState,
    clock: FixedClock,
    colleagues: dict[str, StaffMember],
    kind: str,
) -> None:  # type: ignore[no-untyped-def]
    clock.now = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)  # Tuesday, closes at 16:00
    if kind == "rooms":
        page: QWidget = RoomsPage(state)
        _open(qtbot, page)
        area: TimelineArea = page.board_scroll  # type: ignore[attr-defined]
    else:
        page = AppointmentsPage(state)
        _open(qtbot, page)
        area = page.timeline_scroll  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    qtbot.waitUntil(lambda: area.verticalScrollBar().value() > 0)
    assert _now_in_view(area, 15 * 60 + 30)
    geo = area.grid.geometry_now()
    assert geo.minute_of_row(area.grid.cursor_cell()[1]) == 15 * 60 + 30
    # A later refresh of the same day keeps where the person scrolled to.
    area.verticalScrollBar().setValue(0)
    page.refresh()  # type: ignore[attr-defined]
    assert area.verticalScrollBar().value() == 0
