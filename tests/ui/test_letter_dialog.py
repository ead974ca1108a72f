"""Writing a letter at the desk: preview pages, print through Qt, save as PDF, batch with Cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QPushButton

from reception_app.domain.letters import LetterFormat
from reception_app.domain.people import PreferredFormat
from reception_app.services.container import AppServices
from reception_app.services.letter_service import LetterRequest, LetterSource
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.letter_batch import BatchResult, print_batch_to
from reception_app.ui.letter_printing import PrintFailed, page_images, print_pdfs
from reception_app.ui.pages.contacts_page import ContactsPage
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import EXTRA, add_contact


def pdf_printer(path: Path) -> QPrinter:
    """A real QPrinter writing to a file: what the print dialog gives for "Print to file"."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)
    return printer


@pytest.fixture
def page(qtbot, state: DeskState) -> ContactsPage:  # type: ignore[no-untyped-def]
    widget = ContactsPage(state)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    widget.refresh()
    return widget


def open_dialog(qtbot, page: ContactsPage, state: DeskState, **kw) -> LetterDialog:  # type: ignore[no-untyped-def]
    contact = add_contact(state.services, state.actor, **kw)  # type: ignore[arg-type]
    page.refresh()
    row = page.model.row_of(contact.id or 0)
    assert row is not None
    page._select_row(row)
    assert page.letter_button.isEnabled()
    dialog = page.letter_dialog(contact)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def choose(dialog: LetterDialog, key: str) -> None:
    dialog.template.setCurrentIndex(dialog.template.findData(key))


def wait_preview(qtbot, dialog: LetterDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: dialog.produced is not None and dialog.print_button.isEnabled(), timeout=10000
    )


