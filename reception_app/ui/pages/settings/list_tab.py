"""ListTab: a table of one kind of office item (desks, rooms, services) edited in a dialog."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from reception_app.domain.offices import OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.settings.tab import (
    Tab,
    chain,
    fill,
    hint,
    make_button,
    make_table,
    selected,
)


class ListTab(Tab):
    """A table of one kind of office item with Add and Edit, each opening a dialog."""

    def __init__(
        self,
        state: DeskState,
        after_save: Callable[[], None],
        *,
        intro: str,
        headers: Sequence[str],
        noun: str,
        rows: Callable[[OfficeProfile], list[tuple[Any, Sequence[str]]]],
        dialog: Callable[[OfficeProfile, Any, QWidget], QDialog],
        stretch: int = -1,
    ) -> None:
        super().__init__(state, after_save)
        self._rows = rows
        self._dialog = dialog
        self._noun = noun
        self.table = make_table(headers, f"{noun.capitalize()}s", stretch)
        self.table.activated.connect(lambda _index: self.edit())
        self.add_button = make_button(
            f"&Add {'an' if noun[0] in 'aeiou' else 'a'} {noun}...", self.add
        )
        self.edit_button = make_button(f"&Edit the chosen {noun}...", self.edit)
        buttons = self.button_row(self.add_button, self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(intro))
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.change_buttons = [self.add_button, self.edit_button]
        chain(self.table, self.add_button, self.edit_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        fill(self.table, self._rows(profile or self.state.services.office.profile()))

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        item = selected(self.table)
        if item is None:
            self.status.setText(f"Choose a {self._noun} in the list first.")
            return
        self._open(item)

    def _open(self, item: Any) -> None:
        if not self.state.is_manager:
            return
        self.status.clear()
        dialog = self._dialog(self.state.services.office.profile(), item, self)
        if dialog.exec():
            saved = getattr(dialog, "saved", None)
            name = getattr(saved, "name", self._noun)
            self.status.setText(f"{name} saved at {self.state.now().astimezone():%H:%M}.")
            self._after_save()
        dialog.deleteLater()
