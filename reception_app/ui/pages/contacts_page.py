"""Contacts: find a customer by name, phone, postcode or email as you type; add and edit them."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.changes import Topic
from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.contact_dialog import ContactDialog
from reception_app.ui.dialogs.letter_dialog import LetterDialog
from reception_app.ui.live import Reading, Show, keep_view
from reception_app.ui.models.contact_table_model import ContactTableModel
from reception_app.ui.pages.contacts_reading import SEARCH_LIMIT, ContactsFound, read_contacts
from reception_app.ui.pages.page import Page
from reception_app.ui.panels.contact_details_panel import ContactDetailsPanel
from reception_app.ui.panels.person_data_actions import PersonDataActions
from reception_app.ui.shortcuts import bind

SEARCH_DELAY_MS = 250
"""Pause in typing before searching: long enough not to search on every key, short enough to feel
instant."""


class ContactsPage(Page):
    title = "Contacts"
    topics = frozenset({Topic.CONTACTS})

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self._held: tuple[int, bool] | None = None
        """The chosen contact's legal hold as a live read found it, while its rows go in."""
        top = self._build_search_row()
        self._build_table()
        results_label = QLabel("&Results:")
        results_label.setBuddy(self.table)
        self.result_note = QLabel()
        self.result_note.setProperty("role", "hint")
        self.result_note.setWordWrap(True)
        self.contact_details = ContactDetailsPanel()
        self.details, self.needs = self.contact_details.details, self.contact_details.needs
        self.person_data = PersonDataActions(state, self.selected_contact, self._erased)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Contacts"))
        layout.addLayout(top)
        layout.addWidget(results_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.result_note)
        layout.addWidget(self.card(self.contact_details))
        layout.addWidget(self.person_data)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self._connect()
        self._add_shortcuts()

    # --- building -------------------------------------------------------------------------------

    def _build_search_row(self) -> QHBoxLayout:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Name, phone, postcode or email")
        self.search.setClearButtonEnabled(True)
        search_label = QLabel("Find a &contact (Ctrl+F):")
        search_label.setBuddy(self.search)
        self.search.setAccessibleName("Find a contact")
        self.add_button = QPushButton("&Add a contact (Ctrl+N)")
        self.edit_button = QPushButton("&Edit (Enter)")
        self.edit_button.setEnabled(False)
        self.letter_button = QPushButton("Write a le&tter... (Ctrl+Shift+W)")
        self.letter_button.setEnabled(False)
        self.batch_button = QPushButton("Print letters &due today...")
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.letter_button, self.batch_button):
            top.addWidget(button)
        return top

    def _build_table(self) -> None:
        self.model = ContactTableModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Contacts found")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ContactTableModel.NEEDS, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ContactTableModel.EMAIL, QHeaderView.ResizeMode.Stretch)

    def _connect(self) -> None:
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._go_to_results)
        self.add_button.clicked.connect(self.add_contact)
        self.edit_button.clicked.connect(self.edit_selected)
        self.letter_button.clicked.connect(self.write_letter)
        self.batch_button.clicked.connect(self.print_letters_due)
        # Enter on a row, or a double-click (the platform's "open item" gesture), edits it.
        self.table.activated.connect(self.edit_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)

    def _add_shortcuts(self) -> None:
        bind(self, "write_letter", self.write_letter, "Letter to the chosen contact")
        bind(self, "new", self.add_contact, "Add a contact")
        bind(self, "find", self._focus_search, "Find a contact")
        bind(self.search, "to_results", self._go_to_results, widget_only=True)
        order = (self.search, self.add_button, self.edit_button, self.letter_button)
        for first, second in zip(order, (*order[1:], self.batch_button), strict=True):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.batch_button, self.table)

    # --- searching ------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.run_search()

    def live_reading(self, topics: frozenset[Topic]) -> tuple[Reading, Show] | None:
        """The search in force, again, off the GUI thread (with the chosen contact's hold)."""
        services, text, chosen = self.state.services, self.search.text(), self._selected_id()
        manager = self.state.is_manager

        def read() -> ContactsFound:
            return read_contacts(services, text, chosen, manager)

        def show(found: ContactsFound) -> None:
            if found.text != self.search.text():
                return  # typed on meanwhile: the search timer reads the new text
            with keep_view(self.table):
                self._show_found(found, self._selected_id())

        return read, show

    def run_search(self, select_id: int | None = None) -> None:
        """Search now (the timer calls this after a pause in typing); keep the chosen contact
        selected if it is still found."""
        self._timer.stop()
        keep = select_id if select_id is not None else self._selected_id()
        self._show_found(read_contacts(self.state.services, self.search.text()), keep)

    def _show_found(self, result: ContactsFound, keep: int | None) -> None:
        found, text = result.found, result.text
        self._held = result.held
        try:
            self._show_rows(found, text, result.problem, keep)
        finally:
            self._held = None

    def _show_rows(self, found: list[Contact], text: str, problem: str, keep: int | None) -> None:
        self.model.set_contacts(found)
        if problem:
            self.result_note.setText(problem)
            return
        if not found:
            self.result_note.setText(
                f"No contact matches '{text.strip()}'. Check the spelling, or add them (Ctrl+N)."
                if text.strip()
                else "No contacts yet. Add one with Ctrl+N."
            )
        elif len(found) >= SEARCH_LIMIT:
            self.result_note.setText(
                f"Showing the first {SEARCH_LIMIT}: type more of the name, phone or postcode."
            )
        else:
            self.result_note.setText(
                f"{len(found)} contact{'s' if len(found) != 1 else ''}"
                + (" found." if text.strip() else ", in name order.")
            )
        row = None if keep is None else self.model.row_of(keep)
        if row is not None:
            self._select_row(row)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _go_to_results(self) -> None:
        if self._timer.isActive():
            self.run_search()
        if self.model.rowCount() == 0:
            return
        if self._selected_id() is None:
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _select_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def selected_contact(self) -> Contact | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        contact = rows[0].data(ContactTableModel.ContactRole)
        return contact if isinstance(contact, Contact) else None

    def _selected_id(self) -> int | None:
        contact = self.selected_contact()
        return contact.id if contact is not None else None

    def _selection_changed(self) -> None:
        contact = self.selected_contact()
        self.edit_button.setEnabled(contact is not None)
        self.letter_button.setEnabled(contact is not None)
        self.contact_details.show_contact(contact)
        read = self._held  # a live read found the hold already: not read again here
        held = (
            read[1] if read is not None and contact is not None and read[0] == contact.id else None
        )
        self.person_data.update_for(contact, held)

    # --- adding and editing ---------------------------------------------------------------------

    def add_contact(self) -> None:
        dialog = self.contact_dialog(None)
        if dialog.exec() and dialog.contact is not None:
            saved = dialog.contact
            self.search.blockSignals(True)
            self.search.setText(saved.full_name)
            self.search.blockSignals(False)
            self._saved(saved)

    def edit_selected(self) -> None:
        contact = self.selected_contact()
        if contact is None:
            return
        dialog = self.contact_dialog(contact)
        if dialog.exec() and dialog.contact is not None:
            self.model.update_contact(dialog.contact)
            self._saved(dialog.contact)

    def letter_dialog(self, contact: Contact) -> LetterDialog:
        """Write a letter to ``contact`` in their preferred format, signed by the person here."""
        from reception_app.domain.letters import spec_for_customer
        from reception_app.services.letter_service import LetterSource

        preferred = spec_for_customer(
            contact.needs.preferred_format.value, contact.needs.large_print_size
        )
        return LetterDialog(
            self.state.services.letters(),
            LetterSource("contact", contact.id or 0),
            preferred,
            self.state.actor,
            self.state.paths.data_dir / "braille",
            contact.full_name,
            parent=self,
        )

    def write_letter(self) -> None:
        contact = self.selected_contact()
        if contact is None or contact.id is None:
            return
        try:
            dialog = self.letter_dialog(contact)
        except ReceptionError as exc:
            self.result_note.setText(str(exc))
            return
        dialog.exec()
        if dialog.sent:
            self.state.data_changed.emit()

    def print_letters_due(self) -> None:
        """Every letter due today as one print job (off the UI thread, with Cancel)."""
        from reception_app.ui.letter_batch import print_batch

        try:
            letters = self.state.services.letters()
            requests = letters.due_today()
        except ReceptionError as exc:
            self.result_note.setText(str(exc))
            return
        print_batch(
            self, letters, requests, self.state.actor, self.state.paths.data_dir / "braille"
        )

    def contact_dialog(self, contact: Contact | None) -> ContactDialog:
        """The dialog for ``contact`` (None adds one), saving as the signed-in person."""

        def save(value: Contact) -> Contact:
            return self.state.services.contacts().save(value, self.state.actor)

        channels = self.state.services.notifications().channels()
        return ContactDialog(save, contact, parent=self, notify_channels=channels)

    def _erased(self) -> None:
        self.run_search()
        self.state.data_changed.emit()

    def _saved(self, contact: Contact) -> None:
        self.run_search(select_id=contact.id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.state.data_changed.emit()
