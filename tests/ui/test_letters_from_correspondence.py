"""Letters from the Correspondence page: the letter for the item's state, the holding-response
offer, and the day's batch saved as PDFs (split from test_letters_from_pages.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.people import PreferredFormat, StaffMember
from reception_app.services.container import AppServices
from reception_app.services.letter_service import (
    LetterSource,
    correspondence_letter,
)
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.correspondence_action_dialog import (
    HOLDING,
    CorrespondenceActionDialog,
)
from reception_app.ui.letter_batch import SAVE_PDFS
from reception_app.ui.pages.correspondence_page import CorrespondencePage
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import add_contact
from tests.ui.test_letters_from_pages import Shown, Staff, _activate, _save, _show, shot


@pytest.fixture
def correspondence(qtbot, state: DeskState, colleagues: Staff) -> CorrespondencePage:  # type: ignore[no-untyped-def]
    page = CorrespondencePage(state)
    _show(qtbot, page, 1200, 780)
    page.refresh()
    return page


def _log(services: AppServices, actor: StaffMember, channel: str, **fields: object) -> int:
    received = fields.pop("received", datetime(2026, 11, 23, 9, 0, tzinfo=UTC))
    assert isinstance(received, datetime)
    draft = CorrespondenceDraft(
        channel,
        received,
        str(fields.pop("name", "Siobhán O'Neill")),
        str(fields.pop("subject", "the hedge on Woodview Road")),
        actor.id,
        **fields,  # type: ignore[arg-type]
    )
    return services.correspondence().log(actor, draft).id


def test_the_letter_follows_the_channel_and_the_state() -> None:
    assert correspondence_letter("foi", held=False, answered=False) == (
        "information_request_acknowledgement"
    )
    assert correspondence_letter("sar", held=False, answered=False) == (
        "information_request_acknowledgement"
    )
    assert correspondence_letter("complaint", held=False, answered=False) == (
        "complaint_acknowledgement"
    )
    assert correspondence_letter("email", held=False, answered=False) == "acknowledgement"
    assert correspondence_letter("foi", held=True, answered=False) == "holding_response"
    assert correspondence_letter("complaint", held=True, answered=True) == "not_satisfied"


def test_write_a_letter_for_a_complaint_then_a_holding_response_is_offered(
    qtbot,
    correspondence: CorrespondencePage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # type: ignore[no-untyped-def]
    services, tom = state.services, colleagues["Tom"]
    contact = add_contact(services, tom, fmt=PreferredFormat.LARGE_PRINT, size=24)
    item_id = _log(services, tom, "complaint", contact_id=contact.id, name=contact.full_name)
    correspondence.refresh_log(item_id)
    assert correspondence.letter_button.isEnabled()
    shown = Shown(qtbot)
    monkeypatch.setattr(correspondence, "show_letter", shown)
    correspondence.letter_button.click()
    dialog = shown.last
    assert dialog.template.currentData() == "complaint_acknowledgement"
    assert dialog.format.currentData() == "large_print" and dialog.point_size.currentData() == 24
    text = _save(qtbot, dialog, tmp_path / "complaint.pdf")
    assert f"CMP-{item_id:06d}" in text and "Tom Reed" in text  # the log's own reference
    assert 24.0 in read_pdf((tmp_path / "complaint.pdf").read_bytes()).font_sizes
    dialog.close()
    assert "'Complaint acknowledgement' for CMP-" in correspondence.log_status.text()

    def hold(action: CorrespondenceActionDialog) -> int:
        action.reason.setPlainText("We are waiting for a report from the tree officer.")
        action.expected.setDate(QDate(2026, 12, 18))
        action.save()
        return QDialog.DialogCode.Accepted if action.result_value is not None else 0

    monkeypatch.setattr(CorrespondenceActionDialog, "exec", hold)
    correspondence.log_action(HOLDING)
    assert correspondence.letter_offer.isVisible()
    assert "Holding response recorded" in correspondence.log_status.text()
    shot(correspondence, "correspondence-letter-offer")
    _activate(qtbot, correspondence)
    qtbot.keyClick(
        correspondence,
        Qt.Key.Key_W,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = shown.last
    assert dialog.template.currentData() == "holding_response"
    assert not dialog._value_edits  # reason and expected date come from the record
    text = _save(qtbot, dialog, tmp_path / "holding.pdf")
    assert "We are waiting for a report from the tree officer." in text
    assert "Friday 18 December 2026" in text
    dialog.close()
    assert not correspondence.letter_offer.isVisible()
    keys = [
        s.template_key
        for s in services.letters().sent_letters(LetterSource("correspondence", item_id))
    ]
    assert keys == ["holding_response", "complaint_acknowledgement"]


def test_letters_due_today_saved_as_pdfs_from_the_correspondence_page(
    qtbot,
    correspondence: CorrespondencePage,
    state: DeskState,
    colleagues: Staff,
    tmp_path: Path,
) -> None:  # type: ignore[no-untyped-def]
    services, tom = state.services, colleagues["Tom"]
    # Hellesdon acknowledges complaints in 5 working days and emails in 72 working hours.
    siobhan = add_contact(services, tom, name="Siobhán O'Neill")
    zoe = add_contact(services, tom, name="Zoë Adams", fmt=PreferredFormat.LARGE_PRINT)
    complaint = _log(
        services,
        tom,
        "complaint",
        received=datetime(2026, 11, 16, 9, tzinfo=UTC),
        contact_id=siobhan.id,
    )
    email = _log(
        services,
        tom,
        "email",
        subject="a blocked drain",
        name="Zoë Adams",
        received=datetime(2026, 11, 19, 9, tzinfo=UTC),
        contact_id=zoe.id,
    )
    # Issue 13 point 17: an e-mail with no postal address still gets its PDF (to attach).
    no_address = _log(
        services,
        tom,
        "email",
        subject="a pothole",
        name="Ana Nowak",
        received=datetime(2026, 11, 19, 9, tzinfo=UTC),
        from_email="ana@example.co.uk",
    )
    due = services.letters().due_today()
    assert {r.source.id for r in due} == {complaint, email, no_address}
    folder = tmp_path / "out"
    dialog = correspondence.print_letters_due(how=SAVE_PDFS, folder=folder)
    assert dialog is not None
    result = correspondence.batch_result
    qtbot.waitUntil(lambda: "saved as PDFs" in result.text(), timeout=60000)
    assert "3 letters saved as PDFs" in result.text() and "recorded as sent" in result.text()
    # The result stays where the batch was started, after the log has reloaded.
    qtbot.waitUntil(lambda: "items in" in correspondence.log_status.text(), timeout=60000)
    assert "3 letters saved as PDFs" in result.text() and result.isVisibleTo(correspondence)
    pdfs = sorted(p.name for p in folder.iterdir())
    assert pdfs == sorted(
        [
            f"CMP-{complaint:06d}-complaint_acknowledgement.pdf",
            f"EM-{email:06d}-acknowledgement.pdf",
            f"EM-{no_address:06d}-acknowledgement.pdf",
        ]
    )  # and no .part file left
    emailed = folder / f"EM-{no_address:06d}-acknowledgement.pdf"
    assert "By email: ana@example.co.uk" in squash(" ".join(read_pdf(emailed.read_bytes()).pages))
    shot(correspondence, "correspondence-batch-result")
    letter = folder / f"CMP-{complaint:06d}-complaint_acknowledgement.pdf"
    text = squash(" ".join(read_pdf(letter.read_bytes()).pages))
    assert "Siobhán O'Neill" in text and f"CMP-{complaint:06d}" in text
    for request in due:
        [sent] = services.letters().sent_letters(request.source)
        assert sent.delivery == "pdf" and Path(sent.file_name).parent == folder
    assert services.letters().due_today() == []  # recorded: not due again
    correspondence.print_letters_due(how=SAVE_PDFS, folder=folder)
    assert correspondence.batch_result.text() == "No letters are due today."
