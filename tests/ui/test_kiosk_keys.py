"""The kiosk's keys write the names people have (issue 13 point 11): O'Brien, Mary Ann."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from reception_app.domain.people import StaffMember
from reception_app.domain.visits import typed_first_name
from reception_app.services.container import AppServices
from reception_app.ui.kiosk_window import KioskWindow


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("O'BRIEN", "O'Brien"),
        ("MARY ANN", "Mary Ann"),
        ("ANNE-MARIE", "Anne-Marie"),
        ("  -ANA- ", "Ana"),
        ("JO  ''ANN", "Jo Ann"),
        ("", ""),
    ],
)
def test_a_typed_first_name_is_written_as_people_write_it(typed: str, shown: str) -> None:
    assert typed_first_name(typed) == shown


def test_the_kiosk_has_space_apostrophe_and_hyphen_keys(
    qtbot, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    kiosk = KioskWindow(services)
    qtbot.addWidget(kiosk)
    kiosk.resize(1280, 800)
    kiosk.show()
    qtbot.waitExposed(kiosk)
    qtbot.mouseClick(kiosk.take_ticket_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(next(iter(kiosk.service_buttons.values())), Qt.MouseButton.LeftButton)
    for char in "O'BRIEN":
        qtbot.mouseClick(kiosk.letter_buttons[char], Qt.MouseButton.LeftButton)
    assert kiosk.name_label.text() == "O'Brien"
    for _ in range(7):
        qtbot.mouseClick(kiosk.delete_button, Qt.MouseButton.LeftButton)
    for char in "MARY ANN":
        qtbot.mouseClick(kiosk.letter_buttons[char], Qt.MouseButton.LeftButton)
    assert kiosk.name_label.text() == "Mary Ann"
    assert kiosk.letter_buttons["'"].accessibleName() == "Apostrophe"
    assert kiosk.letter_buttons[" "].isVisible()
    kiosk.grab().save("/tmp/keys/kiosk-keys.png")
