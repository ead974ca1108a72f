"""The Desk rules tab: the numbers that set how every desk of the office behaves."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QSpinBox, QVBoxLayout

from reception_app.domain.offices import OfficeProfile
from reception_app.domain.settings import SETTINGS
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import Tab, chain, hint, make_button


def _with_mnemonic(text: str, used: set[str]) -> str:
    """Put & before the first letter that starts a word and is not taken yet (nor F, V, H, which
    the main window's menus use)."""
    words = text.split(" ")
    for index, word in enumerate(words):
        letter = word[:1].lower()
        if letter.isalpha() and letter not in used:
            used.add(letter)
            words[index] = "&" + word
            return " ".join(words)
    for position, char in enumerate(text):
        if char.isalpha() and char.lower() not in used:
            used.add(char.lower())
            return text[:position] + "&" + text[position:]
    return text


class DeskRulesTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.errors = FieldErrors()
        form = QFormLayout()
        self.spins: dict[str, QSpinBox] = {}
        used = {"f", "v", "h", "a", "n"}  # menus; S&ave and U&ndo below
        for key, spec in SETTINGS.items():
            spin = QSpinBox()
            spin.setRange(spec.minimum, spec.maximum)
            spin.setSuffix(f" {spec.unit}")
            spin.setAccelerated(True)
            spin.setToolTip(
                f"From {spec.minimum} to {spec.maximum} {spec.unit}; usually {spec.default}."
            )
            label = spec.label + ("" if spec.per_office else " (every office)") + ":"
            self.errors.add_row(form, _with_mnemonic(label, used), key, spin)
            self.spins[key] = spin
        self.save_button = make_button("S&ave desk rules", self._save)
        self.undo_button = make_button("U&ndo changes", self._undo)
        buttons = self.button_row(self.save_button, self.undo_button)
        row = QHBoxLayout()
        row.addLayout(form, 1)
        row.addStretch(2)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "How every desk of this office behaves. Hover over a box to see its limits; "
                "the usual value is the council's default."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(row)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.editing = list(self.spins.values())
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*self.spins.values())
        chain(*self.spins.values(), self.save_button, self.undo_button)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        if self.dirty:
            return
        office = self.state.services.office
        self._loading = True
        try:
            for key, spin in self.spins.items():
                spin.setValue(office.setting(key))
        finally:
            self._loading = False

    def _save(self) -> None:
        office = self.state.services.office

        def save_changed() -> None:
            changed = {
                key: spin.value()
                for key, spin in self.spins.items()
                if spin.value() != office.setting(key)
            }
            if changed:
                office.put_settings(changed, self.state.actor)

        self.save(self.errors, self.status, save_changed, "Desk rules saved")

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()
