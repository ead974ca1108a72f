"""The Correspondence page: log with deadlines, actions, pauses, follow-ups, feedback, incidents."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.feedback import FeedbackAction, FeedbackDraft, FeedbackKind
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import HOLDING, PAUSE, RESUME
from reception_app.ui.models.correspondence_table_model import CorrespondenceTableModel
from reception_app.ui.pages.correspondence_page import CorrespondencePage
from tests.conftest import FixedClock
from tests.ui.test_messages_page import shot

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
    visit = queue.check_in(rita, "general", "Amelia Smith")
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
