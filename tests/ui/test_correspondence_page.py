"""The Correspondence page: log with deadlines, actions, pauses, follow-ups, feedback, incidents."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone
from PySide6.QtWidgets import QLabel, QWidget

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.feedback import FeedbackAction, FeedbackDraft, FeedbackKind
from reception_app.domain.people import Contact, StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import HOLDING, PAUSE, RESUME
from reception_app.ui.models.correspondence_table_model import CorrespondenceTableModel
from reception_app.ui.pages.correspondence_page import CorrespondencePage
from tests.conftest import FixedClock
from tests.ui.test_messages_page import _when_modal, shot, tab_chain

Staff = dict[str, StaffMember]


def _page(qtbot, state: DeskState) -> CorrespondencePage:  # type: ignore[no-untyped-def]
    page = CorrespondencePage(state)
    qtbot.addWidget(page)
    page.resize(1200, 780)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    return page


def _column(page: CorrespondencePage, column: int) -> list[str]:
    model = page.log_model
    return [str(model.index(r, column).data()) for r in range(model.rowCount())]


def _draft(
    owner: StaffMember, channel: str, received: datetime, subject: str
) -> CorrespondenceDraft:
    return CorrespondenceDraft(channel, received, "Ana Nowak", subject, owner.id)


def test_log_a_letter_with_its_due_date_shown_before_saving(
    qtbot,
    state: DeskState,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    page = _page(qtbot, state)
    dialog = page.log_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.channel.setCurrentIndex(dialog.channel.findData("letter"))
    assert dialog.due.text() == "Respond: Tue 8 Dec 2026 (in 10 working days)"
    dialog.channel.setCurrentIndex(dialog.channel.findData("email"))
    assert "Acknowledge: Fri 27 Nov 2026 at 10:30 (in 3 working days)" in dialog.due.text()
    # A received date in the future is refused next to the field, nothing is lost.
    dialog.received.setDateTime(QDateTime(QDate(2026, 11, 30), QTime(9, 0), QTimeZone.utc()))
    assert "in the future" in dialog.due.text()
    dialog.from_name.setText("Zoë <Brown> & Co 😀")
    dialog.subject.setText("Hedge")
    dialog.owner.setCurrentIndex(dialog.owner.findData(colleagues["Tom"].id))
    dialog.from_email.setText("zoe@")
    dialog.from_email.editingFinished.emit()
    assert "not an email address" in dialog.errors.message_for("from_email")
    shot(dialog, "correspondence-dialog")
    dialog.from_email.setText("zoe@example.co.uk")
    dialog.save()
    assert "in the future" in dialog.errors.message_for("received_at")
    assert dialog.item is None and dialog.from_name.text() == "Zoë <Brown> & Co 😀"
    dialog.now_button.click()
    dialog.save()
    assert dialog.item is not None and dialog.item.from_name == "Zoë <Brown> & Co 😀"
    page.refresh()
    assert _column(page, CorrespondenceTableModel.FROM) == ["Zoë <Brown> & Co 😀"]
    assert _column(page, CorrespondenceTableModel.DUE) == [
        "Fri 27 Nov 2026 at 10:30 (in 3 working days)"
    ]


def test_views_holding_response_and_a_sar_pause(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom, olu = colleagues["Rita"], colleagues["Tom"], colleagues["Olu"]
    log = services.correspondence()
    late = log.log(rita, _draft(tom, "letter", datetime(2026, 11, 2, 9, tzinfo=UTC), "Old letter"))
    sar = log.log(rita, _draft(olu, "sar", datetime(2026, 11, 20, 9, tzinfo=UTC), "My records"))
    log.log(rita, _draft(olu, "voicemail", datetime(2026, 11, 23, 9, tzinfo=UTC), "Voicemail"))
    page = _page(qtbot, state)
    assert page.log_view.itemText(0) == "Open (3)"
    assert page.log_view.itemText(2) == "Overdue (1)"
    page.log_view.setCurrentIndex(2)
    page.refresh_log()
    assert _column(page, CorrespondenceTableModel.SUBJECT) == ["Old letter"]
    assert _column(page, CorrespondenceTableModel.DUE) == [
        "Mon 16 Nov 2026 (overdue by 6 working days)"
    ]
    page.log_view.setCurrentIndex(0)
    page.owner_filter.setCurrentIndex(page.owner_filter.findData(olu.id))
    page.refresh_log()
    assert sorted(_column(page, CorrespondenceTableModel.SUBJECT)) == ["My records", "Voicemail"]
    page.owner_filter.setCurrentIndex(0)
    page.channel_filter.setCurrentIndex(page.channel_filter.findData("sar"))
    page.refresh_log()
    assert _column(page, CorrespondenceTableModel.SUBJECT) == ["My records"]
    page.channel_filter.setCurrentIndex(0)
    page.refresh_log(late.id)

    dialog = page.action_dialog(HOLDING, page.current_item())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.reason.setPlainText("Waiting for the surveyor's report")
    dialog.expected.setDate(QDate(2026, 12, 4))
    dialog.save()  # after the limit (Mon 16 Nov): questioned, nothing saved
    assert "after the final limit" in dialog.errors.message_for("expected_on")
    assert dialog.result_value is None
    dialog.beyond_limit.setChecked(True)
    dialog.save()
    assert dialog.result_value is not None
    page.refresh_log(late.id)
    assert "Holding response sent (expected 4 Dec)" in _column(
        page, CorrespondenceTableModel.STATUS
    )
    assert (
        "Expected by Fri 4 Dec 2026; contact Tom Reed (01603 301753"
        in page.log_detail.toPlainText()
    )

    page.refresh_log(sar.id)
    assert page.log_actions[PAUSE].isEnabled() and not page.log_actions[RESUME].isEnabled()
    dialog = page.action_dialog(PAUSE, page.current_item())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.pause_reason.setCurrentIndex(dialog.pause_reason.findData("identity"))
    dialog.asked_on.setDate(QDate(2026, 11, 23))
    dialog.answered.setChecked(True)
    dialog.answered_on.setDate(QDate(2026, 11, 21))  # before it starts
    dialog.save()
    assert "before you asked" in dialog.errors.message_for("answered_on")
    dialog.show()
    shot(dialog, "correspondence-pause-error")
    dialog.answered.setChecked(False)
    dialog.save()
    assert dialog.result_value is not None
    page.refresh_log(sar.id)
    assert page.log_actions[RESUME].isEnabled()
    assert "still waiting" in page.log_detail.toPlainText()
    shot(page, "correspondence-log")


def test_walk_in_follow_ups_tab(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    queue = services.queue()
    desk = services.office.profile().desks[0].key
    visit = queue.check_in(rita, CheckInRequest("general", "Amelia Smith"))
    queue.call(rita, desk, visit.ticket)
    queue.mark_served(rita, visit.ticket, False, tom.id, date(2026, 11, 30))
    page = _page(qtbot, state)
    model = page.follow_up_model
    row = [str(model.index(0, c).data()) for c in range(model.columnCount())]
    assert row[0] == visit.ticket and row[2] == "Amelia" and row[4] == "Tom Reed"
    assert row[5] == "Mon 30 Nov 2026 (in 4 working days)"
    page.tabs.setCurrentIndex(1)
    shot(page, "correspondence-follow-ups")


def test_feedback_and_incidents_for_managers_only(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    services.feedback().record(
        rita,
        FeedbackDraft(
            FeedbackKind.CONCERN,
            "phone",
            datetime(2026, 11, 24, 9, tzinfo=UTC),
            "Bins <not> emptied 🗑",
            from_name="Ana",
        ),
    )
    page = _page(qtbot, state)  # the manager
    assert page.tabs.isTabVisible(page.incidents_index)
    page.tabs.setCurrentIndex(2)
    page.feedback_table.selectRow(0)
    assert "Bins <not> emptied 🗑" in page.feedback_detail.toPlainText()
    assert page.feedback_actions[FeedbackAction.MAKE_FORMAL].isEnabled()
    assert not page.feedback_actions[FeedbackAction.SHARE].isEnabled()
    dialog = page.feedback_action_dialog(FeedbackAction.MAKE_FORMAL, page.current_feedback())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.save()
    assert "officer who will answer" in dialog.errors.message_for("owner")
    dialog.person.setCurrentIndex(dialog.person.findData(tom.id))
    dialog.save()
    assert dialog.feedback is not None and dialog.feedback.complaint_id is not None
    page.refresh()
    assert "Complaint" in _column(page, CorrespondenceTableModel.CHANNEL)
    shot(page, "correspondence-feedback")

    incident = page.incident_dialog()
    qtbot.addWidget(incident)
    incident.kind.setCurrentIndex(incident.kind.findData("threat_of_violence"))
    incident.description.setPlainText("Threatened to <hit> staff")
    incident.save()
    assert "reported to the police" in incident.errors.message_for("police_told")
    incident.show()
    shot(incident, "incident-dialog")
    incident.police_told.setChecked(True)
    incident.police_reference.setText("NC-1")
    incident.save()
    assert incident.number is not None
    page.refresh()
    assert page.incident_model.rowCount() == 1
    page.tabs.setCurrentIndex(page.incidents_index)
    page.incident_table.selectRow(0)
    assert "Threatened to <hit> staff" in page.incident_detail.toPlainText()

    state.actor = rita
    page.refresh()
    assert not page.tabs.isTabVisible(page.incidents_index)
    assert page.incident_model.rowCount() == 0


def test_the_correspondence_model_sorts_and_filters(
    qtmodeltester,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    for n, channel in enumerate(("letter", "foi", "email")):
        log.log(rita, _draft(tom, channel, datetime(2026, 11, 20 + n, 9, tzinfo=UTC), f"S{n}"))
    model = CorrespondenceTableModel()
    model.set_context(log.deadline_engine(), date(2026, 11, 24), UTC)
    model.set_rows(log.list_items("all"))
    model.sort(CorrespondenceTableModel.DUE, Qt.SortOrder.AscendingOrder)
    assert [i.channel for i in model.values()] == ["email", "letter", "foi"]
    model.set_filter("foi")
    assert [i.channel for i in model.values()] == ["foi"]
    qtmodeltester.check(model)


def test_log_from_a_stored_contact_found_by_phone(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    state.actor = colleagues["Rita"]
    contacts = services.contacts()
    ana = contacts.save(
        Contact(None, "Ana Nowak", "01603 301751", "ana@example.co.uk", postcode="NR6 5QB"),
        state.actor,
    )
    page = _page(qtbot, state)
    dialog = page.log_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    finder = dialog.finder
    assert finder is not None
    assert tab_chain(dialog.now_button, 5) == [
        dialog.now_button,
        finder.line,
        finder.new_button,
        dialog.from_name,
        dialog.from_email,
    ]
    labels = {label.text(): label.buddy() for label in dialog.findChildren(QLabel)}
    assert labels["F&ind contact:"] is finder
    # "+44" and spaces do not matter; the list comes up as it is typed.
    qtbot.keyClicks(finder.line, "+44 1603 301751")
    qtbot.waitUntil(lambda: finder.matches.count() == 1 and finder.matches.isVisible())
    shot(dialog, "correspondence-dialog-contact-matches")
    qtbot.keyClick(finder.line, Qt.Key.Key_Return)  # picks; does not log
    assert dialog.item is None and dialog.isVisible()
    assert dialog.from_name.text() == "Ana Nowak" and dialog.contact_id == ana.id
    assert dialog.from_email.text() == "ana@example.co.uk"
    assert dialog.from_phone.text() == "01603 301751"
    dialog.subject.setText("Hedge <b>height</b> 🌳")
    dialog.owner.setCurrentIndex(dialog.owner.findData(colleagues["Tom"].id))
    shot(dialog, "correspondence-dialog-contact-linked")
    dialog.save()
    assert dialog.item is not None and dialog.item.contact_id == ana.id
    contacts.save(replace(ana, full_name="Anna Nowak-Smith"), state.actor)
    page.refresh()
    assert _column(page, CorrespondenceTableModel.FROM) == ["Anna Nowak-Smith"]


def test_typing_over_the_from_name_drops_the_link_and_new_contact_is_prefilled(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.ui.dialogs.contact_dialog import ContactDialog

    state.actor = colleagues["Rita"]
    ana = services.contacts().save(Contact(None, "Ana Nowak", "01603 301751"), state.actor)
    page = _page(qtbot, state)
    dialog = page.log_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    finder = dialog.finder
    assert finder is not None
    dialog.from_email.setText("typed@example.co.uk")
    qtbot.keyClicks(finder.line, "nowak")
    qtbot.keyClick(finder.line, Qt.Key.Key_Return)
    assert dialog.contact_id == ana.id
    assert dialog.from_email.text() == "typed@example.co.uk"  # what was typed is kept
    dialog.from_name.setFocus()
    dialog.from_name.selectAll()
    qtbot.keyClicks(dialog.from_name, "Lukasz Nowak")  # QTest types Latin-1 only
    assert dialog.contact_id is None
    assert "No longer linked to Ana Nowak" in finder.note.text()
    # "New contact..." from a phone number typed in the finder.
    finder.line.clear()
    qtbot.keyClicks(finder.line, "07911123456")
    seen: dict[str, str] = {}

    def fill(new: QWidget) -> None:
        assert isinstance(new, ContactDialog)
        seen.update(name=new.full_name.text(), phone=new.phone.text(), email=new.email.text())
        new.submit()

    _when_modal(qtbot, fill)
    qtbot.keyClick(finder.new_button, Qt.Key.Key_Space)
    assert seen == {
        "name": "Lukasz Nowak",
        "phone": "07911123456",
        "email": "typed@example.co.uk",
    }
    found = services.contacts().search("Lukasz")
    assert len(found) == 1 and found[0].phone == "07911 123456"
    assert dialog.contact_id == found[0].id and dialog.from_phone.text() == "07911 123456"
    dialog.subject.setText("Allotment")
    dialog.owner.setCurrentIndex(dialog.owner.findData(colleagues["Tom"].id))
    dialog.save()
    assert dialog.item is not None and dialog.item.contact_id == found[0].id


def test_a_long_log_is_read_on_a_worker_and_keeps_the_chosen_item(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    log = services.correspondence()
    items = [
        log.log(rita, _draft(tom, "letter", datetime(2026, 11, 2 + n, 9, tzinfo=UTC), f"L{n}"))
        for n in range(5)
    ]
    page = _page(qtbot, state)
    page.LOG_SYNC_ROWS = 2  # type: ignore[misc]  # five rows count as a long log here
    qtbot.waitUntil(lambda: not page.log_loading())
    page.refresh_log(items[3].id)
    assert page.log_loading() and page.log_status.text() == "Loading..."
    shot(page, "correspondence-log-loading")
    qtbot.waitUntil(lambda: not page.log_loading())
    assert sorted(_column(page, CorrespondenceTableModel.SUBJECT)) == [f"L{n}" for n in range(5)]
    assert page.current_item() is not None and page.current_item().id == items[3].id  # type: ignore[union-attr]
    assert page.log_status.text() == "5 items in 'open'."
    # Without an id, the item chosen when the rows arrive stays chosen.
    page.refresh_log()
    qtbot.waitUntil(lambda: not page.log_loading())
    assert page.current_item().id == items[3].id  # type: ignore[union-attr]
    # A second re-read started before the first reports back wins.
    page.refresh_log(items[0].id)
    page.refresh_log(items[1].id)
    qtbot.waitUntil(lambda: not page.log_loading())
    qtbot.wait(50)  # the first job's late answer, if any, is ignored
    assert page.current_item().id == items[1].id  # type: ignore[union-attr]


def test_an_hours_clock_shows_overdue_from_its_moment(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,
    clock: FixedClock,  # type: ignore[no-untyped-def]
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    email = services.correspondence().log(
        rita, _draft(tom, "email", datetime(2026, 11, 24, 9, tzinfo=UTC), "Bins")
    )
    clock.now = datetime(2026, 11, 27, 9, 30, tzinfo=UTC)  # acknowledgement due 09:00 today
    page = _page(qtbot, state)
    assert page.log_view.itemText(2) == "Overdue (1)"
    page.refresh_log(email.id)
    assert _column(page, CorrespondenceTableModel.DUE) == ["Fri 27 Nov 2026 at 09:00 (overdue)"]
    font = page.log_model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert font is not None and font.bold()
    # Issue 13 point 7: the detail pane and the report say the same as the list.
    details = page.log_detail.toPlainText()
    assert "Acknowledge: Fri 27 Nov 2026 at 09:00 (overdue)" in details
    assert "Next: acknowledge by Fri 27 Nov 2026 at 09:00 (overdue)" in details
    assert "09:00 (due today)" not in details
    report = services.reports(state.actor).daily(date(2026, 11, 27))
    figures = {f.key: f.text for f in report.section("correspondence").figures}
    assert figures["overdue_now"] == "1"
    assert figures["oldest_overdue"].startswith("Email received 24 Nov 2026, due 27 Nov 2026")


def test_pause_and_extension_dialogs_show_the_new_deadline_before_saving(
    qtbot,
    state: DeskState,
    services: AppServices,
    colleagues: Staff,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 13 point 5: the new deadline is shown as the fields change; a late extension is
    refused before anything is typed; a SAR asks when the person was told."""
    from reception_app.ui.dialogs.correspondence_action_dialog import EXTEND

    rita, olu = colleagues["Rita"], colleagues["Olu"]
    log = services.correspondence()
    sar = log.log(rita, _draft(olu, "sar", datetime(2026, 11, 10, 9, tzinfo=UTC), "My records"))
    old = log.log(rita, _draft(olu, "sar", datetime(2025, 7, 1, 9, tzinfo=UTC), "Old request"))
    page = _page(qtbot, state)
    page.refresh_log(sar.id)
    dialog = page.action_dialog(EXTEND, page.current_item())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.resize(1366 // 2, 768 // 2)
    dialog.show()
    assert dialog.preview_label.text().startswith("New deadline for the reply: Wed 10 Feb 2027")
    assert dialog.told_on.isVisible()
    shot(dialog, "correspondence-extend")
    dialog.reason.setPlainText("Complex: three systems")
    dialog.save()
    assert dialog.result_value is not None
    assert log.get(sar.id).extension_told_on == date(2026, 11, 24)

    page.refresh_log(old.id)
    dialog = page.action_dialog(EXTEND, page.current_item())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    assert "can only be taken before it ends" in dialog.preview_label.text()

    other = log.log(rita, _draft(olu, "sar", datetime(2026, 11, 10, 9, tzinfo=UTC), "More"))
    page.refresh_log(other.id)
    dialog = page.action_dialog(PAUSE, page.current_item())  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.pause_reason.setCurrentIndex(dialog.pause_reason.findData("identity"))
    dialog.asked_on.setDate(QDate(2026, 11, 11))
    dialog.answered.setChecked(True)
    dialog.answered_on.setDate(QDate(2026, 11, 20))
    assert dialog.preview_label.text().startswith("New deadline for the reply: Mon 21 Dec 2026")
    dialog.show()
    shot(dialog, "correspondence-pause-preview")
