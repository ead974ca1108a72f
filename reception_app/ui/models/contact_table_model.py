"""Qt table model over a list of Contact values: the results of a contact search."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from reception_app.domain.people import Contact

_Index = QModelIndex | QPersistentModelIndex


class ContactTableModel(QAbstractTableModel):
    """Rows are Contacts (the list stays the source of truth); ``ContactRole`` gives the row's
    Contact back, so it works unchanged through a sort or filter proxy."""

    NAME, PHONE, POSTCODE, NEEDS, EMAIL = range(5)
    HEADERS = ("Name", "Phone", "Postcode", "Needs", "Email")
    ContactRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, contacts: Sequence[Contact] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._contacts: list[Contact] = list(contacts)

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._contacts)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._contacts):
            return None
        contact = self._contacts[index.row()]
        column = index.column()
        if role == self.ContactRole:
            return contact
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(contact, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.NAME and (contact.address or contact.postcode):
                return "\n".join((*contact.address, contact.postcode)).strip()
            if column == self.NEEDS:
                return "\n".join(contact.needs.labels()) or None
            return None
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def contact_at(self, row: int) -> Contact:
        return self._contacts[row]

    def row_of(self, contact_id: int) -> int | None:
        """The row showing the contact with ``contact_id``, or None if it is not listed."""
        return next((r for r, c in enumerate(self._contacts) if c.id == contact_id), None)

    # --- changing -----------------------------------------------------------------------------

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        """Replace every row (a new search)."""
        self.beginResetModel()
        self._contacts = list(contacts)
        self.endResetModel()

    def update_contact(self, contact: Contact) -> bool:
        """Show the saved version of a listed contact in place; False if it is not listed."""
        row = None if contact.id is None else self.row_of(contact.id)
        if row is None:
            return False
        self._contacts[row] = contact
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
