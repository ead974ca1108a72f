"""Find a stored contact as you type and pick one, or add a new one from what was typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact
from reception_app.ui.widgets.contact_lookup import ContactLookup
from reception_app.ui.widgets.fit_window import fit_window

CONTACT_SEARCH_DELAY_MS = 250
CONTACT_SEARCH_LIMIT = 8
"""Enough to pick from while typing; more means the receptionist should type more."""


class ContactFinder(QWidget):
    """Find a stored contact as you type (name, phone or postcode) and pick one: Enter picks the
    first match, Down goes into the list, Escape closes it. "New contact..." adds one, filled in
    from ``prefill()``. ``picked`` carries the Contact chosen or added.

    Enter in the box never saves the dialog: the person is choosing a contact, not finished."""

    picked = Signal(object)

    def __init__(
        self,
        lookup: ContactLookup,
        prefill: Callable[[str], Contact],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._lookup, self._prefill = lookup, prefill
        self.line = QLineEdit()
        self.line.setPlaceholderText("Name, phone or postcode (optional)")
        self.line.setClearButtonEnabled(True)
        self.line.setAccessibleName("Find contact")
        self.new_button = QPushButton("Ne&w contact...")
        self.new_button.setAutoDefault(False)
        self.new_button.setToolTip("Add the caller to the contacts, filled in from what is typed")
        self.matches = QListWidget()
        self.matches.setAccessibleName("Contacts found")
        self.matches.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.matches.hide()
        self.note = QLabel()
        self.note.setProperty("role", "hint")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.hide()

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.new_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addLayout(row)
        column.addWidget(self.matches)
        column.addWidget(self.note)
        self.setFocusProxy(self.line)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CONTACT_SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.search)
        self.line.textEdited.connect(lambda _text: self._timer.start())
        self.line.installEventFilter(self)
        self.matches.installEventFilter(self)
        self.matches.itemClicked.connect(self.pick)
        self.new_button.clicked.connect(self.new_contact)

    # --- keys -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        key = event.key()
        plain = not event.modifiers() & Qt.KeyboardModifier.ControlModifier
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain
        if watched is self.line:
            if enter:
                self.pick_first()
                return True
            if key == Qt.Key.Key_Down and self._list_ready():
                self.matches.setFocus(Qt.FocusReason.OtherFocusReason)
                self.matches.setCurrentRow(0)
                return True
            if key == Qt.Key.Key_Escape and not self.matches.isHidden():
                self._close_list()
                return True
        elif watched is self.matches:
            if enter:
                item = self.matches.currentItem()
                if item is not None:
                    self.pick(item)
                return True
            if key == Qt.Key.Key_Escape:
                self._close_list()
                self.line.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    def _list_ready(self) -> bool:
        if self._timer.isActive():
            self.search()
        return self.matches.count() > 0 and not self.matches.isHidden()

    # --- searching and picking ------------------------------------------------------------------

    def search(self) -> None:
        self._timer.stop()
        text = self.line.text().strip()
        self.matches.clear()
        if not text:
            self.matches.hide()
            return
        try:
            found = self._lookup.search(text, CONTACT_SEARCH_LIMIT)
        except ReceptionError as exc:
            self.say(f"The contacts could not be searched: {exc}", error=True)
            return
        for contact in found:
            parts = [contact.full_name, contact.phone, contact.postcode]
            item = QListWidgetItem(" · ".join(p for p in parts if p))
            item.setData(Qt.ItemDataRole.UserRole, contact)
            self.matches.addItem(item)
        self.matches.setVisible(bool(found))
        if found:
            self.note.hide()
        else:
            self.say(f"No contact matches '{text}'. Carry on without one, or add a new contact.")
        fit_window(self)

    def pick_first(self) -> None:
        if self._timer.isActive() or (self.line.text().strip() and not self.matches.count()):
            self.search()
        if self.matches.count():
            self.pick(self.matches.item(0))

    def pick(self, item: QListWidgetItem) -> None:
        contact = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(contact, Contact):
            self._close_list()
            self.picked.emit(contact)

    def _close_list(self) -> None:
        if not self.matches.isHidden():
            self.matches.hide()
            fit_window(self, shrink=True)

    def new_contact(self) -> None:
        from reception_app.ui.dialogs.contact_dialog import ContactDialog

        dialog = ContactDialog(self._lookup.save, self._prefill(self.line.text()), parent=self)
        dialog.setWindowTitle("Add a contact")
        saved = dialog.contact if dialog.exec() else None
        dialog.deleteLater()
        if saved is not None:
            self._close_list()
            self.picked.emit(saved)

    def say(self, text: str, error: bool = False) -> None:
        self.note.setText(text)
        self.note.setProperty("role", "error" if error else "hint")
        self.note.style().unpolish(self.note)
        self.note.style().polish(self.note)
        self.note.show()
        fit_window(self)
