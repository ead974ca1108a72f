"""Choose a colleague or a team by typing part of the name."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter

from reception_app.domain.people import StaffMember

TEAM_PREFIX = "team:"


def recipient_combo(
    staff: Sequence[StaffMember], teams: Sequence[str], name: str, exclude_id: int | None = None
) -> QComboBox:
    """An editable list of active colleagues and teams; typing any part of a name narrows it."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItem("", None)
    for member in staff:
        if member.active and member.id != exclude_id:
            team = f" ({member.team})" if member.team else ""
            combo.addItem(f"{member.full_name}{team}", member.id)
    for team_name in teams:
        combo.addItem(f"{team_name} team (whoever picks it up)", f"{TEAM_PREFIX}{team_name}")
    # An editable combo box always has a completer and a line edit (Qt makes them).
    completer = combo.completer()
    assert completer is not None
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setAccessibleName(name)
    line = combo.lineEdit()
    assert line is not None
    line.setPlaceholderText("Type part of a name or team")
    line.setAccessibleName(name)
    return combo


def chosen_recipient(combo: QComboBox) -> tuple[int | None, str] | None:
    """(staff id, '') or (None, team) for the text in the box; None if it matches nobody."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
    if index <= 0:
        return None
    value = combo.itemData(index)
    if isinstance(value, str) and value.startswith(TEAM_PREFIX):
        return None, value[len(TEAM_PREFIX) :]
    return (int(value), "") if value is not None else None
