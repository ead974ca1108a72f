"""Letters from the desk: fill a template from a record, set it as PDF (and braille), record it.

The flow is draft -> produce -> (print or save) -> record_sent. Nothing is recorded as sent
until the printer or the file has accepted the letter, so a failed or cancelled print leaves
the record as it was. ``requests`` holds what is asked for and given back, ``sources`` one
builder of placeholder values per kind of source record ("contact", "appointment",
"correspondence", "message"), ``drafting`` the templates and PDFs, ``files`` the files on disk
and ``recording`` what is saved and recorded.
"""

from __future__ import annotations

from reception_app.services.letter_service.drafting import (
    load_folder_templates,
    load_shipped_templates,
)
from reception_app.services.letter_service.files import check_out_path
from reception_app.services.letter_service.recording import Recording
from reception_app.services.letter_service.requests import (
    ACKNOWLEDGEMENT_TEMPLATES,
    NO_NAMED_CONTACT,
    BatchSaved,
    LetterDraft,
    LetterRequest,
    LetterSource,
    ProducedLetter,
    ProgressCallback,
    SentLetter,
    correspondence_letter,
)
from reception_app.services.letter_service.sources import REQUEST_LAWS, SourceValues

__all__ = [
    "ACKNOWLEDGEMENT_TEMPLATES",
    "NO_NAMED_CONTACT",
    "REQUEST_LAWS",
    "BatchSaved",
    "LetterDraft",
    "LetterRequest",
    "LetterService",
    "LetterSource",
    "ProducedLetter",
    "ProgressCallback",
    "SentLetter",
    "SourceValues",
    "check_out_path",
    "correspondence_letter",
    "load_folder_templates",
    "load_shipped_templates",
]


class LetterService(Recording):
    """Letters of one office: every public method that reads or records is one transaction."""
