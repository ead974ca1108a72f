"""The booking dialog's contact search: type a name, phone or postcode, pick from what is found."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact
from reception_app.ui.forms import FieldErrors

if TYPE_CHECKING:
    from reception_app.ui.desk_state import DeskState

SEARCH_DELAY_MS = 250
SEARCH_LIMIT = 8


class AppointmentContactSearch(QWidget):
    """The search line, the contacts found under it and a note ('Linked to contact ...').

    Searches a moment after typing stops; Enter picks the first match."""

    picked = Signal(object)
    """A contact found was chosen (clicked, activated or Enter on the search line)."""

    def __init__(self, state: DeskState, errors: FieldErrors) -> None:
        super().__init__()
        self._state = state
        self._errors = errors
        self.line = QLineEdit()
        self.line.setPlaceholderText("Name, phone or postcode")
        self.line.setClearButtonEnabled(True)
        self.line.setAccessibleName("Find contact")
        self.matches = QListWidget()
        self.matches.setAccessibleName("Contacts found")
        self.matches.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.matches.hide()
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.note.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.line)
        column.addWidget(self.matches)
        column.addWidget(self.note)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.line.textChanged.connect(lambda _text: self._timer.start())
        self.line.returnPressed.connect(self._pick_first)
        self.matches.itemActivated.connect(self._pick)
        self.matches.itemClicked.connect(self._pick)

    def search(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        self.matches.clear()
        if not text:
            self.matches.hide()
            return
        try:
            found = self._state.services.contacts().search(text, limit=SEARCH_LIMIT)
        except ReceptionError as exc:
            self._errors.show(exc, "contact_search")
            return
        for contact in found:
            parts = [contact.full_name, contact.phone, contact.postcode]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, contact)
            self.matches.addItem(item)
        if found:
            self.matches.show()
        else:
            self.matches.hide()
            self.say(f"No contact matches '{text}'. Type the customer's name instead.")

    def say(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()

    def _pick_first(self) -> None:
        if self._timer.isActive():
            self.search()
        if self.matches.count():
            self._pick(self.matches.item(0))

    def _pick(self, item: QListWidgetItem) -> None:
        contact = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(contact, Contact):
            self.picked.emit(contact)
