"""A form's link to the stored contact picked in its contact finder.

Also how a picked or new contact fills the form.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLineEdit

from reception_app.domain.errors import ValidationError
from reception_app.domain.people import Contact
from reception_app.domain.validation import check_postcode
from reception_app.ui.widgets.contact_finder import ContactFinder


class LinkedContact:
    """A form's link to the contact picked in its ContactFinder: kept while the name box still
    shows the contact's name, dropped (and said) when the name is typed over."""

    contact: Contact | None
    finder: ContactFinder | None
    link_noun = "it"
    """What the link is for, in "Find them again to link ...": 'the message', 'it'."""

    def _linked_boxes(self) -> tuple[QLineEdit, QLineEdit, QLineEdit]:
        """The form's (name, phone, email) boxes."""
        raise NotImplementedError

    def _name_edited(self, text: str) -> None:
        if self.contact is not None and self.finder is not None:
            if text.strip() != self.contact.full_name:
                self.finder.say(
                    f"No longer linked to {self.contact.full_name}: the name was changed. "
                    f"Find them again to link {self.link_noun}."
                )
                self.contact = None

    def _new_contact_details(self, typed: str) -> Contact:
        name, phone, email = self._linked_boxes()
        return guess_contact(typed, name.text(), phone.text(), email.text())

    @property
    def contact_id(self) -> int | None:
        contact = self.contact
        if contact is None or self._linked_boxes()[0].text().strip() != contact.full_name:
            return None
        return contact.id


def fill_from_contact(
    contact: Contact, boxes: Sequence[tuple[QLineEdit, str]], filled: dict[QLineEdit, str]
) -> None:
    """Put the contact's details into the boxes that are empty (or still hold what an earlier
    pick put there); anything the person typed themselves is kept. ``filled`` remembers what
    was put where."""
    for box, value in boxes:
        current = box.text().strip()
        if value and (not current or current == filled.get(box)):
            box.setText(value)
            filled[box] = value


def guess_contact(typed: str, name: str = "", phone: str = "", email: str = "") -> Contact:
    """A new contact filled in from the form and from what was typed in "Find contact": a phone
    number there goes to the phone (before the form's), a postcode to the postcode, words to the
    name when the form has none."""
    text = typed.strip()
    postcode = ""
    if text:
        digits = sum(ch.isdigit() for ch in text)
        try:
            as_postcode = check_postcode(text)
        except ValidationError:
            as_postcode = ""
        if as_postcode:
            postcode = as_postcode
        elif digits >= 6:
            phone = text  # just typed to find them: more likely theirs than the form's
        elif not digits and not name.strip():
            name = text
    return Contact(None, name.strip(), phone=phone.strip(), email=email.strip(), postcode=postcode)


def phone_digits(text: str) -> str:
    """The digits of a UK phone number, "+44" written as the leading 0 (to compare numbers)."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return "0" + digits[2:] if text.strip().startswith("+44") else digits
