"""A field for a letter placeholder the record leaves empty, with an example of what to type."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from reception_app.domain.letters import PLACEHOLDERS


def placeholder_example(name: str) -> str:
    """'e.g. Tuesday 22 December 2026' for a date, a time or a phone number; else nothing."""
    if name.endswith("_date") or name == "statutory_deadline":
        return "e.g. Tuesday 22 December 2026"
    if name.endswith("_time"):
        return "e.g. 10:30"
    if name.endswith("_phone"):
        return "e.g. 01603 301751"
    return ""


def placeholder_label(name: str) -> str:
    """'Appointment date:' for the placeholder ``appointment_date`` (its words in the letter)."""
    label = PLACEHOLDERS.get(name, name)
    return f"{label[0].upper()}{label[1:]}:"


def placeholder_field(text: str, name: str) -> QLineEdit:
    """A box holding ``text`` for placeholder ``name``, showing an example while empty."""
    edit = QLineEdit(text)
    edit.setPlaceholderText(placeholder_example(name))
    return edit
