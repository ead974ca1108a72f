"""Text a person typed is shown as typed (issue 12): a walk of every page and every dialog its
buttons open, on a desk whose names, purposes and messages are markup, finds no label that
interprets it (rich text would turn "<b>bold</b>" bold and make Qt load "<img src=...>")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QWidget

from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.main_window import MainWindow
from tests.services.letter_fixtures import add_contact
from tests.ui.sample_desk import HOSTILE, fill_sample_desk
from tests.ui.screens import walk_desk, walk_window_dialogs

SEEN = "bold"
"""A word of HOSTILE: a label holding it shows (part of) the hostile text."""


def shown(label: QLabel) -> str:
    """What the label puts on screen, as text."""
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def label_problems(name: str, root: QWidget) -> list[str]:
    labels = root.findChildren(QLabel) + ([root] if isinstance(root, QLabel) else [])
    problems = []
    for label in labels:
        if SEEN not in label.text():
            continue
        if "<b>bold</b> &amp;" not in shown(label):
            problems.append(
                f"{name}: {label.accessibleName() or type(label).__name__} renders {label.text()[:80]!r}"
            )
    return problems


@pytest.fixture
def window(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember, clock
) -> MainWindow:  # type: ignore[no-untyped-def]
    state.machine.desk_key = "R1"
    fill_sample_desk(services, manager, clock, hostile=True)
    add_contact(services, manager, name=HOSTILE)
    room_id = services.office.profile().rooms[0]
    from sqlalchemy import select

    from reception_app.persistence.engine import transaction
    from reception_app.persistence.records import InterviewRoomRecord

    with transaction(services.database.session_factory, write=False) as session:
        room = session.scalar(
            select(InterviewRoomRecord.id).where(InterviewRoomRecord.key == room_id.key)
        )
    services.rooms().book(
        manager, int(room or 0), datetime(2026, 11, 24, 14, 0, tzinfo=UTC), 30, HOSTILE
    )
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_no_label_on_any_page_or_dialog_interprets_typed_markup(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    reached: list[str] = []

    def check(name: str, widget: QWidget) -> None:
        found = [label for label in widget.findChildren(QLabel) if SEEN in label.text()]
        if found:
            reached.append(name)
        problems.extend(label_problems(name, widget))

    walk = walk_desk(window, check)
    walk_window_dialogs(window, check, walk)
    assert len(reached) >= 3, reached  # the hostile text was on screen somewhere
    assert list(dict.fromkeys(problems)) == [], "\n".join(dict.fromkeys(problems))


def test_the_contact_card_and_the_rooms_message_show_markup_as_typed(  # type: ignore[no-untyped-def]
    qtbot, window
) -> None:
    from reception_app.ui.pages.contacts_page import ContactsPage
    from reception_app.ui.pages.rooms_page import RoomsPage

    services = window.state.services
    [hostile] = [c for c in services.contacts().search("bold") if c.full_name == HOSTILE]
    contacts = next(p for p in window.pages if isinstance(p, ContactsPage))
    contacts.contact_details.show_contact(hostile)
    assert label_problems("Contacts", contacts) == []
    assert contacts.details.textFormat() == Qt.TextFormat.PlainText
    rooms = next(p for p in window.pages if isinstance(p, RoomsPage))
    rooms._say(f"Booked: Room 1, 14:00 to 14:30 ({HOSTILE}).")
    assert label_problems("Rooms", rooms) == []
