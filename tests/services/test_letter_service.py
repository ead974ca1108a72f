"""LetterService: values from records, PDF and braille, recording only what was sent."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from reception_app.domain.errors import Cancelled, NotFoundError, ValidationError
from reception_app.domain.letters import (
    PROMISED_DATES,
    LetterFormat,
    TemplateError,
    parse_letter_date,
)
from reception_app.domain.people import PreferredFormat, StaffMember
from reception_app.persistence.engine import transaction
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.records import EventRecord
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from reception_app.services.letter_service import (
    LetterRequest,
    LetterService,
    LetterSource,
)
from tests.braille_support import needs_liblouis
from tests.documents.pdf_checks import read_pdf, squash
from tests.services.letter_fixtures import EXTRA, add_contact


def letter_count(services: AppServices) -> int:
    with transaction(services.context.session_factory, write=False) as session:
        return session.scalar(select(func.count()).select_from(LetterRecord)) or 0


def test_every_shipped_letter_renders_from_a_contact_with_letterhead_date_reference_and_contact(
    services: AppServices, manager: StaffMember
) -> None:
    contact = add_contact(services, manager)
    letters = services.letters()
    assert letters.template_problems() == []
    assert len(letters.templates()) >= 9
    for template in letters.templates():
        request = LetterRequest(template.key, LetterSource("contact", contact.id or 0), extra=EXTRA)
        produced = letters.prepare(request, manager)
        facts = read_pdf(produced.pdf, margin=produced.draft.spec.margin)
        text = squash(" ".join(facts.pages))
        for expected in (
            "Hellesdon Parish Council",
            "Diamond Jubilee Lodge",
            "Phone: 01603 301751",
            "Zoë Łukasz Siobhán O'Neill",
            "12 Woodview Road",
            "NR6 5QB",
            "Tuesday 24 November 2026",
            f"Our reference: C-{contact.id:05d}",
            "Please ask for: Margaret Clerk",
            "Email: contact@hellesdon-pc.gov.uk",
            "Yours sincerely",
        ):
            assert expected in text, (template.key, expected)
        assert facts.metadata["/Author"] == "Hellesdon Parish Council"
        assert facts.metadata["/Title"].startswith(template.title)
        assert facts.language == "en-GB" and facts.outside == [] and facts.in_margin == []
    assert letter_count(services) == 0  # producing is not sending


def test_the_customers_large_print_size_is_used_and_can_be_overridden(
    services: AppServices, manager: StaffMember
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.LARGE_PRINT, size=20)
    letters = services.letters()
    source = LetterSource("contact", contact.id or 0)
    produced = letters.prepare(LetterRequest("acknowledgement", source, extra=EXTRA), manager)
    assert produced.draft.spec.format is LetterFormat.LARGE_PRINT and produced.draft.spec.size == 20
    assert 20.0 in read_pdf(produced.pdf).font_sizes
    other = letters.prepare(
        LetterRequest("acknowledgement", source, LetterFormat.STANDARD, 12, EXTRA), manager
    )
    assert read_pdf(other.pdf).font_sizes <= {12.0, 15.0}


def test_missing_values_unknown_sizes_and_missing_addresses_produce_no_letter(
    services: AppServices, manager: StaffMember
) -> None:
    contact = add_contact(services, manager)
    letters = services.letters()
    source = LetterSource("contact", contact.id or 0)
    with pytest.raises(ValidationError) as caught:
        letters.prepare(LetterRequest("acknowledgement", source), manager)
    assert "the date we will reply by" in str(caught.value)
    assert letters.missing(LetterRequest("acknowledgement", source)) == [
        "about",
        "received_date",
        "response_date",
    ]
    with pytest.raises(ValidationError) as caught:
        letters.prepare(
            LetterRequest("acknowledgement", source, LetterFormat.LARGE_PRINT, 17, EXTRA)
        )
    assert caught.value.field == "size"
    homeless = add_contact(services, manager, name="No Address", address=())
    with pytest.raises(ValidationError) as caught:
        letters.prepare(
            LetterRequest("acknowledgement", LetterSource("contact", homeless.id or 0), extra=EXTRA)
        )
    assert caught.value.field == "address"
    with pytest.raises(NotFoundError):
        letters.prepare(LetterRequest("acknowledgement", LetterSource("contact", 999), extra=EXTRA))
    with pytest.raises(NotFoundError, match="no letter called 'nope'"):
        letters.template("nope")
    assert letter_count(services) == 0


def test_a_broken_template_is_named_and_the_others_still_work(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "good.toml").write_text(
        'title = "Good"\nsubject = "Hello"\nbody = "Dear {customer_name},"\n', encoding="utf-8"
    )
    (folder / "bad.toml").write_text(
        'title = "Bad"\nsubject = "Hello"\nbody = "Dear {custmer_name},"\n', encoding="utf-8"
    )
    letters = LetterService(services.context, "hellesdon", template_dir=folder)
    assert [t.key for t in letters.templates()] == ["good"]
    assert any("{custmer_name}" in p and "bad.toml" in p for p in letters.template_problems())
    contact = add_contact(services, manager)
    source = LetterSource("contact", contact.id or 0)
    with pytest.raises(TemplateError, match="custmer_name"):
        letters.prepare(LetterRequest("bad", source))
    assert letters.prepare(LetterRequest("good", source)).pdf.startswith(b"%PDF")


def test_saving_writes_the_file_then_records_it_with_who_when_and_the_format(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.LARGE_PRINT, size=18)
    letters = services.letters()
    source = LetterSource("contact", contact.id or 0)
    out = tmp_path / "out" / "ack.pdf"
    out.parent.mkdir()
    letter, written = letters.save_pdf(
        LetterRequest("acknowledgement", source, extra=EXTRA), out, manager
    )
    assert written == [out] and out.read_bytes() == letter.pdf
    [sent] = letters.sent_letters(source)
    assert (sent.template_key, sent.format, sent.font_size, sent.status, sent.delivery) == (
        "acknowledgement",
        LetterFormat.LARGE_PRINT,
        18,
        "sent",
        "pdf",
    )
    assert sent.staff_name == "Margaret Clerk" and sent.file_name == str(out)
    assert sent.sent_at == services.context.clock()
    with transaction(services.context.session_factory, write=False) as session:
        actions = list(session.scalars(select(EventRecord.action)))
    assert "letter_sent" in actions


def test_a_file_that_cannot_be_written_records_nothing(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    contact = add_contact(services, manager)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ValidationError, match="does not exist") as raised:
        services.letters().save_pdf(
            LetterRequest("acknowledgement", LetterSource("contact", contact.id or 0), extra=EXTRA),
            blocker / "ack.pdf",
            manager,
        )
    assert raised.value.field == "out"
    assert letter_count(services) == 0


@needs_liblouis
def test_braille_customers_get_a_brf_beside_the_pdf(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.BRAILLE)
    letters = services.letters()
    source = LetterSource("contact", contact.id or 0)
    letter, written = letters.save_pdf(
        LetterRequest("acknowledgement", source, extra=EXTRA), tmp_path / "ack.pdf", manager
    )
    assert written == [tmp_path / "ack.pdf", tmp_path / "ack.brf"]
    brf = (tmp_path / "ack.brf").read_text(encoding="ascii")
    assert "\f" in brf and ",HELLESDON" in brf
    assert letter.status == "sent" and letters.sent_letters(source)[0].status == "sent"


def test_without_liblouis_braille_is_recorded_as_awaiting_transcription(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.BRAILLE)
    letters = services.letters(braille_program=str(tmp_path / "missing" / "lou_translate"))
    assert not letters.braille_available()
    source = LetterSource("contact", contact.id or 0)
    letter, written = letters.save_pdf(
        LetterRequest("acknowledgement", source, extra=EXTRA), tmp_path / "ack.pdf", manager
    )
    assert written == [tmp_path / "ack.pdf"] and letter.brf is None
    assert "liblouis is not installed" in letter.braille_note
    assert letters.sent_letters(source)[0].status == "awaiting_braille"


def test_a_batch_reports_progress_and_cancel_records_nothing(
    services: AppServices, manager: StaffMember
) -> None:
    contacts = [add_contact(services, manager, name=f"Customer {i}") for i in range(5)]
    letters = services.letters()
    requests = [
        LetterRequest("acknowledgement", LetterSource("contact", c.id or 0), extra=EXTRA)
        for c in contacts
    ]
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    with pytest.raises(Cancelled):
        letters.produce_batch(requests, manager, progress)
    assert seen[-1] == (2, 5) and letter_count(services) == 0
    produced = letters.produce_batch(requests, manager, lambda d, t: True)
    assert len(produced) == 5
    letters.record_sent(produced, manager, "printed")
    assert letter_count(services) == 5


def test_a_bad_letter_in_a_batch_is_named(services: AppServices, manager: StaffMember) -> None:
    good = add_contact(services, manager)
    requests = [
        LetterRequest("acknowledgement", LetterSource("contact", good.id or 0), extra=EXTRA),
        LetterRequest("acknowledgement", LetterSource("contact", good.id or 0)),
    ]
    with pytest.raises(ValidationError, match="contact:"):
        services.letters().produce_batch(requests, manager)


@pytest.mark.parametrize("text", ["12", "contact", "contact:x", "fax:3", ":3"])
def test_a_record_that_is_not_kind_colon_number_is_refused(text: str) -> None:
    with pytest.raises(ValidationError) as caught:
        LetterSource.parse(text)
    assert caught.value.field == "record"


def test_record_names_parse() -> None:
    assert LetterSource.parse(" appointment:12 ") == LetterSource("appointment", 12)
    assert str(LetterSource("message", 7)) == "message:7"


def test_a_batch_leaves_out_a_letter_that_cannot_be_made_and_says_which(
    services: AppServices, manager: StaffMember
) -> None:
    letters = services.letters()
    good = add_contact(services, manager)
    homeless = add_contact(services, manager, name="No Address", address=())
    requests = [
        LetterRequest("acknowledgement", LetterSource("contact", good.id or 0), extra=EXTRA),
        LetterRequest("acknowledgement", LetterSource("contact", homeless.id or 0), extra=EXTRA),
    ]
    # Without a list to report into, the bad letter stops the batch (the desk is told which).
    with pytest.raises(ValidationError, match=f"contact:{homeless.id}"):
        letters.produce_batch(requests, manager)
    skipped: list[tuple[LetterRequest, str]] = []
    produced = letters.produce_batch(requests, manager, None, skipped)
    assert len(produced) == 1 and produced[0].pdf.startswith(b"%PDF")
    assert [(r.source.id, "address" in reason) for r, reason in skipped] == [(homeless.id, True)]
    assert letter_count(services) == 0  # making letters records nothing


# --- review of issue 6: clean-up when recording fails, past promised dates ----------------------


def test_save_pdf_removes_the_file_when_recording_fails(
    services: AppServices, manager: StaffMember, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    contact = add_contact(services, manager)
    letters = services.letters()

    def refuse(*_args: object, **_kw: object) -> list[int]:
        raise RuntimeError("database is locked")

    monkeypatch.setattr(letters, "record_sent", refuse)  # the disk took it, the database not
    (tmp_path / "letters").mkdir()
    out = tmp_path / "letters" / "ack.pdf"
    with pytest.raises(RuntimeError):
        letters.save_pdf(
            LetterRequest("acknowledgement", LetterSource("contact", contact.id or 0), extra=EXTRA),
            out,
            manager,
        )
    assert list(out.parent.iterdir()) == []
    assert letter_count(services) == 0


def test_save_braille_leaves_no_part_file_when_it_fails(
    services: AppServices, manager: StaffMember, tmp_path: Path
) -> None:
    contact = add_contact(services, manager, fmt=PreferredFormat.BRAILLE)
    letters = services.letters()
    letter = letters.produce(
        letters.draft(
            LetterRequest("acknowledgement", LetterSource("contact", contact.id or 0), extra=EXTRA),
            manager,
        )
    )
    from dataclasses import replace

    letter = replace(letter, brf="ABC\r\n\f")  # with or without liblouis on this machine
    folder = tmp_path / "braille"
    blocked = folder / f"C-{contact.id:05d}-acknowledgement.brf"
    blocked.mkdir(parents=True)  # the name is taken by a folder: the rename fails
    with pytest.raises(OSError):
        letters.save_braille(letter, folder)
    assert sorted(p.name for p in folder.iterdir()) == [blocked.name]
    assert letters.save_braille(letter, tmp_path / "fresh") is not None
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == [blocked.name]


def test_past_promised_dates_are_found_and_typed_ones_replace_them(
    services: AppServices, manager: StaffMember
) -> None:
    contact = add_contact(services, manager)
    letters = services.letters()
    source = LetterSource("contact", contact.id or 0)
    past = {**EXTRA, "response_date": "Wednesday 21 October 2026"}
    draft = letters.draft(LetterRequest("acknowledgement", source, extra=past), manager)
    assert draft.past_dates == {"response_date": "Wednesday 21 October 2026"}
    assert str(draft.letter_date) == "2026-11-24"
    assert letters.past_dates(LetterRequest("acknowledgement", source, extra=past)) == {
        "response_date": "Wednesday 21 October 2026"
    }
    # Typed as the desk might, and the letter's own date: neither is in the past.
    for typed in ("22/12/2026", "2026-12-22", "24 November 2026", "Tuesday 24 November 2026"):
        extra = {**EXTRA, "response_date": typed}
        assert letters.draft(LetterRequest("acknowledgement", source, extra=extra)).past_dates == {}
    assert parse_letter_date("21/10/2026") == parse_letter_date("Wednesday 21 October 2026")
    assert parse_letter_date("next week") is None  # not a date: not questioned
    assert set(PROMISED_DATES) >= {"response_date", "expected_date", "appointment_date"}


@pytest.mark.sqlite_only
def test_a_letter_is_never_saved_over_a_database_opened_from_elsewhere(
    services: AppServices, manager: StaffMember, tmp_path: Path, seams: Seams
) -> None:
    """Issue 12: the desk's database may be anywhere (--db); a letter saved over it is refused
    like one saved over the default file, and nothing is recorded."""
    from reception_app.persistence.database import open_database
    from reception_app.persistence.engine import sqlite_url
    from reception_app.services.container import AppServices as Services
    from tests.conftest import FIXED_NOW

    contact = add_contact(services, manager)
    default = services.database.file
    assert default is not None
    elsewhere = tmp_path / "elsewhere" / "office.sqlite3"
    elsewhere.parent.mkdir()
    services.database.dispose()
    elsewhere.write_bytes(default.read_bytes())
    database = open_database(sqlite_url(elsewhere), backup_dir=None, now=FIXED_NOW)
    moved = Services.create(database, seams=seams)
    before = elsewhere.read_bytes()
    try:
        with pytest.raises(ValidationError, match="one of Reception's own files"):
            moved.letters().save_pdf(
                LetterRequest(
                    "acknowledgement", LetterSource("contact", contact.id or 0), extra=EXTRA
                ),
                elsewhere,
                manager,
            )
        assert letter_count(moved) == 0
    finally:
        database.dispose()
    assert elsewhere.read_bytes() == before
