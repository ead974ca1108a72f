"""Error lines under form fields, so bad input is explained next to the field it is about."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.ui.widgets.fit_window import fit_window
from reception_app.ui.widgets.simple_fields import set_buddy


class FieldErrors:
    """Error labels under form fields, keyed by the ``field`` names services use."""

    def __init__(self) -> None:
        self._labels: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self.general = QLabel()
        self.general.setProperty("role", "error")
        self.general.setWordWrap(True)
        self.general.setTextFormat(Qt.TextFormat.PlainText)  # messages quote what was typed
        self.general.hide()

    def add_row(self, form: QFormLayout, label_text: str, field: str, widget: QWidget) -> QLabel:
        """Add ``label_text`` (with & mnemonic) as the buddy label of ``widget`` plus an error line."""
        label = QLabel(label_text)
        set_buddy(label, widget)
        widget.setAccessibleName(label_text.replace("&", ""))
        error = QLabel()
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.hide()
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        form.addRow(label, box)
        self._labels[field] = error
        self._inputs[field] = widget
        return error

    def clear(self) -> None:
        for field, label in self._labels.items():
            label.hide()
            label.clear()
            self.mark(self._inputs[field], False)
        self.general.hide()

    def attempt(self, action: Callable[[], object]) -> bool:
        """Clear old messages and run ``action``; a ReceptionError is shown in place (next to
        its field when it names one) and gives False, so nothing else happens."""
        self.clear()
        try:
            action()
        except ReceptionError as exc:
            self.show(exc)
            return False
        return True

    def show(self, error: ReceptionError | str, field: str | None = None) -> None:
        """Show the message next to its field (or at the top when the field is unknown)."""
        message = str(error)
        field = field or (error.field if isinstance(error, ValidationError) else None)
        label = self._labels.get(field or "")
        if label is None:
            self.general.setText(message)
            self.general.show()
            fit_window(self.general)
            return
        label.setText(message)
        label.show()
        widget = self._inputs[field or ""]
        self.mark(widget, True)
        widget.setFocus()
        fit_window(widget)

    def message_for(self, field: str) -> str:
        label = self._labels.get(field)
        return label.text() if label is not None and not label.isHidden() else ""

    @staticmethod
    def mark(widget: QWidget, invalid: bool) -> None:
        """Outline a field as wrong (style sheets key on the 'invalid' property)."""
        widget.setProperty("invalid", "true" if invalid else "false")
        widget.style().unpolish(widget)
        widget.style().polish(widget)
