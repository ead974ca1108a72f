"""A repeat room booking: every date is listed with its clash before anything is saved, and
"skip conflicting dates" books the free ones only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
)

from reception_app.domain.appointments import Repeat
from reception_app.domain.errors import ReceptionError
from reception_app.ui.dialogs.room_booking_dialog import FREE_TIMES_SHOWN, RoomBookingDialog

if TYPE_CHECKING:
    from reception_app.services.room_service import PlannedOccurrence

SERIES_CANDIDATES = 8
"""Free times of the first clashing date tried over the whole series."""

REPEATS = (
    ("Every week", Repeat.WEEKLY),
    ("Every fortnight", Repeat.FORTNIGHTLY),
    ("Every day", Repeat.DAILY),
)


class RoomRepeatDialog(RoomBookingDialog):
    window_title = "Book a room again and again"
    book_text = "&Book the dates"

    def date_label(self) -> str:
        return "&First date and time:"

    def extend(self) -> None:
        self.plan: list[PlannedOccurrence] = []
        self._planned_for: tuple[object, ...] | None = None
        self.repeat = QComboBox()
        for label, value in REPEATS:
            self.repeat.addItem(label, value.value)
        self.occurrences = QSpinBox()
        self.occurrences.setRange(1, 104)
        self.occurrences.setValue(6)
        self.occurrences.setSuffix(" times")
        self.errors.add_row(self.form, "Repe&at:", "repeat", self.repeat)
        self.errors.add_row(self.form, "How &many:", "occurrences", self.occurrences)
        self.check_button = QPushButton("&Check the dates")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check_dates)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Date and time", "Can it be booked?"])
        self.table.setAccessibleName("Dates of the repeat booking")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Eight dates in view at least; more scroll (sixteen left no room at large text).
        self.table.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.summary = QLabel("Check the dates to see which can be booked before booking.")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Dates summary")
        self.skip = QCheckBox("&Skip conflicting dates (book only the free ones)")
        self.skip.setChecked(True)
        self.body.addWidget(self.check_button)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.alternatives)  # times with fewer clashes, under the summary
        self.body.addWidget(self.skip)
        self._set_bookable(False)
        for signal in (
            self.room.currentIndexChanged,
            self.day.dateChanged,
            self.at.timeChanged,
            self.minutes.valueChanged,
            self.people.valueChanged,
            self.repeat.currentIndexChanged,
            self.occurrences.valueChanged,
            self.hearing_loop.toggled,
            self.wheelchair_access.toggled,
            self.needs_screen.toggled,
        ):
            signal.connect(self._inputs_changed)
        self.skip.toggled.connect(lambda _on: self._update_book_button())
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("M") * 60)

    def _key(self) -> tuple[object, ...]:
        return (
            self.room_id(),
            self.start(),
            self.minutes.value(),
            self.repeat.currentData(),
            self.occurrences.value(),
            self.needs(),
        )

    def _inputs_changed(self, *_: object) -> None:
        if self._planned_for is not None and self._planned_for != self._key():
            self.summary.setText("The choices changed: check the dates again before booking.")
            self._set_bookable(False)
            self.clear_free_times()

    def check_dates(self) -> None:
        """List every date with its clash (nothing is saved)."""
        self.errors.clear()
        room_id = self.room_id()
        if room_id is None:
            self.errors.show("This office has no interview rooms; add one in Settings.", "room")
            return
        try:
            self.plan = self._state.services.rooms().plan_repeat(
                room_id,
                self.start(),
                self.minutes.value(),
                Repeat(str(self.repeat.currentData())),
                self.occurrences.value(),
                self.needs(),
            )
        except ReceptionError as exc:
            self.errors.show(exc)
            self.plan = []
            self.table.setRowCount(0)
            self._set_bookable(False)
            return
        self._planned_for = self._key()
        self.table.setRowCount(len(self.plan))
        for row, occurrence in enumerate(self.plan):
            start = occurrence.start.astimezone(self._zone)
            end = occurrence.end.astimezone(self._zone)
            when = QTableWidgetItem(
                f"{start:%a} {start.day} {start:%b %Y} {start:%H:%M}-{end:%H:%M}"
            )
            verdict = QTableWidgetItem("Free" if occurrence.free else f"Clash: {occurrence.clash}")
            verdict.setToolTip(verdict.text())
            if not occurrence.free:
                font = verdict.font()
                font.setBold(True)
                verdict.setFont(font)
            self.table.setItem(row, 0, when)
            self.table.setItem(row, 1, verdict)
        self._update_book_button()
        clashes = [p for p in self.plan if not p.free]
        if clashes:
            self.offer_free_times(
                self._series_times(room_id, clashes[0]),
                "Other times (choose one to check the dates again):",
            )
        else:
            self.clear_free_times()

    def _series_times(self, room_id: int, clash: PlannedOccurrence) -> list[tuple[datetime, str]]:
        """Start times near the one asked for, free on the first date that clashes, each
        checked over the whole series: those with the fewest clashes, in time order."""
        rooms = self._state.services.rooms()
        first = self.start()
        minutes, needs = self.minutes.value(), self.needs()
        repeat, count = Repeat(str(self.repeat.currentData())), self.occurrences.value()
        try:
            candidates = rooms.free_times(room_id, clash.start, minutes, SERIES_CANDIDATES, needs)
        except ReceptionError:
            return []
        asked = first.hour * 60 + first.minute
        ranked: list[tuple[int, int, datetime, int, int]] = []
        for candidate in candidates:
            local = candidate.astimezone(self._zone)
            start = datetime.combine(first.date(), local.time(), self._zone)
            if start == first:
                continue
            try:
                plan = rooms.plan_repeat(room_id, start, minutes, repeat, count, needs)
            except ReceptionError:
                continue
            free = sum(1 for p in plan if p.free)
            if free:
                distance = abs(local.hour * 60 + local.minute - asked)
                ranked.append((len(plan) - free, distance, start, free, len(plan)))
        chosen = sorted(sorted(ranked)[:FREE_TIMES_SHOWN], key=lambda r: r[2])
        length = timedelta(minutes=minutes)
        return [
            (
                start,
                f"{start:%H:%M}-{start + length:%H:%M} "
                + (f"(all {n} free)" if free == n else f"({free} of {n} free)"),
            )
            for _clashes, _distance, start, free, n in chosen
        ]

    def use_free_time(self, start: datetime) -> None:
        """A time chosen from the offer: the dates are checked again at once."""
        super().use_free_time(start)
        self.check_dates()
        if self.book_button.isEnabled():
            self.book_button.setFocus()

    def _set_bookable(self, on: bool) -> None:
        """Book only once the dates are checked; until then Enter checks them."""
        self.book_button.setEnabled(on)
        self.book_button.setDefault(on)
        self.check_button.setDefault(not on)

    def _update_book_button(self) -> None:
        free = sum(1 for p in self.plan if p.free)
        clashes = len(self.plan) - free
        if not self.plan:
            return
        if clashes == 0:
            self.summary.setText(f"All {len(self.plan)} dates are free.")
            self.book_button.setText(f"&Book all {len(self.plan)} dates")
            self._set_bookable(True)
        elif self.skip.isChecked():
            self.summary.setText(
                f"{clashes} of the {len(self.plan)} dates clash and will be skipped; "
                f"{free} will be booked."
            )
            self.book_button.setText(f"&Book {free} free dates")
            self._set_bookable(free > 0)
        else:
            self.summary.setText(
                f"{clashes} of the {len(self.plan)} dates clash. Tick 'Skip conflicting dates' "
                "or change the time."
            )
            self.book_button.setText("&Book the dates")
            self._set_bookable(False)

    def table_rows(self) -> list[tuple[str, str]]:
        return [
            (_cell(self.table, r, 0), _cell(self.table, r, 1)) for r in range(self.table.rowCount())
        ]

    def book(self) -> None:
        room_id = self.room_id()
        if room_id is None or self._planned_for != self._key():
            self.summary.setText("Check the dates first.")
            return

        def run() -> None:
            self.bookings = self._state.services.rooms().book_repeat(
                self._state.actor,
                room_id,
                self.start(),
                self.minutes.value(),
                Repeat(str(self.repeat.currentData())),
                self.occurrences.value(),
                self.purpose.text(),
                skip_conflicts=self.skip.isChecked(),
                needs=self.needs(),
            )

        if self.errors.attempt(run):
            self.accept()


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""
