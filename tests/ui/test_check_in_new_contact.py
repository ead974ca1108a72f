"""Check-in: a visitor not yet in the contacts is added from the dialog ("New contact...", the
same finder as the message dialog), filled in from what was typed, and linked to the visit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from reception_app.domain.people import PreferredFormat
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.check_in_dialog import CheckInDialog
from reception_app.ui.dialogs.contact_dialog import ContactDialog


def _when_modal(act: Callable[[QWidget], None], tries: int = 100) -> None:
    """Run ``act`` once on the next modal dialog when it is open (exec() blocks the test)."""

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            act(dialog)
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))

    QTimer.singleShot(0, lambda: poll(tries))


def test_new_contact_is_prefilled_saved_and_linked_to_the_visit(
    qtbot, state: DeskState, services: AppServices, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    finder = dialog.finder
    # Keyboard: the button has its own Alt key, not one the dialog already uses.
    keys = [
        w.text().split("&")[1][0].lower()
        for w in [*dialog.findChildren(QLabel), *dialog.findChildren(QPushButton)]
        + dialog.findChildren(type(dialog.hearing_loop))
        if "&" in w.text()
    ]
    assert finder.new_button.text() == "N&ew contact..." and len(keys) == len(set(keys))

    qtbot.keyClicks(dialog.display_name, "Grace Hopper")
    dialog.hearing_loop.setChecked(True)
    qtbot.keyClicks(finder.line, "NR6 5QB")
    dialog.search_contacts()
    assert not dialog.matches.isVisible()
    assert "add a new contact" in dialog.contact_note.text()
    QApplication.processEvents()
    assert dialog.grab().save(str(tmp_path / "check_in_no_match.png"))
    seen: dict[str, object] = {}

    def fill(new: QWidget) -> None:
        assert isinstance(new, ContactDialog)
        seen.update(
            name=new.full_name.text(),
            postcode=new.postcode.text(),
            loop=new.hearing_loop.isChecked(),
        )
        new.phone.setText("01603 301799")
        assert new.grab().save(str(tmp_path / "check_in_new_contact.png"))
        new.submit()

    _when_modal(fill)
    finder.new_button.click()
    assert seen == {"name": "Grace Hopper", "postcode": "NR6 5QB", "loop": True}
    stored = services.contacts().search("Grace Hopper")
    assert len(stored) == 1 and stored[0].phone == "01603 301799"
    assert stored[0].needs.hearing_loop and stored[0].needs.preferred_format is (
        PreferredFormat.STANDARD
    )
    assert dialog.contact == stored[0]
    assert "Linked to contact Grace Hopper" in dialog.contact_note.text()

    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    assert dialog.visit is not None and dialog.visit.contact_id == stored[0].id
    assert not finder.isEnabled()  # the finder is done with once checked in


def test_cancelling_the_new_contact_links_nothing(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    dialog = CheckInDialog(state)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.display_name, "Ada")
    _when_modal(lambda new: new.reject() if isinstance(new, ContactDialog) else None)
    dialog.finder.new_button.click()
    assert dialog.contact is None and services.contacts().search("Ada") == []
    dialog.service.setCurrentIndex(dialog.service.findData("general"))
    dialog.check_in_button.click()
    assert dialog.visit is not None and dialog.visit.contact_id is None
