"""Small builders: a named combo box of (data, text) choices, and a label tied to its field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QLabel, QWidget


def named_combo(name: str, items: Sequence[tuple[object, str]]) -> QComboBox:
    """A combo box of ``items`` (item data, text shown) with ``name`` for screen readers."""
    box = QComboBox()
    for key, text in items:
        box.addItem(text, key)
    box.setAccessibleName(name)
    return box


def buddy_label(text: str, widget: QWidget) -> QLabel:
    """A label whose mnemonic (``&``) moves to ``widget``."""
    label = QLabel(text)
    label.setBuddy(widget)
    return label
