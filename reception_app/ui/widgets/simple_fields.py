"""Small builders: a named combo box of (data, text) choices, and a label tied to its field."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
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
    set_buddy(label, widget)
    return label


def set_buddy(label: QLabel, widget: QWidget) -> None:
    """Tie ``label``'s mnemonic to ``widget``. A row of fields (a date with its time, a box
    with a button) cannot take the focus itself: its first field gets it instead, or Alt+D on
    "&Date and time:" would do nothing."""
    label.setBuddy(widget)
    if widget.focusProxy() is None and not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
        first = next(
            (
                child
                for child in widget.findChildren(QWidget)
                if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.focusProxy() is None
            ),
            None,
        )
        if first is not None:
            widget.setFocusProxy(first)
