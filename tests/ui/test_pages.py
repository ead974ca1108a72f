"""The sidebar pages render from the database and show the figures a receptionist relies on."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QTableView,
    QTableWidget,
    QWidget,
)

from reception_app.domain.people import Role, StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.appointments_page import AppointmentsPage
from reception_app.ui.pages.correspondence_page import CorrespondencePage
from reception_app.ui.pages.messages_page import MessagesPage
from reception_app.ui.pages.page import Page
from reception_app.ui.pages.reports_page import ReportsPage
from reception_app.ui.pages.rooms_page import RoomsPage
from tests.conftest import FixedClock

PAGES = [AppointmentsPage, RoomsPage, MessagesPage, CorrespondencePage, ReportsPage]


def _show(qtbot, page: Page) -> Page:  # type: ignore[no-untyped-def]
    qtbot.addWidget(page)
    page.resize(1000, 740)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _inside(widget: QWidget, kinds: tuple[type, ...]) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, kinds):
            return True
        parent = parent.parentWidget()
    return False


def _rows(table: QTableWidget | QTableView) -> list[list[str]]:
    model = table.model()
    return [
        [str(model.index(r, c).data()) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


@pytest.mark.parametrize("page_class", PAGES)
def test_page_renders_and_every_input_is_named(qtbot, state: DeskState, page_class) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, page_class(state))
    assert page.accessibleName() == page.title
    inputs = page.findChildren(QLineEdit) + page.findChildren(QComboBox)
    inputs += page.findChildren(QDateTimeEdit) + page.findChildren(QTableView)
    for widget in inputs:
        if _inside(widget, (QComboBox, QDateTimeEdit)):
            continue  # the parts Qt builds inside a combo box or date edit
        assert widget.accessibleName(), f"{page.title}: {widget!r} has no accessible name"
    page.refresh()  # a second refresh re-reads without piling up rows


# --- Appointments -----------------------------------------------------------------------------


def test_appointments_lists_ten_working_days_and_skips_a_closure_day_with_its_reason(
    qtbot,
    state: DeskState,
    services: AppServices,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    page = _show(qtbot, AppointmentsPage(state))
    lines = page.day_lines()
    assert lines[0] == "Tue 24 Nov (today): 09:30–16:00"
    assert lines[1] == "Wed 25 Nov (tomorrow): 09:30–16:00"
    assert "Sat 28 Nov – Sun 29 Nov: Closed: weekend" in lines
    assert sum("09:30–16:00" in line for line in lines) == 10
    assert lines[-1] == "Mon 7 Dec: 09:30–16:00"

    services.office.add_day_off(date(2026, 11, 26), "closure", "Staff training", manager)
    page.refresh()
    lines = page.day_lines()
    assert "Thu 26 Nov: Closed: Staff training" in lines
    assert sum("09:30–16:00" in line for line in lines) == 10
    assert lines[-1] == "Tue 8 Dec: 09:30–16:00"

    services_rows = _rows(page.services)
    assert ["Cemetery and burials", "20 minutes", "Yes", "—"] in services_rows
    assert ["General enquiry", "8 minutes", "No", "—"] in services_rows


def test_appointments_over_christmas_names_the_bank_holidays(
    qtbot,
    state: DeskState,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    clock.now = datetime(2026, 12, 23, 9, 0, tzinfo=UTC)
    lines = _show(qtbot, AppointmentsPage(state)).day_lines()
    assert lines[:3] == [
        "Wed 23 Dec (today): 09:30–16:00",
        "Thu 24 Dec (tomorrow): 09:30–16:00",
        "Fri 25 Dec: Closed (bank holiday): Christmas Day",
    ]
    assert "Mon 28 Dec: Closed (bank holiday): Boxing Day (observed)" in lines
    assert "Fri 1 Jan 2027: Closed (bank holiday): New Year's Day" in lines


# --- Rooms ------------------------------------------------------------------------------------


def test_rooms_shows_each_room_and_todays_hours(
    qtbot,
    state: DeskState,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    page = _show(qtbot, RoomsPage(state))
    assert page.today_title.text() == "Today, Tuesday 24 November: rooms can be used 09:30–16:00"
    assert page.today_detail.text() == "The office is open now, until 16:00."
    assert _rows(page.rooms) == [
        [
            "Interview Room",
            "3 people",
            "Hearing loop, wheelchair access",
            "10 minutes",
            "Ground floor, first door on the left after reception",
        ],
        [
            "Committee Room",
            "10 people",
            "Wheelchair access, screen",
            "15 minutes",
            "Ground floor, end of the corridor",
        ],
    ]

    clock.now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # Saturday
    page.refresh()
    assert page.today_title.text().startswith("Today, Saturday 28 November: no rooms (closed")
    assert page.today_detail.text() == "Rooms can next be used on Monday 30 November at 09:30."

    clock.now = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)  # after closing
    page.refresh()
    assert "closed for today" in page.today_detail.text()
    assert "tomorrow at 09:30" in page.today_detail.text()


# --- Messages ---------------------------------------------------------------------------------


def _staff(services: AppServices, manager: StaffMember, name: str, **fields: object) -> None:
    member = StaffMember(
        id=0,
        username=name.split()[0].lower(),
        full_name=name,
        role=fields.pop("role", Role.OFFICER),
        **fields,  # type: ignore[arg-type]
    )
    services.staff.save_staff(manager, "hellesdon", member)


def test_messages_shows_the_call_back_deadline_and_an_active_staff_directory(
    qtbot,
    state: DeskState,
    services: AppServices,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    _staff(
        services,
        manager,
        "Priya Shah",
        team="Planning",
        is_team_lead=True,
        phone="01603 301752",
        email="priya@hellesdon-pc.gov.uk",
    )
    _staff(services, manager, "Tom Reed", team="Planning", phone="01603 301753")
    _staff(services, manager, "Gone Away", team="Planning", active=False)
    page = _show(qtbot, MessagesPage(state))

    assert page.callback_due.text() == (
        "A call-back for a message taken now is due by Wed 25 Nov 2026 (in 1 working day)."
    )
    assert "respond by the end of the next working day" in page.callback_rule.text()

    rows = _rows(page.table)
    assert [r[0] for r in rows] == ["Margaret Clerk", "Priya Shah", "Tom Reed"]
    assert ["Tom Reed", "Officer", "01603 301753", "—", "Planning", "Priya Shah"] in rows
    assert [
        "Priya Shah",
        "Officer",
        "01603 301752",
        "priya@hellesdon-pc.gov.uk",
        "Planning",
        "Leads this team",
    ] in rows
    assert page.count_note.text() == "3 colleagues working here."

    page.filter.setFocus()
    qtbot.keyClicks(page.filter, "reed")
    assert [r[0] for r in _rows(page.table)] == ["Tom Reed"]
    assert page.count_note.text() == "1 of 3 colleagues match 'reed'."
    qtbot.keyClick(page.filter, Qt.Key.Key_Return)
    assert page.table.selectionModel().selectedRows()[0].data() == "Tom Reed"


def test_a_message_taken_on_friday_afternoon_is_due_on_monday(
    qtbot,
    state: DeskState,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    clock.now = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    page = _show(qtbot, MessagesPage(state))
    assert "due by Mon 30 Nov 2026 (in 1 working day)" in page.callback_due.text()


# --- Correspondence ---------------------------------------------------------------------------


def _receive(
    page: CorrespondencePage, channel: str, y: int, m: int, d: int, hh: int, mm: int
) -> None:
    page.channel.setCurrentIndex(page.channel.findData(channel))
    page.received.setDateTime(QDateTime(QDate(y, m, d), QTime(hh, mm), QTimeZone.utc()))


def test_correspondence_calculator_gives_the_hand_worked_dates(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, CorrespondencePage(state))
    # Received defaults to now, in London time.
    assert page.received_at() == datetime(2026, 11, 24, 10, 30, tzinfo=page.received_at().tzinfo)

    # A Hellesdon letter received Tue 24 Nov 2026: 10 working days -> Tue 8 Dec 2026.
    _receive(page, "letter", 2026, 11, 24, 10, 30)
    assert page.due_texts() == {"respond": "Tue 8 Dec 2026 (in 10 working days)"}

    # Changing the channel updates at once: an email has all three clocks, 72 hours with a time.
    page.channel.setCurrentIndex(page.channel.findData("email"))
    assert page.due_texts() == {
        "acknowledge": "Fri 27 Nov 2026 at 10:30 (in 3 working days)",
        "respond": "Fri 27 Nov 2026 (in 3 working days)",
        "final": "Tue 8 Dec 2026 (in 10 working days)",
    }
    label = page.results.labelForField(page.result_labels["acknowledge"])
    assert label.text() == "Acknowledge within 72 hours (Monday to Friday):"
    assert page.future_note.isHidden()

    # FOI on the statutory calendar: 20 working days, Christmas Day and both Boxing Days left out.
    _receive(page, "foi", 2026, 12, 1, 9, 0)
    assert page.due_texts()["respond"] == "Thu 31 Dec 2026 (in 25 working days)"
    assert not page.future_note.isHidden()
    assert "future" in page.future_note.text() and "planning" in page.future_note.text()

    # A subject access request, with the three-month extension for a complex one.
    _receive(page, "sar", 2026, 11, 24, 10, 30)
    texts = page.due_texts()
    assert texts["respond"] == "Thu 24 Dec 2026 (in 22 working days)"
    assert texts["extended"] == "Wed 24 Feb 2027 (in 63 working days)"

    # An unresolved phone enquiry has no fixed clock.
    page.channel.setCurrentIndex(page.channel.findData("phone_unresolved"))
    assert page.due_texts() == {"respond": "agree it with the customer and record it"}
    label = page.results.labelForField(page.result_labels["respond"])
    assert label.text() == "Respond by a target date agreed with the customer:"

    # A letter received a fortnight ago is overdue.
    _receive(page, "letter", 2026, 11, 2, 11, 0)
    assert page.due_texts() == {"respond": "Mon 16 Nov 2026 (overdue by 6 working days)"}


def test_correspondence_standards_table_describes_each_clock(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    page = _show(qtbot, CorrespondencePage(state))
    rows = _rows(page.standards)
    assert rows[0] == ["Email", "72 hours (Monday to Friday)", "3 working days", "10 working days"]
    assert ["Letter", "—", "10 working days", "—"] in rows
    assert ["Call-back (message for a colleague)", "—", "end of the next working day", "—"] in rows
    assert ["Freedom of Information request", "—", "20 statutory working days", "—"] in rows
    assert ["Subject access request", "—", "one calendar month", "—"] in rows
    assert len(rows) == 12


def test_correspondence_received_now_is_london_time_in_summer(
    qtbot,
    state: DeskState,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    clock.now = datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # 10:00 BST
    page = _show(qtbot, CorrespondencePage(state))
    assert page.received.dateTime().time() == QTime(10, 0)
    assert page.received_at().utcoffset().total_seconds() == 3600  # type: ignore[union-attr]
    # The receptionist's own choice survives a refresh; "Received now" puts it back.
    _receive(page, "letter", 2026, 6, 30, 14, 0)
    page.refresh()
    assert page.received.dateTime().time() == QTime(14, 0)
    page.now_button.click()
    assert page.received.dateTime().time() == QTime(10, 0)


# --- Reports ----------------------------------------------------------------------------------


def test_reports_show_managers_the_whole_log_with_a_filter(
    qtbot,
    state: DeskState,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    # Entries are stamped by the service clock, so the fixed clock's day is "today".
    page = _show(qtbot, ReportsPage(state))
    assert page.access_note.isHidden()
    rows = _rows(page.table)
    summaries = [r[2] for r in rows]
    assert "First manager account created for Margaret Clerk" in summaries
    assert "Running office set to Hellesdon Parish Council" in summaries
    assert all(r[0].startswith("Today ") for r in rows)
    assert "Margaret Clerk" in [r[1] for r in rows] and "System" in [r[1] for r in rows]
    counts = page.today_counts.text()
    assert counts.startswith("Activity today, ")
    assert f"{len(rows)} entries" in counts and "records added" in counts

    page.filter.setFocus()
    qtbot.keyClicks(page.filter, "running office")
    assert [r[2] for r in _rows(page.table)] == ["Running office set to Hellesdon Parish Council"]
    assert page.count_note.text().startswith(f"1 of {len(rows)} entries match")


def test_reports_show_others_only_their_own_actions(
    qtbot,
    state: DeskState,
    services: AppServices,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    _staff(services, manager, "Rita Desk", role=Role.RECEPTIONIST)
    rita = next(s for s in services.staff.list_staff("hellesdon") if s.full_name == "Rita Desk")
    services.staff.record_sign_out(rita, "locked the desk")
    state.actor = rita
    page = _show(qtbot, ReportsPage(state))
    assert not page.access_note.isHidden()
    assert "Reports are for managers" in page.access_note.text()
    assert [r[1:] for r in _rows(page.table)] == [["Rita Desk", "Rita Desk locked the desk"]]
    assert page.today_counts.text().startswith("Your activity today, Tuesday 24 November")
