"""Letters from the desk: fill a template from a record, set it as PDF (and braille), record it.

The flow is draft -> produce -> (print or save) -> record_sent. Nothing is recorded as sent
until the printer or the file has accepted the letter, so a failed or cancelled print leaves
the record as it was. Each kind of source record ("contact", "appointment", "correspondence",
"message") has a small builder returning the placeholder values.
"""

from __future__ import annotations

import logging
import os
import threading
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.documents import braille
from reception_app.documents.letter_pdf import content_texts, render_letter_pdf, unprintable
from reception_app.domain.errors import Cancelled, NotFoundError, ValidationError
from reception_app.domain.letters import (
    PLACEHOLDERS,
    SOURCE_KINDS,
    LetterContent,
    LetterFormat,
    LetterTemplate,
    PrintSpec,
    TemplateError,
    build_content,
    format_date,
    missing_values,
    parse_template,
    past_date_message,
    past_promises,
    print_spec,
    spec_for_customer,
)
from reception_app.domain.people import StaffMember
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.records import ContactRecord, OfficeRecord, StaffRecord
from reception_app.services.context import ServiceContext, actor_id
from reception_app.services.office_scoped import OfficeScoped

if TYPE_CHECKING:
    from reception_app.services.container import AppServices

ProgressCallback = Callable[[int, int], bool]
"""(done, total) -> keep going?"""

ACKNOWLEDGEMENT_TEMPLATES: Mapping[str, str] = {
    "foi": "information_request_acknowledgement",
    "eir": "information_request_acknowledgement",
    "sar": "information_request_acknowledgement",
    "complaint": "complaint_acknowledgement",
    "": "acknowledgement",
}
"""Correspondence channel -> the acknowledgement letter the batch sends."""

NO_NAMED_CONTACT = "The reception team"
"""Signs a letter produced with nobody signed in (the command line without --staff)."""

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LetterSource:
    """The record a letter is written from and recorded against, e.g. appointment:12."""

    kind: str
    id: int

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @classmethod
    def parse(cls, text: str) -> LetterSource:
        """'appointment:12' (also 'contact:3', 'correspondence:5', 'message:7')."""
        kind, sep, number = text.strip().partition(":")
        if not sep or kind not in SOURCE_KINDS or not number.strip().isdigit():
            raise ValidationError(
                f"'{text}' does not name a record. Write the kind and number, for example "
                f"contact:3 or appointment:12 (kinds: {', '.join(SOURCE_KINDS)}).",
                "record",
            )
        return cls(kind, int(number))


@dataclass(frozen=True, slots=True)
class LetterRequest:
    """One letter to produce: which template, from which record, in which format."""

    template_key: str
    source: LetterSource
    format: LetterFormat | None = None
    """None: the customer's preferred format from their record."""
    size: int | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    """Values typed at the desk for placeholders the record cannot fill."""


@dataclass(frozen=True, slots=True)
class LetterDraft:
    """A filled-in letter, checked and ready to set."""

    request: LetterRequest
    template: LetterTemplate
    spec: PrintSpec
    content: LetterContent
    contact_id: int | None
    customer_name: str
    letter_date: date | None = None
    """The date the letter is written on (the office's today)."""
    past_dates: Mapping[str, str] = field(default_factory=dict)
    """Promised dates (reply by, appointment on ...) before the letter's date: name -> value."""


@dataclass(frozen=True, slots=True)
class ProducedLetter:
    draft: LetterDraft
    pdf: bytes
    brf: str | None = None
    """The braille-ready file, when braille was asked for and liblouis is installed."""
    braille_note: str = ""
    """Why there is no braille file (said to the person at the desk), or ''."""
    unprintable: tuple[str, ...] = ()
    """Characters the face has no glyph for (an emoji), left out of the printed letter."""

    @property
    def unprintable_note(self) -> str:
        """What the desk is told about characters left out, or ''."""
        if not self.unprintable:
            return ""
        # Named too: the screen's font may lack the character as well.
        shown = ", ".join(
            f"{ch} ({unicodedata.name(ch, f'U+{ord(ch):04X}').lower()})" for ch in self.unprintable
        )
        return (
            f"These characters cannot be printed in the letter's typeface and are left out of "
            f"it: {shown} (the record keeps them)."
        )

    @property
    def status(self) -> str:
        wants_braille = self.draft.spec.format is LetterFormat.BRAILLE
        return "awaiting_braille" if wants_braille and self.brf is None else "sent"


