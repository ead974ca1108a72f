"""The contact's record: a manager exports everything held about them, or erases them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QApplication

from reception_app.domain.people import Contact, Role, StaffMember
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.contacts_page import ContactsPage
from reception_app.ui.panels import person_data_actions
from tests.services.letter_fixtures import add_contact


@pytest.fixture
def page(qtbot, state: DeskState) -> ContactsPage:  # type: ignore[no-untyped-def]
    add_contact(state.services, state.actor)  # type: ignore[arg-type]
    widget = ContactsPage(state)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    widget._select_row(0)
    QApplication.processEvents()
    return widget


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.wait(20)
    QApplication.processEvents()


def test_a_manager_exports_a_contacts_data_to_a_zip(
    qtbot, page: ContactsPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "their-data"
    monkeypatch.setattr(person_data_actions, "choose_zip", lambda *_: out)
    page.grab().save("/tmp/retention-contacts.png")
    assert page.person_data.isVisible() and page.person_data.export_button.isEnabled()
    page.person_data.export_button.click()
    _settle(qtbot)
    assert "records and 0 letter files" in page.person_data.status.text()
    with zipfile.ZipFile(out.with_name("their-data.zip")) as archive:
        assert "personal-data.pdf" in archive.namelist()


def test_erasing_asks_first_naming_what_goes(
    qtbot, page: ContactsPage, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(_parent: object, name: str, description: str, *, yes: bool) -> bool:
        asked.append(f"{name}: {description}")
        return yes

    monkeypatch.setattr(person_data_actions, "confirm_erasure", lambda *a: answer(*a, yes=False))
    page.person_data.erase_button.click()
    assert "contact record (name, phone, e-mail, address" in asked[0]
    assert page.model.rowCount() == 1
    monkeypatch.setattr(person_data_actions, "confirm_erasure", lambda *a: answer(*a, yes=True))
    page.person_data.erase_button.click()
    _settle(qtbot)
    assert "Erased" in page.person_data.status.text()
    assert page.model.rowCount() == 0


def test_the_buttons_are_for_managers_only(page: ContactsPage, state: DeskState) -> None:
    desk = state.services.staff.save_staff(
        state.actor, "hellesdon", StaffMember(0, "rdesk", "Rita Desk", Role.RECEPTIONIST)
    )
    state.actor = desk
    state.actor_changed.emit(desk)
    assert not page.person_data.isVisible()


_ = Contact


def test_a_manager_puts_the_person_on_legal_hold_and_erasure_then_waits(
    page: ContactsPage, state: DeskState, monkeypatch: pytest.MonkeyPatch
) -> None:
    actions = page.person_data
    assert actions.hold_button.text() == "Put on le&gal hold"
    actions.hold_button.click()
    assert "is on legal hold" in actions.status.text()
    assert actions.hold_button.text() == "Lift the le&gal hold"
    contact = page.selected_contact()
    assert contact is not None and contact.id is not None
    assert state.services.retention().legal_hold("contact", contact.id)
    monkeypatch.setattr(person_data_actions, "confirm_erasure", lambda *_: True)
    actions.erase_button.click()
    assert "cannot be erased yet: the contact is on legal hold" in actions.status.text()
    actions.hold_button.click()
    assert "is lifted" in actions.status.text()
    assert not state.services.retention().legal_hold("contact", contact.id)
