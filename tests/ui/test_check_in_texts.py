"""A walk-in's mobile at the desk check-in, and the desk and the display showing they were texted."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel

from reception_app.domain.notifications import WHERE_TO_SET_UP
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.check_in_dialog import CheckInDialog
from reception_app.ui.display_window import DisplayWindow
from reception_app.ui.models.queue_table_model import QueueTableModel
from tests.notify_fixtures import NotifyOffice


def _dialog(qtbot, state: DeskState) -> CheckInDialog:  # type: ignore[no-untyped-def]
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_mobile_given_at_the_desk_brings_texts_and_a_bad_one_is_said_by_the_field(
    qtbot, state: DeskState, services: AppServices, notify: NotifyOffice, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state)
    assert dialog.mobile.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.display_name, "Ann")
    qtbot.keyClicks(dialog.mobile, "01603 301751")
    dialog.check_in()
    assert dialog.visit is None
    assert "cannot receive texts" in dialog.errors.message_for("mobile")
    dialog.mobile.clear()
    qtbot.keyClicks(dialog.mobile, "07700 900123")
    dialog.check_in()
    assert dialog.visit is not None
    assert "We will text them" in dialog.result_text
    dialog.resize(1366, 768)
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "check_in_mobile.png"))
    assert services.queue().waiting()[0].ticket == dialog.visit.ticket


def test_without_notify_the_dialog_says_where_to_set_it_up(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, state)
    assert not dialog.mobile.isVisibleTo(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert WHERE_TO_SET_UP in labels


def test_the_desk_and_the_display_show_the_visitor_was_texted(
    qtbot, services: AppServices, manager: StaffMember, notify: NotifyOffice, clock, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    queue = services.queue()
    queue.check_in(None, CheckInRequest("general", "Ann"))
    ben = queue.check_in(None, CheckInRequest("general", "Ben", mobile="07700 900123"))
    queue.call_next(manager, "R1")
    waiting = queue.waiting()
    model = QueueTableModel(waiting, clock.now)
    row = model.row_of(ben.ticket)
    assert row is not None
    assert model.index(row, QueueTableModel.TEXT).data() == "Text waiting"
    assert services.notifications().sender(per_second=0).step().sent == 1
    model.set_visits(queue.waiting(), clock.now)
    assert model.index(row, QueueTableModel.TEXT).data() == "Texted"

    display = DisplayWindow(services)
    qtbot.addWidget(display)
    display.resize(1366, 768)
    display.show()
    qtbot.waitExposed(display)
    assert display.texted_line.text() == f"We have texted {ben.ticket}."
    assert display.grab().save(str(tmp_path / "display_texted.png"))


def test_a_contact_who_agreed_to_texts_brings_their_mobile(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.domain.notifications import Channel
    from reception_app.domain.people import Contact

    ann = services.contacts().save(
        Contact(None, "Ann Lee", phone="07700 900123", notify_by=Channel.SMS), manager
    )
    ben = services.contacts().save(Contact(None, "Ben Roe", phone="07700 900456"), manager)
    dialog = _dialog(qtbot, state)
    dialog.use_contact(ben)
    assert dialog.mobile.text() == "", "no consent on record: nothing filled in"
    dialog.use_contact(ann)
    assert dialog.mobile.text() == "07700 900123"
