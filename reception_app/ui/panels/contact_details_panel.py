"""The chosen contact on the Contacts page: how to reach them, and what they need."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from reception_app.domain.people import Contact


def describe_contact(contact: Contact) -> tuple[str, str]:
    """(how to reach them, what they need) as plain lines for the details card."""
    address = ", ".join((*contact.address, contact.postcode)).strip(", ")
    reach = [
        contact.full_name,
        f"Address: {address or 'not recorded'}",
        f"Phone: {contact.phone or 'not recorded'}",
        f"Email: {contact.email or 'not recorded'}",
    ]
    needs = contact.needs.labels()
    meet = [
        f"Letters: {contact.needs.preferred_format.label}",
        f"Needs: {', '.join(needs) if needs else 'none recorded'}",
    ]
    if contact.notes.strip():
        meet.append(f"Notes: {contact.notes.strip()}")
    return "\n".join(reach), "\n".join(meet)


class ContactDetailsPanel(QWidget):
    """Two columns side by side, ``details`` and ``needs``, tall enough for a whole contact."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Drawn as the plain QWidget it replaces (style sheets give QWidget a background).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.details = self._details_label("Details of the chosen contact")
        self.needs = self._details_label("Needs of the chosen contact")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.details, 1)
        row.addWidget(self.needs, 1)

    def _details_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a name with <font size=40> stays text
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        label.setAccessibleName(name)
        # Room for a whole contact, so choosing one does not make the table jump.
        label.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        return label

    def show_contact(self, contact: Contact | None) -> None:
        if contact is None:
            self.details.setText("Choose a contact to see their details here.")
            self.needs.clear()
        else:
            reach, meet = describe_contact(contact)
            self.details.setText(reach)
            self.needs.setText(meet)
