"""The Reports page's figures: a day, a range off the UI thread, drill-down, errors, exports."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool

from reception_app.domain.people import Role, StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.reports_page import ReportsPage, period_for
from tests.services.test_report_service import add_visits
from tests.ui.test_messages_page import shot

MONDAY = date(2026, 11, 23)


def _at(day: date, hh: int, mm: int) -> datetime:
    return datetime.combine(day, time(hh, mm), UTC)


def _monday(services: AppServices) -> None:
    add_visits(
        services,
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=_at(MONDAY, 10, 0),
            called_at=_at(MONDAY, 10, 6),
            finished_at=_at(MONDAY, 10, 20),
            desk="R1",
            resolved_first_contact=True,
        ),
        dict(
            day=MONDAY,
            status="left",
            checked_in_at=_at(MONDAY, 10, 30),
            finished_at=_at(MONDAY, 11, 0),
            service="allotments",
        ),
        dict(
            day=MONDAY,
            status="served",
            checked_in_at=_at(MONDAY, 14, 0),
            called_at=_at(MONDAY, 14, 20),
            finished_at=_at(MONDAY, 14, 30),
            desk="CL",
            resolved_first_contact=False,
        ),
    )


def _page(qtbot, state: DeskState) -> ReportsPage:  # type: ignore[no-untyped-def]
    page = ReportsPage(state)
    qtbot.addWidget(page)
    page.resize(1200, 860)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def test_a_day_shows_every_figure_and_each_opens_its_records(
    qtbot,
    state: DeskState,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    _monday(services)
    page = _page(qtbot, state)
    assert page.chosen_period() == (date(2026, 11, 24), date(2026, 11, 24))  # today first
    assert page.report is not None and page.report.partial
    page.set_period(MONDAY, MONDAY)
    page.show_button.click()
    assert page.summary.text() == "Hellesdon Parish Council: Monday 23 November 2026"
    buttons = page.figure_buttons
    assert buttons["arrivals"].text() == "Walk-ins\n3"
    assert buttons["left"].text() == "Left without being seen\n1"
    assert buttons["mean_wait"].text() == "Mean wait\n18.7 min"  # (6 + 30 + 20) / 3
    assert buttons["within_target"].text().endswith("33% (1 of 3)")
    assert buttons["first_contact"].text().endswith("50% (1 of 2)")
    assert buttons["left"].accessibleName() == "Left without being seen: 1"

    qtbot.mouseClick(buttons["left"], Qt.MouseButton.LeftButton)
    dialog = page.last_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, 2).data() == "Allotments"
    assert dialog.model.index(0, 6).data() == "30.0"
    dialog.close()

    # A bar of the waits-by-hour chart: 14:00 holds the 20-minute wait.
    hours = [g.key for g in page.report.walk_ins.by_hour]
    assert hours == ["09", "10", "11", "12", "13", "14", "15"]
    page.chart_waits.choose(hours.index("14"))
    assert page.last_dialog is not dialog and page.last_dialog.model.rowCount() == 1
    assert page.last_dialog.model.index(0, 3).data() == "14:00"
    page.last_dialog.close()

    # A breakdown row: press Enter on "Reception window".
    view, model, table = page.breakdowns["by_desk"]
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Clerk's office",
        "Reception window",
    ]
    view.setFocus()
    view.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert page.last_dialog.windowTitle() == "By desk: Reception window"
    assert page.last_dialog.model.rowCount() == 1


def test_a_weekend_says_no_office_hours(qtbot, state: DeskState, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    earlier = date(2026, 11, 16)
    add_visits(services, dict(day=earlier, status="left", checked_in_at=_at(earlier, 10, 0)))
    page = _page(qtbot, state)
    page.set_period(date(2026, 11, 21), date(2026, 11, 21))
    page.show_report()
    assert not page.closed_note.isHidden()
    assert page.closed_note.text() == "No office hours on Saturday 21 November 2026: weekend."
    assert page.figure_buttons == {}
    assert page.charts_box.isHidden()


def test_bad_dates_are_explained_next_to_the_field(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    _monday(services)
    page = _page(qtbot, state)
    page.set_period(MONDAY, MONDAY - timedelta(days=2))
    page.show_report()
    assert not page.end_error.isHidden()
    assert "is before the start date" in page.end_error.text()
    assert page.message.text() == "The figures below are still those for Tuesday 24 November 2026."
    page.set_period(date(2026, 11, 2), MONDAY)
    page.show_report()
    assert "records begin on Monday 23 November 2026" in page.start_error.text()
    assert page.end_error.isHidden()


def test_week_and_month_periods() -> None:
    assert period_for(1, date(2026, 11, 26)) == (date(2026, 11, 23), date(2026, 11, 29))
    assert period_for(2, date(2026, 12, 9)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period_for(0, MONDAY) == (MONDAY, MONDAY)


def test_a_long_range_is_read_off_the_ui_thread(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    first = date(2026, 6, 1)
    add_visits(
        services,
        dict(
            day=first, status="served", checked_in_at=_at(first, 10, 0), called_at=_at(first, 10, 3)
        ),
    )
    page = _page(qtbot, state)
    page.set_period(first, MONDAY)
    page.show_report()
    assert page.reading  # a progress dialog with Cancel, on the worker thread
    qtbot.waitUntil(lambda: page.report is not None and page.report.start == first, timeout=10_000)
    assert not page.reading
    assert page.figure_buttons["arrivals"].text() == "Walk-ins\n1"
    assert not page.chart_trend.isHidden()
    page.chart_trend.choose(0)
    assert page.last_dialog is not None and page.last_dialog.model.rowCount() == 1


def test_export_writes_the_pdf_off_the_ui_thread(
    qtbot, state: DeskState, services: AppServices, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    _monday(services)
    page = _page(qtbot, state)
    page.set_period(MONDAY, MONDAY)
    page.show_report()
    page.large_print.setChecked(True)
    target = tmp_path / "monday.pdf"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.message.text().startswith("Saved"), timeout=15_000)
    assert target.read_bytes().startswith(b"%PDF")
    page.export_to(tmp_path / "missing" / "monday.csv")
    qtbot.waitUntil(lambda: "does not exist" in page.message.text(), timeout=15_000)


def test_figures_are_for_managers_only(qtbot, state: DeskState, manager: StaffMember) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, state)
    assert page.tabs.isTabVisible(0)
    # Someone who is not a manager (the log then shows only their own actions).
    state.actor = StaffMember(
        id=manager.id, username="rita", full_name="Rita", role=Role.RECEPTIONIST
    )
    page.refresh()
    assert not page.tabs.isTabVisible(0)
    assert page.tabs.currentWidget() is page.log_tab


def test_a_single_day_is_read_at_once_and_anything_longer_on_the_worker(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    _monday(services)
    page = _page(qtbot, state)
    assert not page.reading and page.report is not None  # today, read at once
    page.set_period(MONDAY, MONDAY)
    qtbot.keyClick(page.show_button, Qt.Key.Key_Space)  # the keyboard route
    assert not page.reading and page.report.single_day
    assert page.figure_buttons["arrivals"].text() == "Walk-ins\n3"

    # Two days already go to the worker; the figures shown stay until the new ones are ready.
    page.set_period(MONDAY, MONDAY + timedelta(days=1))
    page.show_report()
    assert page.reading
    progress = page._reading
    assert progress.labelText() == "Reading 2 days of records..."
    assert page.report.single_day and page.summary.text().endswith("Monday 23 November 2026")
    assert page.message.text() == "Reading 2 days of records..."
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
    assert (page.report.start, page.report.end) == (MONDAY, MONDAY + timedelta(days=1))
    assert page.figure_buttons["arrivals"].text() == "Walk-ins\n3"
    assert progress.isHidden()


def test_a_newer_choice_replaces_a_range_still_being_read(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    _monday(services)
    page = _page(qtbot, state)
    page.set_period(MONDAY, MONDAY + timedelta(days=1))
    page.show_report()
    assert page.reading
    job = page._reading._job
    page.set_period(MONDAY, MONDAY)
    page.show_report()  # a day: read at once, the range's reading is cancelled
    assert not page.reading and job.cancel_requested
    assert QThreadPool.globalInstance().waitForDone(10_000)
    qtbot.wait(50)  # deliver whatever the first job sent back: it must be ignored
    assert page.report is not None and page.report.single_day
    assert page.summary.text().endswith("Monday 23 November 2026")


def test_refresh_leaves_a_range_being_read_alone(
    qtbot, state: DeskState, services: AppServices
) -> None:  # type: ignore[no-untyped-def]
    _monday(services)
    page = _page(qtbot, state)
    page.set_period(MONDAY, MONDAY + timedelta(days=1))
    page.show_report()
    progress = page._reading
    page.refresh()  # e.g. data changed at another desk
    assert page._reading is progress
    qtbot.waitUntil(lambda: not page.reading, timeout=10_000)
    assert page.report.end == MONDAY + timedelta(days=1)


def test_an_office_with_only_letters_can_report_on_them(
    qtbot, state: DeskState, services: AppServices, manager: StaffMember
) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from reception_app.persistence.correspondence_records import CorrespondenceRecord
    from reception_app.persistence.engine import transaction
    from reception_app.persistence.records import OfficeRecord

    with transaction(services.database.session_factory) as session:
        office = session.scalars(select(OfficeRecord).where(OfficeRecord.key == "hellesdon")).one()
        session.add(
            CorrespondenceRecord(
                office_id=office.id,
                channel="email",
                received_at=_at(date(2026, 11, 2), 9, 0),
                logged_at=_at(date(2026, 11, 2), 9, 5),
                from_name="B Person",
                subject="Bins",
                owner_id=manager.id,
                respond_due_on=date(2026, 11, 5),
                next_due_on=date(2026, 11, 5),
            )
        )
    page = _page(qtbot, state)
    page.set_period(date(2026, 11, 2), date(2026, 11, 2))
    page.show_report()
    assert page.start_error.isHidden()
    assert page.summary.text().endswith("Monday 2 November 2026")
    page.set_period(date(2026, 11, 1), date(2026, 11, 2))
    page.show_report()
    assert "records begin on Monday 2 November 2026" in page.start_error.text()


def test_each_figure_shows_the_previous_period_and_a_year_earlier(
    qtbot,
    state: DeskState,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 13 point 15: on screen too, each figure beside the other periods'."""
    friday = date(2026, 11, 20)
    add_visits(
        services,
        dict(
            day=friday,
            status="served",
            checked_in_at=_at(friday, 10, 0),
            called_at=_at(friday, 10, 4),
            finished_at=_at(friday, 10, 20),
        ),
    )
    _monday(services)
    page = _page(qtbot, state)
    page.resize(1366, 768)
    page.set_period(MONDAY, MONDAY)
    page.show_button.click()
    buttons = page.figure_buttons
    assert buttons["arrivals"].text() == "Walk-ins\n3\nBefore: 1 · a year ago: -"
    assert buttons["mean_wait"].text().endswith("Before: 4.0 min · a year ago: -")
    assert "Before: Friday 20 November 2026" in buttons["arrivals"].toolTip()
    qtbot.waitUntil(buttons["arrivals"].isVisible)
    qtbot.wait(300)
    shot(page, "reports-compared")
