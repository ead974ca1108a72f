"""Qt table model over a list of Contact values: the results of a contact search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reception_app.domain.people import Contact
from reception_app.ui.models.row_table_model import RowTableModel


class ContactTableModel(RowTableModel[Contact]):
    """Rows are Contacts (the list stays the source of truth); ``ContactRole`` gives the row's
    Contact back, so it works unchanged through a sort or filter proxy."""

    NAME, PHONE, POSTCODE, NEEDS, EMAIL = range(5)
    HEADERS = ("Name", "Phone", "Postcode", "Needs", "Email")
    ContactRole = RowTableModel.RowRole

    def __init__(self, contacts: Sequence[Contact] = (), parent: Any = None) -> None:
        super().__init__(contacts, parent)

    def _tooltip(self, contact: Contact, column: int) -> str | None:
        if column == self.NAME and (contact.address or contact.postcode):
            return "\n".join((*contact.address, contact.postcode)).strip()
        if column == self.NEEDS:
            return "\n".join(contact.needs.labels()) or None
        return None

    def contact_at(self, row: int) -> Contact:
        return self._rows[row]

    def row_of(self, contact_id: int) -> int | None:
        """The row showing the contact with ``contact_id``, or None if it is not listed."""
        return next((r for r, c in enumerate(self._rows) if c.id == contact_id), None)

    # --- changing -----------------------------------------------------------------------------

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        """Replace every row (a new search)."""
        self.set_rows(contacts)

    def update_contact(self, contact: Contact) -> bool:
        """Show the saved version of a listed contact in place; False if it is not listed."""
        row = None if contact.id is None else self.row_of(contact.id)
        if row is None:
            return False
        self._rows[row] = contact
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))
        return True

    def _text(self, contact: Contact, column: int) -> str:
        if column == self.NAME:
            return contact.full_name
        if column == self.PHONE:
            return contact.phone
        if column == self.EMAIL:
            return contact.email
        if column == self.POSTCODE:
            return contact.postcode
        if column == self.NEEDS:
            return ", ".join(contact.needs.labels())
        return ""
