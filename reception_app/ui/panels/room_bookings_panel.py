"""The Rooms page's "Bookings" tab: the day's room bookings, one row each, in time order."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem, QWidget

from reception_app.ui.panels.read_only_table import ReadOnlyTable
from reception_app.ui.panels.room_board_panel import booking_status

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from reception_app.services.room_service import RoomBooking

BOOKING_HEADERS = ("Time", "Room", "For", "People", "Status")


class RoomBookingsPanel(ReadOnlyTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            BOOKING_HEADERS, "Room bookings of the day", 2, single_selection=True, parent=parent
        )

    def show_bookings(self, bookings: Sequence[RoomBooking], zone: ZoneInfo) -> None:
        """Replace the rows (without telling anyone the selection changed)."""
        self.blockSignals(True)
        self.setRowCount(len(bookings))
        for row, booking in enumerate(bookings):
            start, end = booking.start.astimezone(zone), booking.end.astimezone(zone)
            cells = (
                f"{start:%H:%M}-{end:%H:%M}",
                booking.room_name,
                booking.purpose,
                str(booking.people),
                booking_status(booking),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, booking.id)
                self.setItem(row, column, item)
        self.blockSignals(False)

    def chosen_id(self) -> int | None:
        """The booking of the chosen row (None when no row is chosen)."""
        row = self.currentRow()
        if row >= 0 and self.selectionModel().isRowSelected(row):
            item = self.item(row, 0)
            value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            if isinstance(value, int):
                return value
        return None

    def select_booking(self, booking_id: int) -> bool:
        """Choose its row quietly; False when it is not listed."""
        for row in range(self.rowCount()):
            item = self.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == booking_id:
                self.blockSignals(True)
                self.selectRow(row)
                self.blockSignals(False)
                return True
        return False
