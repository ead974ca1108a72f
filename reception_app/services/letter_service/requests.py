"""What a letter is asked for and what comes back: its source record, the request, the filled
draft, the produced letter, and what was recorded as sent."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from reception_app.domain.errors import ValidationError
from reception_app.domain.letters import (
    SOURCE_KINDS,
    LetterContent,
    LetterFormat,
    LetterTemplate,
    PrintSpec,
)

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

NO_NAMED_CONTACT = "the reception team"
"""The named contact of a letter produced with nobody signed in (the command line without
--staff): written mid-sentence ("please call the reception team on ..."); the signature
capitalises it."""


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
