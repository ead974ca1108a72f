"""Add or edit a contact: details checked as they are typed, and the person's specific needs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import WHERE_TO_SET_UP, Channel
from reception_app.domain.people import LARGE_PRINT_SIZES, Contact, ContactNeeds, PreferredFormat
from reception_app.domain.validation import check_email, check_phone, check_postcode
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.forms import FieldErrors
from reception_app.ui.widgets.text_box import TextBox

SaveContact = Callable[[Contact], Contact]
"""Contact (id None for a new one) -> the contact as saved (ContactService.save bound to the actor)."""

RECOMMENDED_LARGE_PRINT = 18
"""RNIB's recommended size, chosen for the person when Large print is picked without a size."""


class ContactDialog(QDialog):
    """The caller passes ``save``; a rule broken shows its message next to the field and the
    dialog stays open with everything typed. After ``exec()`` succeeds, ``contact`` is the saved
    contact."""

    def __init__(
        self,
        save: SaveContact,
        contact: Contact | None = None,
        parent: QWidget | None = None,
        notify_channels: frozenset[Channel] = frozenset(),
    ) -> None:
        """``notify_channels``: what the office set up for keeping people informed (none:
        the dialog says where to set it up instead of offering it)."""
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle(f"Edit {contact.full_name}" if contact else "Add a contact")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save = save
        self._original = contact
        self.contact: Contact | None = None
        self._build_fields(contact)
        self._notify_channels = notify_channels
        self.notify_by = self._notify_choice(contact, notify_channels)
        self.errors = FieldErrors()
        details = self._build_details()
        needs_box = self._build_needs()
        notes_form = QFormLayout()
        notes_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(notes_form, "No&tes:", "notes", self.notes)
        self._build_buttons()

        columns = QHBoxLayout()
        columns.addWidget(details, 3)
        columns.addWidget(needs_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.errors.general)
        layout.addLayout(columns)
        layout.addLayout(notes_form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 140)

        for field, (line_edit, _label, _check) in self._inline.items():
            line_edit.editingFinished.connect(lambda f=field: self.check_field(f))
        self.preferred_format.currentIndexChanged.connect(self._format_chosen)
        self._chain()
        self.full_name.setFocus()

    def _build_fields(self, contact: Contact | None) -> None:
        """Every field, filled from ``contact`` (empty for a new one)."""
        needs = contact.needs if contact else ContactNeeds()
        self.full_name = QLineEdit(contact.full_name if contact else "")
        self.phone = QLineEdit(contact.phone if contact else "")
        self.phone.setPlaceholderText("e.g. 01603 301751")
        self.email = QLineEdit(contact.email if contact else "")
        self.email.setPlaceholderText("e.g. name@example.co.uk")
        self.address = QPlainTextEdit("\n".join(contact.address) if contact else "")
        self.address.setTabChangesFocus(True)
        self.address.setPlaceholderText("One line per line of the address")
        self.address.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 14)
        self.postcode = QLineEdit(contact.postcode if contact else "")
        self.postcode.setPlaceholderText("e.g. NR6 5QB")
        self._build_format_fields(needs)
        self.braille = self._check("&Braille", needs.braille)
        self.hearing_loop = self._check("&Hearing loop", needs.hearing_loop)
        self.interpreter_language = QLineEdit(needs.interpreter_language)
        self.interpreter_language.setPlaceholderText("e.g. Polish; empty if not needed")
        self.bsl = self._check("British Si&gn Language (BSL) interpreter", needs.bsl)
        self.wheelchair_access = self._check("&Wheelchair access", needs.wheelchair_access)
        self.private_room = self._check("Private &room for conversations", needs.private_room)
        self.notes = TextBox(3)
        self.notes.setPlainText(contact.notes if contact else "")

    def _build_format_fields(self, needs: ContactNeeds) -> None:
        """The format letters go out in, and the large print size (RNIB's 18 point marked)."""
        self.preferred_format = QComboBox()
        for fmt in PreferredFormat:
            self.preferred_format.addItem(fmt.label, fmt.value)
        self.preferred_format.setCurrentIndex(
            self.preferred_format.findData(needs.preferred_format.value)
        )
        self.large_print_size = QComboBox()
        self.large_print_size.addItem("Not needed", None)
        for size in LARGE_PRINT_SIZES:
            recommended = " (recommended)" if size == RECOMMENDED_LARGE_PRINT else ""
            self.large_print_size.addItem(f"{size} point{recommended}", size)
        self.large_print_size.setCurrentIndex(
            max(0, self.large_print_size.findData(needs.large_print_size))
            if needs.large_print_size
            else 0
        )

    def _build_details(self) -> QGroupBox:
        """Name, phone, email, address and postcode; phone, email and postcode are checked as
        they are left (``_inline``: field -> its edit, its error line and its check)."""
        details = QGroupBox("Contact details")
        details_form = self._form(details)
        self.errors.add_row(details_form, "Full &name:", "full_name", self.full_name)
        self._inline = {
            "phone": (
                self.phone,
                self.errors.add_row(details_form, "&Phone:", "phone", self.phone),
                check_phone,
            ),
            "email": (
                self.email,
                self.errors.add_row(details_form, "&Email:", "email", self.email),
                check_email,
            ),
        }
        if self._notify_channels:
            self.errors.add_row(details_form, "Keep in&formed by:", "notify_by", self.notify_by)
        else:
            not_set_up = QLabel(WHERE_TO_SET_UP)
            not_set_up.setWordWrap(True)
            not_set_up.setProperty("role", "hint")
            details_form.addRow("Texts and e-mails:", not_set_up)
        self.errors.add_row(details_form, "A&ddress:", "address", self.address)
        self._inline["postcode"] = (
            self.postcode,
            self.errors.add_row(details_form, "Post&code:", "postcode", self.postcode),
            check_postcode,
        )
        return details

    def _build_needs(self) -> QGroupBox:
        needs_box = QGroupBox("Specific needs")
        needs_form = self._form(needs_box)
        self.errors.add_row(
            needs_form, "Letters in &format:", "preferred_format", self.preferred_format
        )
        self.errors.add_row(
            needs_form, "&Large print size:", "large_print_size", self.large_print_size
        )
        self.errors.add_row(
            needs_form, "&Interpreter language:", "interpreter_language", self.interpreter_language
        )
        for check in (
            self.braille,
            self.hearing_loop,
            self.bsl,
            self.wheelchair_access,
            self.private_room,
        ):
            needs_form.addRow(check)
        return needs_box

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Save")
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def _chain(self) -> None:
        order: list[QWidget] = [
            self.full_name,
            self.phone,
            self.email,
            *([self.notify_by] if self._notify_channels else []),
            self.address,
            self.postcode,
            self.preferred_format,
            self.large_print_size,
            self.interpreter_language,
            self.braille,
            self.hearing_loop,
            self.bsl,
            self.wheelchair_access,
            self.private_room,
            self.notes,
            self.buttons,
        ]
        for first, second in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(first, second)

    @staticmethod
    def _notify_choice(contact: Contact | None, channels: frozenset[Channel]) -> QComboBox:
        """Their consent and channel: only what the office set up, and what they chose before."""
        current = contact.notify_by if contact else Channel.NONE
        combo = QComboBox()
        for channel in Channel:
            if channel is Channel.NONE or channel in channels or channel is current:
                combo.addItem(channel.label, channel.value)
        combo.setCurrentIndex(max(0, combo.findData(current.value)))
        combo.setToolTip(
            "Only with their agreement: texts go to the phone number above (a UK mobile)."
        )
        return combo

    @staticmethod
    def _check(text: str, checked: bool) -> QCheckBox:
        box = QCheckBox(text)
        box.setChecked(checked)
        box.setAccessibleName(text.replace("&", ""))
        return box

    @staticmethod
    def _form(box: QGroupBox) -> QFormLayout:
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    # --- checking as typed ----------------------------------------------------------------------

    def check_field(self, field: str) -> bool:
        """Check one of phone, email, postcode as the person leaves it; tidy it when it is right
        (``nr65qb`` becomes ``NR6 5QB``), else explain next to it without taking the focus back."""
        line_edit, label, check = self._inline[field]
        try:
            cleaned = check(line_edit.text())
        except ValidationError as exc:
            label.setText(str(exc))
            label.show()
            FieldErrors.mark(line_edit, True)
            self._fit_height()
            return False
        label.clear()
        label.hide()
        FieldErrors.mark(line_edit, False)
        if cleaned != line_edit.text():
            line_edit.setText(cleaned)
        return True

    def _fit_height(self) -> None:
        """Grow the dialog when an error line appears, so no message is cut off."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed < 0:
            needed = layout.totalSizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def _format_chosen(self) -> None:
        fmt = PreferredFormat(self.preferred_format.currentData())
        if fmt is PreferredFormat.LARGE_PRINT and self.large_print_size.currentData() is None:
            self.large_print_size.setCurrentIndex(
                self.large_print_size.findData(RECOMMENDED_LARGE_PRINT)
            )
        if fmt is PreferredFormat.BRAILLE:
            self.braille.setChecked(True)

    # --- saving -----------------------------------------------------------------------------------

    def value(self) -> Contact:
        original = self._original
        return Contact(
            id=original.id if original else None,
            full_name=self.full_name.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            address=tuple(self.address.toPlainText().splitlines()),
            postcode=self.postcode.text(),
            needs=ContactNeeds(
                preferred_format=PreferredFormat(self.preferred_format.currentData()),
                large_print_size=self.large_print_size.currentData(),
                braille=self.braille.isChecked(),
                hearing_loop=self.hearing_loop.isChecked(),
                interpreter_language=self.interpreter_language.text(),
                bsl=self.bsl.isChecked(),
                wheelchair_access=self.wheelchair_access.isChecked(),
                private_room=self.private_room.isChecked(),
            ),
            notes=self.notes.toPlainText(),
            notify_by=Channel(self.notify_by.currentData()),
        )

    def submit(self) -> None:
        self.errors.clear()
        bad = [field for field in self._inline if not self.check_field(field)]
        if bad:
            self._inline[bad[0]][0].setFocus()
            return

        def run() -> None:
            self.contact = self._save(self.value())

        if self.errors.attempt(run):
            self.accept()
