"""One clock of a service standard being edited: its kind (or none) and its amount."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QSpinBox

from reception_app.domain.standards import ClockKind, ClockRule

KIND_LABELS: dict[ClockKind, str] = {
    ClockKind.WORKING_DAYS: "Working days",
    ClockKind.STATUTORY_WORKING_DAYS: "Statutory working days (FOI/EIR)",
    ClockKind.HOURS_MON_FRI: "Hours, Monday to Friday",
    ClockKind.CALENDAR_MONTHS: "Calendar months",
    ClockKind.AGREED: "Agreed with the customer",
}
"""The kinds of clock, in the words shown in the dialog."""

NO_CLOCK = "None (no such clock)"


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
