"""The dialog that changes one channel's service standard: its acknowledge, respond and final clocks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.standards import CHANNELS, ChannelStandard
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.clock_editor import ClockEditor
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.form_parts import growing_form, save_cancel

CLOCK_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("acknowledge", "Acknowledge", "&Acknowledge:", "A&mount:"),
    ("respond", "Respond", "&Respond:", "Amou&nt:"),
    ("final", "Final reply", "Final re&ply:", "Amoun&t:"),
)
"""Each clock: its field name, its name in the preview, and the labels of its kind and amount.

Mnemonics avoid Alt+F, Alt+V and Alt+H (the menu bar) and Alt+S (Save)."""


class StandardDialog(QDialog):
    """Choose each clock of one channel; Save hands the standard to ``save`` (errors stay here)."""

    def __init__(
        self,
        save: Callable[[ChannelStandard], None],
        standard: ChannelStandard,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self._save = save
        self.channel = standard.channel
        self.saved: ChannelStandard | None = None
        label = CHANNELS.get(standard.channel, standard.channel)
        self.setWindowTitle(f"Service standard: {label}")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)

        intro = QLabel(
            f"{label}: how long the office has to acknowledge, respond and give a final reply. "
            "Choose None where the standard sets no such clock; at least one clock is needed."
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")

        self.errors = FieldErrors()
        self.form = growing_form()
        self.clocks: dict[str, ClockEditor] = {}
        for name, title, kind_label, amount_label in CLOCK_ROWS:
            self._add_clock(
                ClockEditor(name, title, getattr(standard, name)), kind_label, amount_label
            )

        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Preview")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons, _save_button = save_cancel(self, "&Save", self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.errors.general)
        layout.addLayout(self.form)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().height() * 40)  # grows with the text size
        self._update_preview()
        self.clocks["acknowledge"].kind.setFocus()

    def _add_clock(self, editor: ClockEditor, kind_label: str, amount_label: str) -> None:
        """One row: the clock's kind, then its amount with its own label."""
        self.clocks[editor.name] = editor
        amount_buddy = QLabel(amount_label)
        amount_buddy.setBuddy(editor.amount)
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(editor.kind, 1)
        line.addWidget(amount_buddy)
        line.addWidget(editor.amount)
        self.errors.add_row(self.form, kind_label, editor.name, row)
        # The label names the kind: Alt+letter goes to the combo, as does focus after an error.
        row.setFocusProxy(editor.kind)
        item = self.form.itemAt(self.form.rowCount() - 1, QFormLayout.ItemRole.LabelRole)
        label_widget = item.widget() if item is not None else None
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(editor.kind)
        editor.kind.setAccessibleName(editor.title)
        editor.kind.currentIndexChanged.connect(lambda _index: self._update_preview())
        editor.amount.valueChanged.connect(lambda _value: self._update_preview())

    def _update_preview(self) -> None:
        parts = []
        for editor in self.clocks.values():
            rule = editor.rule()
            parts.append(f"{editor.title}: {rule.describe() if rule is not None else 'none'}")
        self.preview.setText("Deadlines: " + "; ".join(parts) + ".")

    def value(self) -> ChannelStandard:
        rules = {name: editor.rule() for name, editor in self.clocks.items()}
        return ChannelStandard(self.channel, **rules)

    def submit(self) -> None:
        def run() -> None:
            standard = self.value()
            self._save(standard)
            self.saved = standard

        if self.errors.attempt(run):
            self.accept()
