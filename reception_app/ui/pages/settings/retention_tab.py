"""The Retention tab: the council's schedule, one period per kind of record (DOMAIN.md 9),
how long backups keep personal data, and running the purge now (off the GUI thread)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import OfficeProfile
from reception_app.domain.retention import (
    MAX_YEARS,
    Period,
    RecordKind,
    Schedule,
    Unit,
)
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import Confirm, Tab, chain, hint, make_button
from reception_app.ui.workers import start_job


def plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class RetentionTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None], ask: Confirm) -> None:
        super().__init__(state, after_save)
        self._ask = ask
        self._job: Any = None
        self.errors = FieldErrors()
        grid = self._build_grid()
        self.backups = hint("")
        self.last_run = plain_label("")
        self.save_button = make_button("S&ave schedule", self._save)
        self.undo_button = make_button("U&ndo changes", self._undo)
        self.count_button = make_button("&Count what would go", lambda: self._run(dry_run=True))
        self.run_button = make_button("&Remove it now", lambda: self._run(dry_run=False))
        buttons = self.button_row(
            self.save_button, self.undo_button, self.count_button, self.run_button
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "The council's retention schedule, approved by its legal team. Once a day, when "
                "the first desk starts, every record past its period loses its personal details "
                "(names, contact links, phone numbers, e-mail and postal addresses, notes, "
                "message bodies, letter files); the anonymous figures the reports use stay. "
                "Nothing under an open clock, an open complaint or a legal hold is touched. "
                "Incidents are left for a manager: they go when a manager presses Remove it now."
            )
        )
        layout.addWidget(self.errors.general)
        layout.addLayout(grid)
        layout.addWidget(self.backups)
        layout.addWidget(self.last_run)
        layout.addLayout(buttons)
        layout.addStretch(1)
        fields: list[QWidget] = [w for k in RecordKind for w in (self.amounts[k], self.units[k])]
        self.editing = fields
        self.change_buttons = [self.save_button, self.undo_button, self.run_button]
        self.watch(*fields)
        chain(*fields, self.save_button, self.undo_button, self.count_button, self.run_button)

    def _build_grid(self) -> QGridLayout:
        """One row per kind: the period (a number and a unit), what it counts from, what stays."""
        grid = QGridLayout()
        titles = ((0, 1, "Kind of record"), (1, 2, "Personal details removed after"))
        for column, span, title in (*titles, (3, 1, "Counted from"), (4, 1, "Kept")):
            grid.addWidget(QLabel(f"<b>{title}</b>"), 0, column, 1, span)
        self.amounts: dict[RecordKind, QSpinBox] = {}
        self.units: dict[RecordKind, QComboBox] = {}
        for row, kind in enumerate(RecordKind, start=1):
            amount, unit = QSpinBox(), QComboBox()
            amount.setRange(1, MAX_YEARS * 366)
            amount.setAccessibleName(f"{kind.label}: how many")
            amount.setMaximumWidth(110)
            unit.addItems([u.value for u in Unit])
            unit.setAccessibleName(f"{kind.label}: days, months or years")
            name = plain_label(kind.label)
            name.setWordWrap(False)
            grid.addWidget(name, row, 0)
            grid.addWidget(amount, row, 1)
            grid.addWidget(unit, row, 2)
            grid.addWidget(plain_label(kind.counted_from), row, 3)
            grid.addWidget(plain_label(kind.kept), row, 4)
            self.amounts[kind], self.units[kind] = amount, unit
        grid.setColumnStretch(4, 1)
        return grid

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.count_button.setVisible(editable)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        if self.dirty:
            return
        retention = self.state.services.retention()
        schedule = retention.schedule()
        self._loading = True
        try:
            for kind in RecordKind:
                period = schedule.period(kind)
                self.amounts[kind].setValue(period.amount)
                self.units[kind].setCurrentText(period.unit.value)
        finally:
            self._loading = False
        self.backups.setText(retention.backup_note())
        last = retention.last_run()
        self.last_run.setText("Not run yet." if last is None else f"Last run: {last:%A %d %B %Y}.")

    def schedule(self) -> Schedule:
        """What the boxes say (ValidationError for a period out of range)."""
        return Schedule(
            {
                kind: Period(self.amounts[kind].value(), Unit(self.units[kind].currentText()))
                for kind in RecordKind
            }
        )

    def _save(self) -> None:
        retention = self.state.services.retention()
        actor = self.state.actor
        if actor is None:
            return
        self.save(
            self.errors,
            self.status,
            lambda: retention.save_schedule(actor, self.schedule()),
            "Retention schedule saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()

    def _run(self, *, dry_run: bool) -> None:
        actor = self.state.actor
        if actor is None or self._job is not None:
            return
        if not dry_run and not self._ask(
            self,
            "Remove personal details now",
            "Remove the personal details of every record past its period, incidents included? "
            "This cannot be undone (backups keep them until they rotate out).",
        ):
            return
        retention = self.state.services.retention()
        self.status.setText("Counting..." if dry_run else "Removing personal details...")
        self._job = start_job(
            lambda _progress: retention.run(actor, dry_run=dry_run),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, result: Any) -> None:
        self._job = None
        parts = ", ".join(f"{key}: {count}" for key, count in result.counts.items() if count)
        verb = "Would remove" if result.dry_run else "Removed"
        self.status.setText(
            f"{verb} personal details from {result.total} records"
            + (f" ({parts})." if parts else ".")
        )
        if not result.dry_run:
            self._after_save()

    def _failed(self, error: BaseException) -> None:
        self._job = None
        if isinstance(error, ReceptionError):
            self.errors.show(error)
            self.status.clear()
        else:
            raise error