def test_preview_shows_pages_after_the_missing_values_are_typed(
    qtbot,
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(qtbot, page, state, fmt=PreferredFormat.LARGE_PRINT, size=20)
    assert dialog.format.currentData() == "large_print" and dialog.point_size.currentData() == 20
    choose(dialog, "acknowledgement")
    assert set(dialog._value_edits) == {"about", "received_date", "response_date"}
    qtbot.waitUntil(lambda: "every field above" in dialog.note.text(), timeout=10000)
    assert not dialog.print_button.isEnabled()
    for name in dialog._value_edits:
        dialog.set_value(name, EXTRA[name])
    wait_preview(qtbot, dialog)
    assert dialog.pages_layout.count() >= 2  # 20 pt fills more than one page
    assert "Large print, 20 pt" in dialog.note.text()
    dialog.grab().save(str(tmp_path / "letter-dialog.png"))


def test_save_as_pdf_records_the_letter_and_a_bad_folder_records_nothing(
    qtbot,
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(qtbot, page, state)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not dialog.save_to(blocker / "letter.pdf")
    assert "Nothing was marked as sent" in dialog.errors.general.text()
    assert dialog.sent == []
    assert dialog.save_to(tmp_path / "letter.pdf")
    assert len(dialog.sent) == 1
    text = squash(" ".join(read_pdf((tmp_path / "letter.pdf").read_bytes()).pages))
    assert "What to do if you are not satisfied" in text


def test_print_goes_through_a_qt_printer_and_then_is_recorded(
    qtbot,
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(qtbot, page, state)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    qtbot.waitUntil(lambda: bool(dialog.sent), timeout=20000)
    assert "recorded as sent" in dialog.note.text()
    assert len(PdfReader(out).pages) == len(page_images(dialog.produced.pdf))  # type: ignore[union-attr]


# The printer is meant to fail to start: Qt reports it before the app does.
@pytest.mark.qt_log_ignore("QPainter::begin\\(\\): Returned false")
def test_a_printer_that_fails_leaves_the_letter_unsent(
    qtbot,
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    dialog = open_dialog(qtbot, page, state)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    dialog.print_to(pdf_printer(tmp_path / "no-such-folder" / "x.pdf"))
    qtbot.waitUntil(lambda: dialog.errors.general.isVisible(), timeout=20000)
    assert "printer could not start" in dialog.errors.general.text()
    assert dialog.sent == []
    source = LetterSource("contact", dialog._source.id)
    assert state.services.letters().sent_letters(source) == []


# The printer is meant to fail to start: Qt reports it before the app does.
@pytest.mark.qt_log_ignore("QPainter::begin\\(\\): Returned false")
def test_print_pdfs_refuses_a_printer_that_cannot_start(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PrintFailed):
        print_pdfs(pdf_printer(tmp_path / "missing" / "x.pdf"), [b"%PDF"])


def test_braille_without_liblouis_is_said_in_the_dialog(
    qtbot,
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    contact = add_contact(state.services, state.actor, fmt=PreferredFormat.BRAILLE)  # type: ignore[arg-type]
    from reception_app.domain.letters import spec_for_customer

    dialog = LetterDialog(
        state.services.letters(braille_program=str(tmp_path / "none" / "lou_translate")),
        LetterSource("contact", contact.id or 0),
        spec_for_customer("braille", None),
        state.actor,
        tmp_path / "braille",
        contact.full_name,
    )
    qtbot.addWidget(dialog)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    assert "liblouis is not installed" in dialog.note.text()
    assert dialog.save_to(tmp_path / "b.pdf")
    [sent] = state.services.letters().sent_letters(LetterSource("contact", contact.id or 0))
    assert sent.status == "awaiting_braille"


def _requests(services: AppServices, actor, n: int) -> list[LetterRequest]:  # type: ignore[no-untyped-def]
    return [
        LetterRequest(
            "acknowledgement",
            LetterSource("contact", add_contact(services, actor, name=f"Customer {i}").id or 0),
            LetterFormat.LARGE_PRINT,
            18,
            EXTRA,
        )
        for i in range(n)
    ]


def test_a_batch_prints_as_one_job_off_the_ui_thread_and_records_every_letter(
    qtbot,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    letters = state.services.letters()
    requests = _requests(state.services, state.actor, 6)
    results: list[BatchResult] = []
    out = tmp_path / "batch.pdf"
    dialog = print_batch_to(
        None,
        letters,
        requests,
        state.actor,
        pdf_printer(out),
        tmp_path / "braille",
        results.append,
        pytest.fail,
        lambda: pytest.fail("cancelled"),
    )
    qtbot.waitUntil(lambda: bool(results), timeout=60000)
    QApplication.processEvents()  # the UI thread was free all along
    assert len(results[0].ids) == 6 and "6 letters printed" in results[0].message()
    assert len(PdfReader(out).pages) >= 6
    assert dialog.maximum() == 12


def test_cancelling_a_batch_records_nothing(qtbot, state: DeskState, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    letters = state.services.letters()
    requests = _requests(state.services, state.actor, 30)
    cancelled: list[bool] = []
    dialog = print_batch_to(
        None,
        letters,
        requests,
        state.actor,
        pdf_printer(tmp_path / "c.pdf"),
        tmp_path / "b",
        lambda r: pytest.fail("finished"),
        pytest.fail,
        lambda: cancelled.append(True),
    )
    cancel_button = dialog.findChild(QPushButton)
    assert cancel_button is not None and cancel_button.text() == "Cancel"
    cancel_button.click()  # what the person does; the worker stops at the next letter
    qtbot.waitUntil(lambda: bool(cancelled), timeout=60000)
    for request in requests:
        assert letters.sent_letters(request.source) == []


# --- review of issue 6: recording failures, past promised dates, characters left out -----------


def _refuse_recording(dialog: LetterDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kw: object) -> list[int]:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(dialog._letters, "record_sent", refuse)


def test_a_saved_letter_that_cannot_be_recorded_is_not_kept(
    qtbot,  # type: ignore[no-untyped-def]
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, page, state)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    _refuse_recording(dialog, monkeypatch)
    folder = tmp_path / "saved"
    folder.mkdir()
    assert not dialog.save_to(folder / "letter.pdf")
    assert list(folder.iterdir()) == []  # no file that looks sent
    assert "could not be recorded as sent" in dialog.errors.general.text()
    assert dialog.sent == []


def test_a_printed_letter_that_cannot_be_recorded_says_it_printed(
    qtbot,  # type: ignore[no-untyped-def]
    page: ContactsPage,
    state: DeskState,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = open_dialog(qtbot, page, state)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    _refuse_recording(dialog, monkeypatch)
    out = tmp_path / "printed.pdf"
    dialog.print_to(pdf_printer(out))
    qtbot.waitUntil(lambda: dialog.errors.general.isVisible(), timeout=20000)
    message = dialog.errors.general.text()
    assert "The letter printed, but it could not be recorded as sent" in message
    assert "database is locked" in message and "Printing failed" not in message
    assert out.exists() and dialog.sent == []


def _late_correspondence(state: DeskState) -> int:
    from datetime import UTC, date, datetime

    from reception_app.persistence.correspondence_records import CorrespondenceRecord
    from reception_app.persistence.engine import transaction
    from reception_app.persistence.office_repository import get_office

    contact = add_contact(state.services, state.actor)  # type: ignore[arg-type]
    received = datetime(2026, 10, 1, 9, 0, tzinfo=UTC)
    with transaction(state.services.context.session_factory) as session:
        office = get_office(session, "hellesdon")
        item = CorrespondenceRecord(
            office_id=office.id,
            channel="email",
            received_at=received,
            logged_at=received,
            contact_id=contact.id,
            from_name=contact.full_name,
            subject="Grass cutting & litter 🌳",
            owner_id=state.actor.id,  # type: ignore[union-attr]
            acknowledge_due_on=date(2026, 10, 6),
            respond_due_on=date(2026, 10, 21),
        )
        session.add(item)
        session.flush()
        return item.id


def test_a_promised_date_already_past_is_warned_next_to_its_field(
    qtbot,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.ui.dialogs.letter_dialog import letter_dialog_for

    item = _late_correspondence(state)
    dialog = letter_dialog_for(state, LetterSource("correspondence", item), "acknowledgement")
    qtbot.addWidget(dialog)
    dialog.show()
    # The record fills the date, but it is past: a field for it, filled in, with the warning.
    assert dialog._value_edits["response_date"].text() == "Wednesday 21 October 2026"
    wait_preview(qtbot, dialog)
    warning = dialog.value_errors._labels["response_date"]
    qtbot.waitUntil(warning.isVisible, timeout=5000)
    assert "is before the letter's date (Tuesday 24 November 2026)" in warning.text()
    # The emoji of the subject cannot be printed: the desk is told which character.
    assert "cannot be printed in the letter's typeface" in dialog.note.text()
    assert "🌳" in dialog.note.text()
    dialog.resize(1100, 800)
    dialog.grab().save(str(tmp_path / "past-date.png"))
    dialog.set_value("response_date", "Friday 4 December 2026")
    qtbot.waitUntil(lambda: dialog.produced is not None and not warning.isVisible(), timeout=10000)
    assert dialog.produced is not None and dialog.produced.draft.past_dates == {}
    text = squash(" ".join(read_pdf(dialog.produced.pdf).pages))
    assert "by Friday 4 December 2026" in text and "🌳" not in text


def test_saving_a_letter_over_the_database_is_refused_and_records_nothing(
    qtbot,
    page: ContactsPage,
    state: DeskState,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 12: the desk's own save goes through the same check as the command line's --out."""
    dialog = open_dialog(qtbot, page, state)
    choose(dialog, "not_satisfied")
    dialog.set_value("about", EXTRA["about"])
    wait_preview(qtbot, dialog)
    database = state.services.database.file
    assert database is not None
    before = database.read_bytes()
    assert not dialog.save_to(database)
    text = dialog.errors.general.text()
    assert "one of Reception's own files" in text and "Nothing was marked as sent." in text
    assert database.read_bytes() == before and dialog.sent == []


def test_a_printed_batch_leaves_out_letters_with_no_postal_address_and_says_why(
    qtbot,
    state: DeskState,
    services: AppServices,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Issue 13 point 17: an e-mail with no postal address is not printed; the result says so."""
    from datetime import UTC, datetime

    from reception_app.domain.correspondence import CorrespondenceDraft
    from reception_app.services.letter_service import LetterSource

    emailed = services.correspondence().log(
        state.actor,
        CorrespondenceDraft(
            "email",
            datetime(2026, 11, 18, 9, tzinfo=UTC),
            "Ana Nowak",
            "a pothole",
            state.actor.id,
            from_email="ana@example.co.uk",
        ),
    )
    letters = state.services.letters()
    requests = [*_requests(state.services, state.actor, 2), *letters.due_today()]
    results: list[BatchResult] = []
    print_batch_to(
        None,
        letters,
        requests,
        state.actor,
        pdf_printer(tmp_path / "batch.pdf"),
        tmp_path / "braille",
        results.append,
        pytest.fail,
        lambda: pytest.fail("cancelled"),
    )
    qtbot.waitUntil(lambda: bool(results), timeout=60000)
    message = results[0].message()
    assert "2 letters printed and recorded as sent" in message
    assert f"correspondence:{emailed.id} (no postal address: save it as a PDF" in message
    assert letters.sent_letters(LetterSource("correspondence", emailed.id)) == []


def test_cancel_after_pages_went_to_the_printer_says_so(
    qtbot,
    state: DeskState,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from reception_app.domain.errors import Cancelled

    letters = state.services.letters()
    pdfs = [letters.prepare(r, state.actor).pdf for r in _requests(state.services, state.actor, 2)]
    with pytest.raises(Cancelled, match="after 1 letter of 2 had gone to the printer"):
        print_pdfs(pdf_printer(tmp_path / "p.pdf"), pdfs, lambda _done: False)
