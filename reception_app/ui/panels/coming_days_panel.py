"""The Appointments page's "Coming days" tab: the next working days and the days off between.

Working days with their hours, days off with the reason; a click shows that day.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractScrollArea, QTableWidgetItem, QWidget

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.office_days import ComingDay, coming_days
from reception_app.domain.offices import OfficeProfile
from reception_app.ui.panels.read_only_table import ReadOnlyTable
from reception_app.ui.theme import scaled_font


def day_range_text(row: ComingDay, today: date) -> str:
    """'Tue 24 Nov (today)', or 'Sat 28 – Sun 29 Nov' for a run of days; the year is given
    only when it is not this year."""

    def one(d: date) -> str:
        return f"{d:%a} {d.day} {d:%b}" + (f" {d:%Y}" if d.year != today.year else "")

    if row.first == row.last:
        text = one(row.first)
        if row.first == today:
            text += " (today)"
        elif row.first == today + timedelta(days=1):
            text += " (tomorrow)"
        return text
    return f"{one(row.first)} – {one(row.last)}"


class ComingDaysPanel(ReadOnlyTable):
    day_chosen = Signal(object)
    """A row was clicked or activated: the first date of that row."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            ["Day", "Opening hours"], "Days appointments can be offered", None, parent=parent
        )
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.cellActivated.connect(self._row_chosen)
        self.cellClicked.connect(self._row_chosen)

    def show_days(self, calendar: OfficeCalendar, profile: OfficeProfile, today: date) -> None:
        rows = coming_days(calendar, profile, today)
        self.setRowCount(len(rows))
        bold = scaled_font(self.font(), 1.0, bold=True)
        for index, row in enumerate(rows):
            day_item = QTableWidgetItem(day_range_text(row, today))
            day_item.setData(Qt.ItemDataRole.UserRole, row.first)
            if row.working:
                day_item.setFont(bold)
            self.setItem(index, 0, day_item)
            self.setItem(index, 1, QTableWidgetItem(row.text))

    def day_lines(self) -> list[str]:
        """The rows as 'day: hours' lines (what a screen reader or a test reads)."""
        return [f"{day}: {hours}" for day, hours in self.rows_text()]

    def _row_chosen(self, row: int, _column: int = 0) -> None:
        item = self.item(row, 0)
        day = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if isinstance(day, date):
            self.day_chosen.emit(day)
