"""Check a field when the person leaves it, and again as they correct it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit

from reception_app.domain.errors import ValidationError
from reception_app.ui.widgets.live_field_errors import LiveFieldErrors


class LiveCheck:
    """Check a field when the person leaves it (and again as they correct it), so a wrong
    phone number or email is explained next to the field before anything is saved."""

    def __init__(
        self,
        errors: LiveFieldErrors,
        field: str,
        box: QLineEdit,
        check: Callable[[str, str], str],
    ) -> None:
        self._errors, self._field, self._box, self._check = errors, field, box, check
        box.editingFinished.connect(self.on_leave)
        box.textEdited.connect(self.on_edit)

    def on_leave(self) -> None:
        try:
            cleaned = self._check(self._box.text(), self._field)
        except ValidationError as exc:
            self._errors.show_quietly(self._field, str(exc))
            return
        self._errors.hide_one(self._field)
        if cleaned and cleaned != self._box.text():
            self._box.setText(cleaned)

    def on_edit(self) -> None:
        if not self._errors.message_for(self._field):
            return
        try:
            self._check(self._box.text(), self._field)
        except ValidationError as exc:
            self._errors.show_quietly(self._field, str(exc))
        else:
            self._errors.hide_one(self._field)
