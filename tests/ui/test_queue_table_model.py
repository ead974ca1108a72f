"""QueueTableModel: passes Qt's model checks, shows the queue as the desk reads it, gives the Visit."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from reception_app.domain.visits import Visit, VisitKind, VisitNeeds, VisitStatus
from reception_app.ui.models.queue_table_model import QueueTableModel
from reception_app.ui.text import wait_range

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
LONDON = ZoneInfo("Europe/London")


def _visit(ticket: str, minutes_ago: float, estimate: float | None, **kwargs) -> Visit:  # type: ignore[no-untyped-def]
    values = {
        "id": int(ticket[1:]),
        "ticket": ticket,
        "ticket_day": date(2026, 11, 24),
        "service_key": "general",
        "service_name": "General enquiry",
        "service_active": True,
        "display_name": "Ann",
        "contact_id": None,
        "needs": VisitNeeds(),
        "note": "",
        "kind": VisitKind.WALK_IN,
        "status": VisitStatus.WAITING,
        "checked_in_at": NOW - timedelta(minutes=minutes_ago),
        "position": float(int(ticket[1:])),
        "estimate_minutes": estimate,
    }
    values.update(kwargs)
    return Visit(**values)  # type: ignore[arg-type]


FIRST = _visit("G001", 12.4, 1.0, note="Brought a letter")
SECOND = _visit(
    "B002",
    3,
    12.7,
    service_key="burials",
    service_name="Cemetery and burials",
    needs=VisitNeeds(private_room=True, interpreter_language="Polish", hearing_loop=True),
)
BOOKED = dataclasses.replace(
    _visit("H003", 1, 27.0, kind=VisitKind.APPOINTMENT, service_active=False),
    booked_at=NOW + timedelta(minutes=15),
)


def test_model_passes_qt_model_checks(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    for force_py in (False, True):
        qtmodeltester.check(QueueTableModel([FIRST, SECOND], NOW), force_py=force_py)
        qtmodeltester.check(QueueTableModel([], NOW), force_py=force_py)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (None, ""),
        (0.0, "now"),
        (1.9, "now"),
        (2.0, "under 5 min"),
        (5.0, "about 5-10 min"),
        (12.7, "about 10-15 min"),
        (61.0, "about 60-65 min"),
    ],
)
def test_wait_is_told_as_a_five_minute_range(minutes: float | None, text: str) -> None:
    assert wait_range(minutes) == text


def test_rows_show_ticket_service_waited_estimate_needs_and_note_in_the_given_order() -> None:
    model = QueueTableModel([FIRST, SECOND, BOOKED], NOW, LONDON)
    assert model.columnCount() == len(QueueTableModel.HEADERS)
    assert model.headerData(QueueTableModel.ESTIMATE, Qt.Orientation.Horizontal) == "Called in"

    def row(r: int) -> list[str]:
        return [model.index(r, c).data() for c in range(model.columnCount())]

    assert row(0) == ["G001", "General enquiry", "12 min", "now", "", "Brought a letter", ""]
    assert row(1) == [
        "B002",
        "Cemetery and burials",
        "3 min",
        "about 10-15 min",
        "Room, Polish interpreter, Loop",
        "",
        "",
    ]
    assert row(2)[:4] == [
        "H003 (appt 10:45)",
        "General enquiry (withdrawn)",
        "1 min",
        "at 10:45 (booked)",
    ]
    due = QueueTableModel([BOOKED], NOW + timedelta(minutes=16), LONDON)
    assert due.index(0, QueueTableModel.ESTIMATE).data() == "due now"
    assert model.tickets() == ["G001", "B002", "H003"]
    assert model.row_of("B002") == 1 and model.row_of("X999") is None


def test_visit_role_returns_the_visit_through_a_proxy_and_reload_resets() -> None:
    model = QueueTableModel([FIRST, SECOND], NOW)
    for column in range(model.columnCount()):
        assert model.index(1, column).data(QueueTableModel.VisitRole) is SECOND
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(QueueTableModel.TICKET, Qt.SortOrder.AscendingOrder)
    assert proxy.index(0, 0).data(QueueTableModel.VisitRole) is SECOND
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    model.set_visits([SECOND], NOW + timedelta(minutes=10))
    assert resets == [1] and model.rowCount() == 1
    assert model.index(0, QueueTableModel.WAITED).data() == "13 min"
