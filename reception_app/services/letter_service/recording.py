"""Recording letters: files saved for a batch or the command line, letters recorded as sent
(only once the printer or the disk has them), and what was sent or is due."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.errors import ValidationError, write_problem
from reception_app.domain.letters import LetterFormat, past_date_message
from reception_app.domain.letters.filling import set_keys_message
from reception_app.domain.people import StaffMember
from reception_app.persistence.engine import database_file, transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.services.context import actor_id
from reception_app.services.correspondence_service.letter_steps import record_letter_step
from reception_app.services.letter_service.drafting import Drafting
from reception_app.services.letter_service.files import (
    batch_file_name,
    check_out_path,
    discard,
    discard_files,
    save_braille,
    write_files,
)
from reception_app.services.letter_service.requests import (
    ACKNOWLEDGEMENT_TEMPLATES,
    BatchSaved,
    LetterRequest,
    LetterSource,
    ProducedLetter,
    SentLetter,
)


class Recording(Drafting):
    """Saving, printing and recording letters (``LetterService`` is made of this and
    ``Drafting``)."""

    write_files = staticmethod(write_files)
    discard_files = staticmethod(discard_files)
    batch_file_name = staticmethod(batch_file_name)
    save_braille = staticmethod(save_braille)

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
                files += self.write_files(letter, path, database_file(self._factory))
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
                discard(path)
            raise
        return BatchSaved(ids, paths, len(produced), problem, stopped)

    def record_sent(
        self,
        letters: Sequence[ProducedLetter],
        actor: StaffMember | None,
        delivery: str,
        file_names: Sequence[str] | None = None,
    ) -> list[int]:
        """Record letters the printer or the disk accepted; one transaction for the batch.

        A letter whose template ``records`` a step (an acknowledgement) records that step on
        the correspondence it was written from, with the letter as its evidence."""
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
            self._record_steps(session, office, letters, records, now, actor)
            return ids

    def _record_steps(
        self,
        session: Session,
        office: OfficeRecord,
        letters: Sequence[ProducedLetter],
        records: Sequence[LetterRecord],
        now: datetime,
        actor: StaffMember | None,
    ) -> None:
        """The step each letter's template records on its correspondence (issue 13 point 4)."""
        for letter, record in zip(letters, records, strict=True):
            d = letter.draft
            if d.request.source.kind == "correspondence" and d.template.records:
                record_letter_step(
                    session,
                    office,
                    self._engine(office),
                    item_id=d.request.source.id,
                    step=d.template.records,
                    letter_id=record.id,
                    letter_title=d.template.title,
                    at=now,
                    today=self._today(office),
                    staff_id=actor_id(actor),
                )

    def save_pdf(
        self, request: LetterRequest, out: Path, actor: StaffMember | None = None
    ) -> tuple[ProducedLetter, list[Path]]:
        """Draft, produce, write and record in one go (the command line).

        ValidationError (field "out") for a folder that does not exist, a folder given as the
        file, or a place that cannot be written; field "values" for a promised date already
        past, unless it was given in ``request.extra``. Nothing is left behind on failure."""
        check_out_path(out)
        try:
            draft = self.draft(request, actor)
        except ValidationError as exc:
            missing = self.missing(request, actor) if exc.field == "values" else []
            if not missing:
                raise
            template = self.template(request.template_key)
            raise ValidationError(set_keys_message(template, missing), "values") from None
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
            written = self.write_files(letter, out, database_file(self._factory))
        except OSError as exc:
            raise ValidationError(
                f"The letter could not be written to {out}: {write_problem(exc)}", "out"
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
