"""Field errors for forms checked as they are typed.

One field's message is shown or hidden without moving the focus.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.fit_window import fit_window


class LiveFieldErrors(FieldErrors):
    """FieldErrors that can show or hide one field's message without moving the focus."""

    @staticmethod
    def mark(widget: QWidget, invalid: bool) -> None:
        """As FieldErrors.mark, and the layout is told: the thicker "wrong" outline of the
        high-contrast style needs a taller box, or the text in it is clipped."""
        FieldErrors.mark(widget, invalid)
        widget.updateGeometry()

    def show_quietly(self, field: str, message: str) -> None:
        label = self._labels.get(field)
        if label is None:
            return
        label.setText(message)
        label.show()
        self.mark(self._inputs[field], True)
        fit_window(label)

    def hide_one(self, field: str) -> None:
        label = self._labels.get(field)
        if label is None:
            return
        label.hide()
        label.clear()
        self.mark(self._inputs[field], False)
