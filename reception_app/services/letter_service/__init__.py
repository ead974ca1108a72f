"""Letters from the desk: fill a template from a record, set it as PDF (and braille), record it.

The flow is draft -> produce -> (print or save) -> record_sent. Nothing is recorded as sent
until the printer or the file has accepted the letter, so a failed or cancelled print leaves
the record as it was. ``requests`` holds what is asked for and given back, ``sources`` one
builder of placeholder values per kind of source record ("contact", "appointment",
"correspondence", "message"), ``drafting`` the templates and PDFs, ``files`` the files on disk
and ``recording`` what is saved and recorded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reception_app.documents import braille
from reception_app.domain.errors import NotFoundError
from reception_app.domain.people import StaffMember
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

if TYPE_CHECKING:
    from reception_app.services.container import AppServices

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
    "find_staff",
    "letters_for",
    "load_folder_templates",
    "load_shipped_templates",
]


class LetterService(Recording):
    """Letters of one office: every public method that reads or records is one transaction."""


def letters_for(services: AppServices, braille_program: str = braille.TRANSLATOR) -> LetterService:
    """The letter service of the running office (``services.letters()`` for the usual one)."""
    key = services.office.active_office_key()
    if key is None:
        raise NotFoundError("No office has been chosen yet. Choose one in Settings.")
    return LetterService(services.context, key, braille_program=braille_program)


def find_staff(services: AppServices, username: str) -> StaffMember:
    """A staff member of the running office by user name (the command line's --staff)."""
    key = services.office.active_office_key()
    for member in services.staff.list_staff(key or "", include_inactive=False):
        if member.username == username.strip():
            return member
    raise NotFoundError(f"There is no active staff member with the user name '{username}'.")