@dataclass(frozen=True, slots=True)
class SentLetter:
    id: int
    source: LetterSource
    template_key: str
    template_title: str
    reference: str
    format: LetterFormat
    font_size: int | None
    status: str
    delivery: str
    file_name: str
    sent_at: datetime
    staff_name: str


@dataclass(frozen=True, slots=True)
class BatchSaved:
    """What saving a batch to a folder did."""

    ids: list[int]
    """The letters recorded as sent (one per file written)."""
    paths: list[Path]
    """The PDFs written, in batch order (a BRF beside each braille one)."""
    total: int
    problem: str = ""
    """Why it stopped early (a file that could not be written), or ''."""
    stopped: bool = False
    """Cancel was pressed part-way."""


Builder = Callable[[Session, OfficeRecord, int], "SourceValues"]


@dataclass(frozen=True, slots=True)
class SourceValues:
    """What a builder found on the source record: the customer and the placeholder values."""

    contact: ContactRecord | None
    values: dict[str, str]
    customer_name: str = ""
    address: tuple[str, ...] = ()
    postcode: str = ""
    large_print: bool = False
    """The record itself asks for large print (an appointment booked with that need)."""


def load_shipped_templates() -> dict[str, str]:
    """Template key -> file text, from resources/letters/*.toml."""
    folder = resources.files("reception_app.resources").joinpath("letters")
    return {
        item.name.removesuffix(".toml"): item.read_text(encoding="utf-8")
        for item in sorted(folder.iterdir(), key=lambda i: i.name)
        if item.name.endswith(".toml")
    }


