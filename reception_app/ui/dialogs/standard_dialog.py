"""The dialog that changes one channel's service standard: its acknowledge, respond and final clocks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.standards import CHANNELS, ChannelStandard, ClockKind, ClockRule
from reception_app.ui.widgets.field_errors import FieldErrors
from reception_app.ui.widgets.form_parts import growing_form, save_cancel

KIND_LABELS: dict[ClockKind, str] = {
    ClockKind.WORKING_DAYS: "Working days",
    ClockKind.STATUTORY_WORKING_DAYS: "Statutory working days (FOI/EIR)",
    ClockKind.HOURS_MON_FRI: "Hours, Monday to Friday",
    ClockKind.CALENDAR_MONTHS: "Calendar months",
    ClockKind.AGREED: "Agreed with the customer",
}
"""The kinds of clock, in the words shown in the dialog."""

NO_CLOCK = "None (no such clock)"

CLOCK_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("acknowledge", "Acknowledge", "&Acknowledge:", "A&mount:"),
    ("respond", "Respond", "&Respond:", "Amou&nt:"),
    ("final", "Final reply", "Final re&ply:", "Amoun&t:"),
)
"""Each clock: its field name, its name in the preview, and the labels of its kind and amount.

Mnemonics avoid Alt+F, Alt+V and Alt+H (the menu bar) and Alt+S (Save)."""


class ClockEditor:
    """One clock: a kind (or none) and an amount, with labels tied to both inputs."""

    def __init__(self, name: str, title: str, rule: ClockRule | None) -> None:
        self.name = name
        self.title = title
        self.kind = QComboBox()
        self.kind.addItem(NO_CLOCK, None)
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind.value)
        self.amount = QSpinBox()
        self.amount.setRange(1, 999)
        self.amount.setAccessibleName(f"{title} amount")
        if rule is not None:
            self.kind.setCurrentIndex(self.kind.findData(rule.kind.value))
            self.amount.setValue(rule.amount if rule.amount > 0 else 1)
        self._update_amount()
        self.kind.currentIndexChanged.connect(lambda _index: self._update_amount())

    def chosen_kind(self) -> ClockKind | None:
        data = self.kind.currentData()
        return ClockKind(data) if data is not None else None

    def _update_amount(self) -> None:
        kind = self.chosen_kind()
        self.amount.setEnabled(kind is not None and kind is not ClockKind.AGREED)

    def rule(self) -> ClockRule | None:
        kind = self.chosen_kind()
        if kind is None:
            return None
        if kind is ClockKind.AGREED:
            return ClockRule(kind)
        return ClockRule(kind, self.amount.value())


class StandardDialog(QDialog):
    """Choose each clock of one channel; Save hands the standard to ``save`` (errors stay here)."""

    def __init__(
        self,
        save: Callable[[ChannelStandard], None],
        standard: ChannelStandard,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
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
