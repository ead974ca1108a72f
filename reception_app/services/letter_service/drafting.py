"""Drafting letters: the templates, the values a record fills them with, and setting the
letter as PDF (and braille)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.documents import braille
from reception_app.documents.letter_pdf import content_texts, render_letter_pdf, unprintable
from reception_app.domain.errors import Cancelled, NotFoundError, ValidationError
from reception_app.domain.letters import (
    PLACEHOLDERS,
    LetterFormat,
    LetterTemplate,
    PrintSpec,
    TemplateError,
    build_content,
    format_date,
    missing_values,
    parse_template,
    past_promises,
    print_spec,
)
from reception_app.domain.people import StaffMember
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import ContactRecord, OfficeRecord
from reception_app.services.context import ServiceContext
from reception_app.services.letter_service.requests import (
    LetterDraft,
    LetterRequest,
    LetterSource,
    ProducedLetter,
    ProgressCallback,
)
from reception_app.services.letter_service.sources import (
    BUILDERS,
    Builder,
    SourceValues,
    letterhead,
    office_values,
    preferred_spec,
    sender_values,
)
from reception_app.services.office_scoped import OfficeScoped


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


class Drafting(OfficeScoped):
    """Templates, drafts and producing letters (``LetterService`` is made of this and
    ``Recording``)."""

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
        self._builders: dict[str, Builder] = dict(BUILDERS)

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
        values = office_values(office)
        values.update(sender_values(session, office, actor))
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
            spec = preferred_spec(found)
            if request.size is not None:
                spec = print_spec(spec.format, request.size)
        else:
            spec = print_spec(request.format, request.size)
        content = build_content(
            template,
            values,
            letterhead=letterhead(office),
            recipient_name=found.customer_name,
            recipient_address=found.address,
            recipient_postcode=found.postcode,
            author=office.name,
            recipient_email=found.email,
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
            return preferred_spec(found), found.customer_name

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