def load_folder_templates(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.toml"))}


class LetterService(OfficeScoped):
    """Letters of one office: every public method that reads or records is one transaction."""

    def __init__(
        self,
        context: ServiceContext,
        office_key: str,
        *,
        template_dir: Path | None = None,
        braille_program: str = braille.TRANSLATOR,
    ) -> None:
        """``template_dir`` replaces the shipped templates (tests, an office's own folder);
        ``braille_program`` is the liblouis command looked up on PATH."""
        super().__init__(context, office_key)
        self._template_dir = template_dir
        self.braille_program = braille_program
        self._lock = threading.Lock()
        self._templates: dict[str, LetterTemplate | TemplateError] | None = None
        self._builders: dict[str, Builder] = {
            "contact": _contact_values,
            "appointment": _appointment_values,
            "correspondence": _correspondence_values,
            "message": _message_values,
        }

    # --- templates ----------------------------------------------------------------------------

    def _load(self) -> dict[str, LetterTemplate | TemplateError]:
        with self._lock:
            if self._templates is None:
                raw = (
                    load_folder_templates(self._template_dir)
                    if self._template_dir is not None
                    else load_shipped_templates()
                )
                loaded: dict[str, LetterTemplate | TemplateError] = {}
                for key, text in raw.items():
                    try:
                        loaded[key] = parse_template(key, text)
                    except TemplateError as exc:
                        loaded[key] = exc
                self._templates = loaded
            return self._templates

    def reload_templates(self) -> None:
        """Read the template files again (after the office edited one)."""
        with self._lock:
            self._templates = None

    def templates(self, source_kind: str | None = None) -> list[LetterTemplate]:
        """Usable templates (for a source kind, if given), by title."""
        found = [t for t in self._load().values() if isinstance(t, LetterTemplate)]
        if source_kind is not None:
            found = [t for t in found if source_kind in t.sources]
        return sorted(found, key=lambda t: t.title)

    def template_problems(self) -> list[str]:
        """One plain message per template file that cannot be used."""
        return [str(t) for t in self._load().values() if isinstance(t, TemplateError)]

    def template(self, key: str) -> LetterTemplate:
        found = self._load().get(key)
        if isinstance(found, TemplateError):
            raise found
        if found is None:
            known = ", ".join(sorted(self._load()))
            raise NotFoundError(f"There is no letter called '{key}'. The letters are: {known}.")
        return found

    # --- values and drafts --------------------------------------------------------------------

    def _source_values(
        self, session: Session, office: OfficeRecord, source: LetterSource
    ) -> SourceValues:
        builder = self._builders.get(source.kind)
        if builder is None:
            raise ValidationError(f"Letters cannot be written from a {source.kind}.", "record")
        return builder(session, office, source.id)

    def missing(self, request: LetterRequest, actor: StaffMember | None = None) -> list[str]:
        """Placeholders the record (and the values typed so far) leave empty."""
        template = self.template(request.template_key)
        with transaction(self._factory, write=False) as session:
            values = self._values(session, request, actor)[1]
        return missing_values(template, values)

    def _common_values(
        self, session: Session, actor: StaffMember | None
    ) -> tuple[OfficeRecord, dict[str, str]]:
        """The office, the sender and today's date: the same for every letter of a batch."""
        office = session.scalars(
            select(OfficeRecord).where(OfficeRecord.key == self._office_key)
        ).one_or_none()
        if office is None:
            office = self._office(session)  # raises the plain message
        values = _office_values(office)
        values.update(_sender_values(session, office, actor))
        values["today"] = format_date(self._today(office))
        return office, values

    def _values(
        self,
        session: Session,
        request: LetterRequest,
        actor: StaffMember | None,
        common: tuple[OfficeRecord, dict[str, str]] | None = None,
    ) -> tuple[OfficeRecord, dict[str, str], SourceValues]:
        office, shared = common or self._common_values(session, actor)
        found = self._source_values(session, office, request.source)
        values = dict(shared)
        values.update(found.values)
        values.update({k: v for k, v in request.extra.items() if k in PLACEHOLDERS and v.strip()})
        return office, values, found

    def draft(self, request: LetterRequest, actor: StaffMember | None = None) -> LetterDraft:
        """Fill the template from the record; ValidationError names what is missing or wrong."""
        template = self.template(request.template_key)
        with transaction(self._factory, write=False) as session:
            return self._draft(session, template, request, actor)

    def _draft(
        self,
        session: Session,
        template: LetterTemplate,
        request: LetterRequest,
        actor: StaffMember | None,
        common: tuple[OfficeRecord, dict[str, str]] | None = None,
    ) -> LetterDraft:
        office, values, found = self._values(session, request, actor, common)
        if request.format is None:
            spec = _preferred(found)
            if request.size is not None:
                spec = print_spec(spec.format, request.size)
        else:
            spec = print_spec(request.format, request.size)
        content = build_content(
            template,
            values,
            letterhead=_letterhead(office),
            recipient_name=found.customer_name,
            recipient_address=found.address,
            recipient_postcode=found.postcode,
            author=office.name,
        )
        letter_date = self._today(office)
        return LetterDraft(
            request=request,
            template=template,
            spec=spec,
            content=content,
            contact_id=found.contact.id if found.contact else None,
            customer_name=found.customer_name,
            letter_date=letter_date,
            past_dates=past_promises(template, values, letter_date),
        )

    def past_dates(
        self, request: LetterRequest, actor: StaffMember | None = None
    ) -> dict[str, str]:
        """Promised dates the letter would print that are before its date (name -> value),
        whatever else is missing, so the desk can be asked for a date still to come."""
        template = self.template(request.template_key)
        with transaction(self._factory, write=False) as session:
            office, values, _found = self._values(session, request, actor)
            return past_promises(template, values, self._today(office))

    def preferred(self, source: LetterSource) -> tuple[PrintSpec, str]:
        """The customer's preferred format (from their contact record, or the record's own
        large-print need) and their name, for the desk to start from."""
        with transaction(self._factory, write=False) as session:
            office = session.scalars(
                select(OfficeRecord).where(OfficeRecord.key == self._office_key)
            ).one_or_none()
            if office is None:
                office = self._office(session)
            found = self._source_values(session, office, source)
            return _preferred(found), found.customer_name

    # --- producing ----------------------------------------------------------------------------

    def braille_available(self) -> bool:
        return braille.find_translator(self.braille_program) is not None

    def produce(self, draft: LetterDraft) -> ProducedLetter:
        """Set the letter as PDF; for braille also translate it to a BRF where liblouis is
        installed (otherwise the letter will be recorded as awaiting braille transcription)."""
        pdf = render_letter_pdf(draft.content, draft.spec)
        missing_glyphs = unprintable(content_texts(draft.content))
        if draft.spec.format is not LetterFormat.BRAILLE:
            return ProducedLetter(draft, pdf, unprintable=missing_glyphs)
        program = braille.find_translator(self.braille_program)
        if program is None:
            return ProducedLetter(
                draft,
                pdf,
                unprintable=missing_glyphs,
                braille_note=(
                    "Braille cannot be made on this computer (liblouis is not installed), so "
                    "the letter is recorded as awaiting braille transcription. Send the printed "
                    "copy to the transcription service."
                ),
            )
        try:
            brf = braille.render_brf(draft.content, program)
        except braille.BrailleUnavailable as exc:
            return ProducedLetter(
                draft,
                pdf,
                unprintable=missing_glyphs,
                braille_note=f"{exc} The letter is recorded as awaiting braille transcription.",
            )
        return ProducedLetter(draft, pdf, brf=brf, unprintable=missing_glyphs)

    def prepare(self, request: LetterRequest, actor: StaffMember | None = None) -> ProducedLetter:
        return self.produce(self.draft(request, actor))

    def produce_batch(
        self,
        requests: Sequence[LetterRequest],
        actor: StaffMember | None = None,
        progress: ProgressCallback | None = None,
        skipped: list[tuple[LetterRequest, str]] | None = None,
    ) -> list[ProducedLetter]:
        """Every letter of a batch, or Cancelled once progress() returns False (nothing is
        recorded either way). A letter that cannot be made (no postal address, say) stops the
        batch with a message naming it; given a ``skipped`` list, it is left out and listed
        there with the reason instead, so one bad record does not hold up the day's post."""
        total = len(requests)
        if progress is not None and not progress(0, total):
            raise Cancelled("Stopped before any letter was made.")
        with transaction(self._factory, write=False) as session:
            common = self._common_values(session, actor)
            # One query for every contact of the batch, not one per letter.
            contact_ids = sorted({r.source.id for r in requests if r.source.kind == "contact"})
            for start in range(0, len(contact_ids), 500):  # within SQLite's variable limit
                chunk = contact_ids[start : start + 500]
                list(session.scalars(select(ContactRecord).where(ContactRecord.id.in_(chunk))))
            drafts = []
            for request in requests:
                try:
                    drafts.append(
                        self._draft(
                            session, self.template(request.template_key), request, actor, common
                        )
                    )
                except ValidationError as exc:
                    if skipped is None:
                        raise ValidationError(
                            f"Letter for {request.source}: {exc}", exc.field
                        ) from exc
                    skipped.append((request, str(exc)))
        produced = []
        for done, draft in enumerate(drafts, start=1):
            produced.append(self.produce(draft))
            if progress is not None and not progress(done, total):
                raise Cancelled(f"Stopped after {done} of {total} letters; none was recorded.")
        return produced

    # --- files and records --------------------------------------------------------------------

    @staticmethod
    def write_files(letter: ProducedLetter, pdf_path: Path) -> list[Path]:
        """Write the PDF, and the BRF beside it (same name, .brf); returns the files written.

        Written to a temporary name first, so a failure never leaves half a letter. The folder
        must exist (a mistyped folder is not made); OSError when it cannot be written."""
        written: list[Path] = []
        outputs: list[tuple[Path, bytes]] = [(pdf_path, letter.pdf)]
        if letter.brf is not None:
            outputs.append((pdf_path.with_suffix(".brf"), letter.brf.encode("ascii")))
        try:
            for path, data in outputs:
                partial = path.with_name(path.name + ".part")
                try:
                    partial.write_bytes(data)
                    partial.replace(path)
                finally:
                    _discard(partial)
                written.append(path)
        except BaseException:
            # The PDF without its BRF is not the letter asked for: take it away again.
            for path in written:
                _discard(path)
            raise
        return written

    @staticmethod
    def discard_files(paths: Sequence[Path]) -> None:
        """Remove files this service wrote (a letter that could not be recorded as sent)."""
        for path in paths:
            _discard(path)

    @staticmethod
    def batch_file_name(letter: ProducedLetter, folder: Path, taken: set[str]) -> Path:
        """``R-00012-acknowledgement.pdf`` in ``folder``; never a name already there or already
        given in this batch (``-2``, ``-3`` ... added), so no earlier letter is overwritten."""
        d = letter.draft
        ref = "".join(c if c.isalnum() or c in "-_" else "-" for c in d.content.reference)
        stem = f"{ref or 'letter'}-{d.template.key}"
        number = 1
        while True:
            name = f"{stem}.pdf" if number == 1 else f"{stem}-{number}.pdf"
            path = folder / name
            if name not in taken and not path.exists() and not path.with_suffix(".brf").exists():
                taken.add(name)
                return path
            number += 1

    def save_batch(
        self,
        produced: Sequence[ProducedLetter],
        folder: Path,
        actor: StaffMember | None,
        progress: Callable[[int], bool] | None = None,
    ) -> BatchSaved:
        """Write each letter as a PDF (and BRF) in ``folder``, then record the ones written.

        ``progress(letters_done)`` is asked after each file; False stops there. A letter whose
        file could not be written is not recorded, and nothing half-written is left behind
        (files go to a temporary name first). Files already written when the batch stops are
        kept and recorded, so the record matches what is in the folder.
        """
        folder.mkdir(parents=True, exist_ok=True)
        taken: set[str] = set()
        done: list[ProducedLetter] = []
        paths: list[Path] = []
        files: list[Path] = []
        problem = ""
        stopped = False
        for index, letter in enumerate(produced, start=1):
            path = self.batch_file_name(letter, folder, taken)
            try:
                files += self.write_files(letter, path)
            except OSError as exc:
                problem = (
                    f"{path.name} could not be written ({exc.strerror or exc}); it and the "
                    "letters after it were not saved and are not marked as sent."
                )
                break
            done.append(letter)
            paths.append(path)
            if progress is not None and not progress(index) and index < len(produced):
                stopped = True
                break
        try:
            ids = self.record_sent(done, actor, "pdf", [str(p) for p in paths]) if done else []
        except BaseException:
            for path in files:  # not recorded: do not leave letters that look sent
                _discard(path)
            raise
        return BatchSaved(ids, paths, len(produced), problem, stopped)

    @staticmethod
    def save_braille(letter: ProducedLetter, folder: Path) -> Path | None:
        """Keep the BRF of a printed braille letter in ``folder`` for the embosser."""
        if letter.brf is None:
            return None
        folder.mkdir(parents=True, exist_ok=True)
        d = letter.draft
        stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in d.content.reference)
        path = folder / f"{stem or 'letter'}-{d.template.key}.brf"
        partial = path.with_name(path.name + ".part")
        try:
            partial.write_bytes(letter.brf.encode("ascii"))
            partial.replace(path)
        finally:
            _discard(partial)  # gone once renamed; removed if the write failed
        return path

    def record_sent(
        self,
        letters: Sequence[ProducedLetter],
        actor: StaffMember | None,
        delivery: str,
        file_names: Sequence[str] | None = None,
    ) -> list[int]:
        """Record letters the printer or the disk accepted; one transaction for the batch."""
        if delivery not in ("printed", "pdf"):
            raise ValueError(f"unknown delivery {delivery!r}")
        names = list(file_names) if file_names is not None else [""] * len(letters)
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            ids: list[int] = []
            records: list[LetterRecord] = []
            for letter, name in zip(letters, names, strict=True):
                d = letter.draft
                record = LetterRecord(
                    office_id=office.id,
                    source_kind=d.request.source.kind,
                    source_id=d.request.source.id,
                    contact_id=d.contact_id,
                    template_key=d.template.key,
                    template_title=d.template.title[:120],
                    reference=d.content.reference[:40],
                    format=d.spec.format.value,
                    font_size=d.spec.size,
                    status=letter.status,
                    delivery=delivery,
                    file_name=name,
                    sent_at=now,
                    staff_id=actor_id(actor),
                )
                session.add(record)
                records.append(record)
            session.flush()  # one INSERT round for the batch, then the log entries
            for letter, record in zip(letters, records, strict=True):
                d = letter.draft
                ids.append(record.id)
                log_event(
                    session,
                    at=now,
                    action="letter_sent" if letter.status == "sent" else "letter_awaiting_braille",
                    entity=d.request.source.kind,
                    entity_id=d.request.source.id,
                    office_id=office.id,
                    staff_id=actor_id(actor),
                    summary=f"Letter '{d.template.title}' ({d.spec.label}) {delivery}",
                    details={"letter_id": record.id, "template": d.template.key},
                )
            return ids

    def save_pdf(
        self, request: LetterRequest, out: Path, actor: StaffMember | None = None
    ) -> tuple[ProducedLetter, list[Path]]:
        """Draft, produce, write and record in one go (the command line).

        ValidationError (field "out") for a folder that does not exist, a folder given as the
        file, or a place that cannot be written; field "values" for a promised date already
        past, unless it was given in ``request.extra``. Nothing is left behind on failure."""
        check_out_path(out)
        draft = self.draft(request, actor)
        past = {k: v for k, v in draft.past_dates.items() if not request.extra.get(k, "").strip()}
        if past and draft.letter_date is not None:
            name, value = next(iter(past.items()))
            raise ValidationError(
                f"{past_date_message(name, value, draft.letter_date)} Give it with "
                f"--set {name}=DATE.",
                "values",
            )
        letter = self.produce(draft)
        try:
            written = self.write_files(letter, out)
        except OSError as exc:
            raise ValidationError(
                f"The letter could not be written to {out}: {exc.strerror or exc}.", "out"
            ) from None
        try:
            self.record_sent([letter], actor, "pdf", [str(out)])
        except BaseException:
            self.discard_files(written)  # not recorded: do not leave a letter that looks sent
            raise
        return letter, written

    def sent_letters(self, source: LetterSource) -> list[SentLetter]:
        """Letters recorded against a record, newest first."""
        with transaction(self._factory, write=False) as session:
            rows = session.execute(
                select(LetterRecord, StaffRecord.full_name)
                .outerjoin(StaffRecord, StaffRecord.id == LetterRecord.staff_id)
                .where(LetterRecord.source_kind == source.kind, LetterRecord.source_id == source.id)
                .order_by(LetterRecord.sent_at.desc(), LetterRecord.id.desc())
            ).all()
            return [
                SentLetter(
                    id=r.id,
                    source=LetterSource(r.source_kind, r.source_id),
                    template_key=r.template_key,
                    template_title=r.template_title,
                    reference=r.reference,
                    format=LetterFormat(r.format),
                    font_size=r.font_size,
                    status=r.status,
                    delivery=r.delivery,
                    file_name=r.file_name,
                    sent_at=r.sent_at,
                    staff_name=name or "",
                )
                for r, name in rows
            ]

    def due_today(self) -> list[LetterRequest]:
        """Acknowledgements due today (or overdue) for correspondence not yet acknowledged and
        with no acknowledgement letter recorded: FOI/EIR/SAR get the statutory letter,
        complaints the complaint letter, everything else the plain acknowledgement."""
        from reception_app.persistence.correspondence_records import CorrespondenceRecord

        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            today = self._today(office)
            sent = select(LetterRecord.source_id).where(
                LetterRecord.source_kind == "correspondence",
                LetterRecord.template_key.in_(ACKNOWLEDGEMENT_TEMPLATES.values()),
            )
            items = session.scalars(
                select(CorrespondenceRecord)
                .where(
                    CorrespondenceRecord.office_id == office.id,
                    CorrespondenceRecord.acknowledge_due_on <= today,
                    CorrespondenceRecord.acknowledged_at.is_(None),
                    CorrespondenceRecord.closed_at.is_(None),
                    CorrespondenceRecord.id.not_in(sent),
                )
                .order_by(CorrespondenceRecord.acknowledge_due_on, CorrespondenceRecord.id)
            ).all()
            return [
                LetterRequest(
                    ACKNOWLEDGEMENT_TEMPLATES.get(item.channel, ACKNOWLEDGEMENT_TEMPLATES[""]),
                    LetterSource("correspondence", item.id),
                )
                for item in items
            ]


