"""Choose one of the office's active colleagues."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

from reception_app.domain.people import StaffMember


def staff_combo(staff: Sequence[StaffMember], name: str, first: str = "") -> QComboBox:
    """The active colleagues by name (item data: their id), after ``first`` (data None) if given."""
    combo = QComboBox()
    if first:
        combo.addItem(first, None)
    for member in staff:
        if member.active:
            combo.addItem(member.full_name, member.id)
    combo.setAccessibleName(name)
    return combo
