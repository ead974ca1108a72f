"""Reports > Audit (issue 12): managers filter the log and export it; others do not see it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from PySide6.QtWidgets import QApplication

from reception_app.domain.people import Role, StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.reports_page import ReportsPage
from tests.services.letter_fixtures import add_contact


def test_a_manager_searches_by_person_and_exports(  # type: ignore[no-untyped-def]
    qtbot, state: DeskState, services: AppServices, tmp_path: Path
) -> None:
    manager = state.actor
    assert manager is not None
    zoe = add_contact(services, manager, name="<b>Zoë</b> &amp; Co")
    add_contact(services, manager, name="Someone Else")
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    audit = page.audit_tab
    page.tabs.setCurrentWidget(audit)
    audit.person.setText("Zoë")
    assert audit.people.count() == 1 and audit.people.currentData() == zoe.id
    audit.search_button.click()
    assert audit.model.rowCount() == 1
    assert audit.model.item(0, 4).text() == f"Contact #{zoe.id} added"
    assert audit.people.currentText().startswith("<b>Zoë</b> &amp; Co")  # combo text is plain
    assert audit.message.text() == "1 entry found."
    QApplication.processEvents()
    page.grab().save("/tmp/access-audit.png")
    out = tmp_path / "audit.csv"
    audit.export_to(out)
    assert audit.message.text() == f"Saved 1 entries to {out}."
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 2 and rows[1][3] == "contact"


def test_the_audit_tab_is_hidden_from_a_receptionist(  # type: ignore[no-untyped-def]
    qtbot, state: DeskState
) -> None:
    rita = state.services.staff.save_staff(
        state.actor,
        "hellesdon",
        StaffMember(0, "rdesk", "Rita Desk", Role.RECEPTIONIST),
        "desk-pass",
    )
    state.actor = rita
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.refresh()
    assert not page.tabs.isTabVisible(page.tabs.indexOf(page.audit_tab))
    page.audit_tab.search()  # even if reached: the service refuses
    assert page.audit_tab.message.text().startswith("Only a manager can read the audit log")


def test_exporting_over_the_database_is_refused_in_place(  # type: ignore[no-untyped-def]
    qtbot, state: DeskState
) -> None:
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.refresh()
    database = state.services.database.file
    assert database is not None and database.exists()
    before = database.read_bytes()
    page.audit_tab.export_to(database)
    assert "one of Reception's own files" in page.audit_tab.message.text()
    assert database.read_bytes() == before