def letters_for(services: AppServices, braille_program: str = braille.TRANSLATOR) -> LetterService:
    """The letter service of the running office (``services.letters()`` for the usual one)."""
    key = services.office.active_office_key()
    if key is None:
        raise NotFoundError("No office has been chosen yet. Choose one in Settings.")
    return LetterService(services.context, key, braille_program=braille_program)


def correspondence_letter(channel: str, *, held: bool, answered: bool) -> str:
    """The letter a clerk most likely wants for a piece of correspondence in this state:
    once answered or closed, "if you are not satisfied"; with a holding response on record and
    no reply yet, the holding response; otherwise the acknowledgement for its channel (FOI, EIR
    and SAR the statutory one, complaints the complaint one)."""
    if answered:
        return "not_satisfied"
    if held:
        return "holding_response"
    return ACKNOWLEDGEMENT_TEMPLATES.get(channel, ACKNOWLEDGEMENT_TEMPLATES[""])


def check_out_path(out: Path) -> None:
    """Refuse, in plain words, a file name that cannot be a new letter: a folder that does not
    exist (it is not made: it is most likely mistyped), a folder, or a place not writable."""
    folder = out.parent
    if out.is_dir():
        raise ValidationError(f"{out} is a folder. Give the name of the PDF to write.", "out")
    if not folder.is_dir():
        raise ValidationError(
            f"The folder {folder} does not exist. Check the name, or make the folder first.",
            "out",
        )
    if not os.access(folder, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise ValidationError(f"{out} cannot be written here (no permission).", "out")


def _discard(path: Path) -> None:
    """Remove a file this service wrote (never a folder someone else put there)."""
    try:
        if path.is_file() or path.is_symlink():
            path.unlink()
    except OSError as exc:
        # The caller reports the first problem; this one is only written to the log.
        log.warning("Could not remove %s after a failed letter: %s", path, exc)


def _preferred(found: SourceValues) -> PrintSpec:
    """The contact's preferred format; a record that itself asks for large print (an appointment
    booked with that need) gets large print when the contact has no other preference."""
    contact = found.contact
    fmt = contact.preferred_format if contact else "standard"
    size = contact.large_print_size if contact else None
    if found.large_print and fmt in ("standard", "email", ""):
        fmt = "large_print"
    return spec_for_customer(fmt, size)


def find_staff(services: AppServices, username: str) -> StaffMember:
    """A staff member of the running office by user name (the command line's --staff)."""
    key = services.office.active_office_key()
    for member in services.staff.list_staff(key or "", include_inactive=False):
        if member.username == username.strip():
            return member
    raise NotFoundError(f"There is no active staff member with the user name '{username}'.")


# --- builders: one per kind of source record -------------------------------------------------------


def _one_line(lines: Sequence[str], postcode: str) -> str:
    return ", ".join([*(line for line in lines if line.strip()), postcode]).strip(", ")


def _letterhead(office: OfficeRecord) -> list[str]:
    # The address on one line that wraps: in large print one line per part fills half a page.
    address = [str(line) for line in office.address]
    if office.site and (not address or address[0] != office.site):
        address.insert(0, office.site)
    lines = [office.name, _one_line(address, office.postcode)]
    if office.phone:
        lines.append(f"Phone: {office.phone}")
    if office.email:
        lines.append(f"Email: {office.email}")
    if office.website:
        lines.append(f"Website: {office.website}")
    return lines


def _office_values(office: OfficeRecord) -> dict[str, str]:
    address = _one_line([str(line) for line in office.address], office.postcode)
    return {
        "office_name": office.name,
        "office_site": office.site,
        "office_address": address,
        "office_phone": office.phone,
        "office_email": office.email,
        "office_website": office.website,
        # An office with no directions written still tells the customer where it is.
        "office_directions": office.directions or f"Our address is {address}.",
        "complaints_procedure": office.complaints_procedure,
    }


def _sender_values(
    session: Session, office: OfficeRecord, actor: StaffMember | None
) -> dict[str, str]:
    """The named contact (Hellesdon 5.6): the person sending the letter, with the office's
    phone and email where they have none of their own."""
    if actor is None:
        return {
            "contact_name": NO_NAMED_CONTACT,
            "contact_phone": office.phone,
            "contact_email": office.email,
        }
    record = session.get(StaffRecord, actor.id)
    name = record.full_name if record else actor.full_name
    phone = (record.phone if record else actor.phone) or office.phone
    email = (record.email if record else actor.email) or office.email
    return {"contact_name": name, "contact_phone": phone, "contact_email": email}


def _contact_source(contact: ContactRecord) -> dict[str, Any]:
    return {
        "contact": contact,
        "customer_name": contact.full_name,
        "address": tuple(line for line in contact.address.split("\n") if line.strip()),
        "postcode": contact.postcode,
    }


def _get_contact(session: Session, office: OfficeRecord, contact_id: int) -> ContactRecord:
    contact = session.get(ContactRecord, contact_id)
    if contact is None or contact.office_id != office.id:
        raise NotFoundError(f"There is no contact number {contact_id} in this office.")
    return contact


def _contact_values(session: Session, office: OfficeRecord, contact_id: int) -> SourceValues:
    contact = _get_contact(session, office, contact_id)
    values = {"customer_name": contact.full_name, "reference": f"C-{contact.id:05d}"}
    return SourceValues(values=values, **_contact_source(contact))


# Statutory requests: the name a customer knows and the law the reply follows (national, not
# council-specific, so they live here rather than in an office profile).
REQUEST_LAWS: Mapping[str, tuple[str, str]] = {
    "foi": ("Freedom of Information", "Freedom of Information Act 2000"),
    "eir": ("Environmental Information", "Environmental Information Regulations 2004"),
    "sar": ("subject access", "UK General Data Protection Regulation (right of access)"),
}


def _local(office: OfficeRecord, at: datetime) -> datetime:
    return at.astimezone(ZoneInfo(office.timezone))


def _date_text(d: date | None) -> str:
    return format_date(d) if d is not None else ""


def _named_contact(session: Session, office: OfficeRecord, staff_id: int | None) -> dict[str, str]:
    """The officer named on the record (owner or recipient), with the office's phone and email
    where they have none of their own."""
    if staff_id is None:
        return {}
    staff = session.get(StaffRecord, staff_id)
    if staff is None:
        return {}
    return {
        "contact_name": staff.full_name,
        "contact_phone": staff.phone or office.phone,
        "contact_email": staff.email or office.email,
    }


def _customer(
    session: Session, contact_id: int | None, name: str, fallback_address: str = ""
) -> dict[str, Any]:
    contact = session.get(ContactRecord, contact_id) if contact_id is not None else None
    if contact is not None:
        found = _contact_source(contact)
        found["customer_name"] = name.strip() or contact.full_name
        return found
    lines = tuple(line for line in fallback_address.split("\n") if line.strip())
    return {"contact": None, "customer_name": name, "address": lines, "postcode": ""}


def _appointment_values(
    session: Session, office: OfficeRecord, appointment_id: int
) -> SourceValues:
    from reception_app.persistence.appointment_records import AppointmentRecord

    appointment = session.get(AppointmentRecord, appointment_id)
    if appointment is None or appointment.office_id != office.id:
        raise NotFoundError(f"There is no appointment number {appointment_id} in this office.")
    starts = _local(office, appointment.starts_at)
    if appointment.place == "room" and appointment.room_booking is not None:
        room = appointment.room_booking.room
        place = ", ".join(p for p in (room.name, room.location or office.site) if p)
    elif appointment.place == "home":
        place = "At your home"
    elif appointment.place == "phone":
        place = "By phone: we will call you"
    else:
        place = f"The front desk, {office.site}" if office.site else "The front desk"
    values = {
        "customer_name": appointment.customer_name,
        "reference": f"A-{appointment.id:05d}",
        "appointment_date": format_date(starts.date()),
        "appointment_time": f"{starts:%H:%M}",
        "appointment_service": appointment.service.name,
        "appointment_place": place,
        "appointment_with": appointment.staff.full_name,
        "change_reason": appointment.cancel_reason or appointment.delay_reason,
    }
    found = _customer(
        session, appointment.contact_id, appointment.customer_name, appointment.home_address
    )
    return SourceValues(values=values, large_print=bool(appointment.large_print), **found)


def _correspondence_values(session: Session, office: OfficeRecord, item_id: int) -> SourceValues:
    from reception_app.domain.correspondence import reference as correspondence_reference
    from reception_app.persistence.correspondence_records import (
        CorrespondenceRecord,
        HoldingResponseRecord,
    )

    item = session.get(CorrespondenceRecord, item_id)
    if item is None or item.office_id != office.id:
        raise NotFoundError(f"There is no correspondence number {item_id} in this office.")
    respond = item.extended_due_on or item.respond_due_on or item.final_due_on or item.target_on
    values = {
        "customer_name": item.from_name,
        # The reference the Correspondence log shows and the customer quotes (FOI-000123).
        "reference": correspondence_reference(item.channel, item.id),
        "about": item.subject,
        "received_date": format_date(_local(office, item.received_at).date()),
        "response_date": _date_text(respond),
        "statutory_deadline": _date_text(
            item.extended_due_on or item.final_due_on or item.respond_due_on
        ),
    }
    if item.channel in REQUEST_LAWS:
        values["request_type"], values["request_law"] = REQUEST_LAWS[item.channel]
    holding = session.scalars(
        select(HoldingResponseRecord)
        .where(HoldingResponseRecord.correspondence_id == item.id)
        .order_by(HoldingResponseRecord.sent_at.desc())
        .limit(1)
    ).first()
    if holding is not None:
        values["holding_reason"] = holding.reason
        values["expected_date"] = format_date(holding.expected_on)
    values.update(_named_contact(session, office, item.owner_id))
    return SourceValues(values=values, **_customer(session, item.contact_id, item.from_name))


def _message_values(session: Session, office: OfficeRecord, message_id: int) -> SourceValues:
    from reception_app.persistence.correspondence_records import MessageRecord

    message = session.get(MessageRecord, message_id)
    if message is None or message.office_id != office.id:
        raise NotFoundError(f"There is no message number {message_id} in this office.")
    values = {
        "customer_name": message.caller_name,
        "reference": f"M-{message.id:05d}",
        "about": message.subject,
        "received_date": format_date(_local(office, message.taken_at).date()),
        "callback_phone": message.caller_phone,
        "callback_date": _date_text(message.due_on),
        "response_date": _date_text(message.due_on),
    }
    if message.due_at is not None:
        values["callback_time"] = f"{_local(office, message.due_at):%H:%M}"
    values.update(_named_contact(session, office, message.recipient_id))
    return SourceValues(
        values=values, **_customer(session, message.contact_id, message.caller_name)
    )
