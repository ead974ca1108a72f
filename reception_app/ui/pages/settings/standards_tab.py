"""The Standards tab: the office's service standards (deadline clocks), read-only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHeaderView, QVBoxLayout

from reception_app.domain.offices import OfficeProfile
from reception_app.domain.standards import CHANNELS
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.settings.tab import Tab, fill, hint, make_table, read_only


class StandardsTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.table = read_only(
            make_table(["Channel", "Acknowledge", "Respond", "Final reply"], "Service standards")
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.note = hint("")
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        profile = profile or self.state.services.office.profile()
        self.note.setText(
            f"The service standards of {profile.name}, from the councils' published customer "
            "charters. Reception counts every deadline from them; they change only when the "
            "council publishes a new charter. Blank means the charter sets no such clock."
        )
        rows: list[tuple[Any, Sequence[str]]] = []
        for channel, label in CHANNELS.items():
            standard = profile.standards.get(channel)
            clocks = [
                rule.describe() if rule is not None else ""
                for rule in (
                    (standard.acknowledge, standard.respond, standard.final)
                    if standard is not None
                    else (None, None, None)
                )
            ]
            rows.append((channel, [label, *clocks]))
        fill(self.table, rows)
