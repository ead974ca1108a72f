"""The Standards tab: each channel's service standard (deadline clocks), changed by a manager."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHeaderView, QVBoxLayout

from reception_app.domain.offices import OfficeProfile
from reception_app.domain.standards import CHANNELS, ChannelStandard
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.standard_dialog import StandardDialog
from reception_app.ui.pages.settings.tab import (
    Tab,
    chain,
    fill,
    hint,
    make_button,
    make_table,
    selected,
)


class StandardsTab(Tab):
    """A row per channel with its three clocks; Edit (Enter, double-click) opens StandardDialog."""

    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.table = make_table(
            ["Channel", "Acknowledge", "Respond", "Final reply"], "Service standards"
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        # Rows as tall as their wrapped text, re-measured whenever the columns change width.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.activated.connect(lambda _index: self.edit())
        self.note = hint("")
        self.edit_button = make_button("&Edit the chosen standard...", self.edit)
        buttons = self.button_row(self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.change_buttons = [self.edit_button]
        chain(self.table, self.edit_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        profile = profile or self.state.services.office.profile()
        self.note.setText(
            f"The service standards of {profile.name}: how long the office has to acknowledge, "
            "respond to and give a final reply to each kind of contact. They come from the "
            "councils' published standards (for complaints, the council's own complaints "
            "procedure), and Reception counts every deadline from them. A manager can change "
            "them here: choose a channel and press Edit. Blank means there is no such clock."
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

    def edit(self) -> None:
        """Open the chosen channel's standard in the dialog (managers only)."""
        if not self.state.is_manager:
            return
        channel = selected(self.table)
        if channel is None:
            self.status.setText("Choose a channel in the list first.")
            return
        self.status.clear()
        office = self.state.services.office
        standard = office.profile().standards.get(channel) or ChannelStandard(channel)
        dialog = StandardDialog(lambda s: office.set_standard(s, self.state.actor), standard, self)
        if dialog.exec():
            self.status.setText(
                f"The standard for {CHANNELS[channel]} was saved at {self.state.now().astimezone():%H:%M}."
            )
            self._after_save()
        dialog.deleteLater()
