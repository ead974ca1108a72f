"""Every table model in the UI passes pytest-qt's model checks on real sample data."""

from __future__ import annotations

import importlib
import pkgutil
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt

import reception_app.ui
from reception_app.domain.feedback import IncidentDraft, IncidentKind
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.models.appointment_table_model import AppointmentTableModel
from reception_app.ui.models.contact_table_model import ContactTableModel
from reception_app.ui.models.correspondence_follow_up_model import CorrespondenceFollowUpModel
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.models.correspondence_table_model import (
    CorrespondenceTableModel,
    DueTexts,
)
from reception_app.ui.models.feedback_table_model import FeedbackTableModel
from reception_app.ui.models.incident_table_model import IncidentTableModel
from reception_app.ui.models.message_table_model import MessageTableModel
from reception_app.ui.models.queue_table_model import QueueTableModel
from reception_app.ui.models.row_table_model import RowTableModel
from tests.conftest import FixedClock

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def filled(services: AppServices, manager: StaffMember, clock: FixedClock) -> AppServices:
    """Twenty working days of sample history, then a morning with people in the queue."""
    services.demo.fill("hellesdon", 20, seed=5)
    services.feedback().record_incident(
        manager,
        IncidentDraft(
            clock.now - timedelta(days=1), IncidentKind.VERBAL_ABUSE, "Shouted at the desk"
        ),
    )
    queue = services.queue()
    for name in ("Ann Lee", "Bob Jones", "Cara Smith"):
        queue.check_in(manager, CheckInRequest("general", name))
        clock.now += timedelta(minutes=2)
    return services


def _models(services: AppServices, manager: StaffMember, clock: FixedClock) -> list[object]:
    today = clock.now.astimezone(LONDON).date()
    log = services.correspondence()
    engine = log.deadline_engine()
    correspondence = CorrespondenceTableModel()
    correspondence.set_context(engine, today, LONDON, clock.now)
    correspondence.set_rows(log.list_items("all"))
    follow_ups = CorrespondenceFollowUpModel()
    follow_ups.due = DueTexts(engine, today)
    follow_ups.set_rows(log.follow_ups(include_closed=True))
    messages = MessageTableModel()
    messages.set_context(engine, today, LONDON, clock.now)
    messages.set_rows(
        [
            *services.messages().list_messages(manager, "open"),
            *services.messages().list_messages(manager, "closed"),
        ]
    )
    feedback = FeedbackTableModel()
    feedback.set_rows(services.feedback().list_feedback("all"))
    incidents = IncidentTableModel()
    incidents.set_rows(services.feedback().incidents(manager))
    appointments = AppointmentTableModel()
    week = [today + timedelta(days=n) for n in range(-7, 8)]
    booked = [a for day in week for a in services.appointments().day(day)]
    appointments.set_appointments(booked, LONDON, with_day=True)
    models: list[object] = [
        correspondence,
        follow_ups,
        messages,
        feedback,
        incidents,
        appointments,
        QueueTableModel(services.queue().waiting(), clock.now, LONDON),
        ContactTableModel(services.contacts().search("")),
    ]
    import os

    keep = os.environ.get("KEEP_MODELS")
    if keep:
        models = [m for i, m in enumerate(models) if str(i) in keep.split(",")]
    return models


@pytest.mark.parametrize("force_py", [True, False], ids=["pytest-qt", "qt"])
def test_every_table_model_passes_the_qt_model_checks_through_sorts_filters_and_resets(
    qtmodeltester, filled: AppServices, manager: StaffMember, clock: FixedClock, force_py: bool
) -> None:  # type: ignore[no-untyped-def]
    """The tester stays connected after ``check``: every sort, filter and reset that follows is
    checked too (``force_py``: pytest-qt's own tester, else Qt's QAbstractItemModelTester)."""
    for model in _models(filled, manager, clock):
        assert isinstance(model, QAbstractItemModel)
        assert model.rowCount() > 0, f"{type(model).__name__} has no sample rows to check"
        qtmodeltester.check(model, force_py=force_py)
        if isinstance(model, CorrespondenceListModel):
            for column in range(model.columnCount()):
                model.sort(column, Qt.SortOrder.DescendingOrder)
            model.set_filter("a")
            model.set_filter("")
        assert isinstance(model, CorrespondenceListModel | RowTableModel)
        model.set_rows([])
        assert model.rowCount() == 0


def _ui_models() -> set[type]:
    for info in pkgutil.walk_packages(reception_app.ui.__path__, "reception_app.ui."):
        importlib.import_module(info.name)
    found: set[type] = set()
    pending = list(QAbstractItemModel.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.__module__.startswith("reception_app.ui."):
            found.add(cls)
    return found


def test_the_check_above_covers_every_model_the_ui_defines(
    filled: AppServices, manager: StaffMember, clock: FixedClock
) -> None:
    checked = {type(model) for model in _models(filled, manager, clock)}
    abstract = {RowTableModel, CorrespondenceListModel}
    missing = {cls.__qualname__ for cls in _ui_models() - checked - abstract}
    assert not missing, f"table models with no qtmodeltester check: {sorted(missing)}"
