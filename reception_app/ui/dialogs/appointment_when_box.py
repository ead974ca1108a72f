"""The booking dialog's "When" box: date, time and length, and the free times to choose from.

The free times found for what is chosen, and those offered instead of a refused time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, tzinfo

from PySide6.QtCore import QDate, Qt, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.appointments import FreeSlot, PartOfDay
from reception_app.ui.forms import FieldErrors

PARTS_OF_DAY = (
    ("Any time", PartOfDay.ANY),
    ("Mornings", PartOfDay.MORNING),
    ("Afternoons", PartOfDay.AFTERNOON),
)
SLOTS_NOTE = "Choose one to fill in the date and time."
NO_SLOTS = "No free time found in the next four months for these choices."


def slot_text(slot: FreeSlot, zone: tzinfo) -> str:
    """'Wed 25 Nov 09:30-09:50, Priya Shah, Interview Room'."""
    start, end = slot.start.astimezone(zone), slot.end.astimezone(zone)
    room = f", {slot.room}" if slot.room else ""
    return f"{start:%a} {start.day} {start:%b} {start:%H:%M}-{end:%H:%M}, {slot.officer}{room}"


def local_datetime(day: date, at: time, zone: tzinfo) -> datetime:
    """An aware office-local datetime (a clock time that does not exist in spring moves on)."""
    return datetime.combine(day, at, zone)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _buddy(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class AppointmentWhenBox(QGroupBox):
    slot_chosen = Signal(object)
    """A free time in the list was clicked or activated: the FreeSlot."""

    def __init__(self, errors: FieldErrors) -> None:
        super().__init__("When")
        self.minutes_touched = False
        """The length was changed by hand (or comes from the appointment moved): a change of
        service no longer puts in the service's usual length."""
        column = QVBoxLayout(self)
        column.addLayout(self._build_when(errors))
        self.alternatives_label = QLabel("Free instead (choose one, then Book):")
        self.alternatives_label.setWordWrap(True)
        self.alternatives_box = QWidget()
        self.alternatives_box.setAccessibleName("Nearest free times")
        self._alternatives_layout = QVBoxLayout(self.alternatives_box)
        self._alternatives_layout.setContentsMargins(0, 0, 0, 0)
        self.alternatives_label.hide()
        self.alternatives_box.hide()
        column.addWidget(self.alternatives_label)
        column.addWidget(self.alternatives_box)
        column.addWidget(self._build_search(), 1)
        self.minutes.valueChanged.connect(self._minutes_changed)
        self.slots.itemClicked.connect(self._slot_item)
        self.slots.itemActivated.connect(self._slot_item)

    def _build_when(self, errors: FieldErrors) -> QFormLayout:
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self.day.setAccessibleName("Date")
        self.at = QTimeEdit()
        self.at.setDisplayFormat("HH:mm")
        self.at.setAccessibleName("Time")
        self.minutes = QSpinBox()
        self.minutes.setRange(5, 480)
        self.minutes.setSingleStep(5)
        self.minutes.setSuffix(" minutes")
        when_row = QWidget()
        row = QHBoxLayout(when_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day, 1)
        row.addWidget(self.at)
        when = QFormLayout()
        errors.add_row(when, "&Date and time:", "start", when_row)
        when_row.setAccessibleName("Date and time")
        errors.add_row(when, "&Length:", "minutes", self.minutes)
        return when

    def _build_search(self) -> QGroupBox:
        """The next free times for what is chosen, mornings or afternoons, from a day on."""
        self.part_of_day = QComboBox()
        self.part_of_day.setAccessibleName("Part of the day")
        for label, value in PARTS_OF_DAY:
            self.part_of_day.addItem(label, value.value)
        self.search_from = QDateEdit()
        self.search_from.setCalendarPopup(True)
        self.search_from.setDisplayFormat("ddd d MMM yyyy")
        self.search_from.setAccessibleName("Search from")
        self.find_button = QPushButton("Find free &times")
        self.find_button.setAutoDefault(False)
        self.slots = QListWidget()
        self.slots.setAccessibleName("Free times")
        self.slots.setMinimumHeight(self.fontMetrics().lineSpacing() * 7)
        self.slots_note = QLabel(SLOTS_NOTE)
        self.slots_note.setProperty("role", "hint")
        self.slots_note.setWordWrap(True)
        search = QFormLayout()
        search.addRow(_buddy("Part of da&y:", self.part_of_day), self.part_of_day)
        search.addRow(_buddy("Fro&m:", self.search_from), self.search_from)
        search_box = QGroupBox("Free times")
        search_column = QVBoxLayout(search_box)
        search_column.addLayout(search)
        search_column.addWidget(self.find_button)
        search_column.addWidget(self.slots, 1)
        search_column.addWidget(self.slots_note)
        return search_box

    # --- the time asked for -------------------------------------------------------------------

    def start(self, zone: tzinfo) -> datetime:
        d, t = self.day.date(), self.at.time()
        return local_datetime(date(d.year(), d.month(), d.day()), time(t.hour(), t.minute()), zone)

    def set_day(self, day: date) -> None:
        """The date asked for, and the day the free-time search starts from."""
        self.day.setDate(_qdate(day))
        self.search_from.setDate(_qdate(day))

    def set_time(self, at: time) -> None:
        self.at.setTime(QTime(at.hour, at.minute))

    def set_minutes(self, minutes: int, *, by_hand: bool) -> None:
        """``by_hand`` False: the service's usual length, which does not count as a choice."""
        if by_hand:
            self.minutes.setValue(minutes)
            return
        self.minutes.blockSignals(True)
        self.minutes.setValue(minutes)
        self.minutes.blockSignals(False)

    def use_slot(self, slot: FreeSlot, zone: tzinfo) -> None:
        """Fill in the date, time and length of a free slot."""
        start = slot.start.astimezone(zone)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.at.setTime(QTime(start.hour, start.minute))
        minutes = int((slot.end - slot.start).total_seconds() // 60)
        if minutes != self.minutes.value():
            self.minutes.setValue(minutes)

    def _minutes_changed(self, *_: object) -> None:
        self.minutes_touched = True

    # --- free times ---------------------------------------------------------------------------

    def search_first_day(self) -> date:
        first = self.search_from.date()
        return date(first.year(), first.month(), first.day())

    def part_of_day_value(self) -> PartOfDay:
        return PartOfDay(str(self.part_of_day.currentData()))

    def show_slots(self, found: Sequence[FreeSlot], zone: tzinfo) -> None:
        for slot in found:
            item = QListWidgetItem(slot_text(slot, zone))
            item.setData(Qt.ItemDataRole.UserRole, slot)
            self.slots.addItem(item)
        self.slots_note.setText(SLOTS_NOTE if found else NO_SLOTS)
        if found:
            self.slots.setCurrentRow(0)
            self.slots.setFocus()

    def slot_texts(self) -> list[str]:
        return [self.slots.item(i).text() for i in range(self.slots.count())]

    def _slot_item(self, item: QListWidgetItem) -> None:
        slot = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(slot, FreeSlot):
            self.slot_chosen.emit(slot)

    # --- free instead of a refused time -------------------------------------------------------

    def offer_alternatives(
        self, slots: Sequence[FreeSlot], zone: tzinfo, use: Callable[[FreeSlot], None]
    ) -> None:
        """A button per free time; ``use`` is called with the one pressed."""
        for slot in slots:
            button = QPushButton(slot_text(slot, zone))
            button.setAutoDefault(False)
            button.setAccessibleName(f"Use {slot_text(slot, zone)}")
            button.clicked.connect(lambda _checked=False, s=slot: use(s))
            self._alternatives_layout.addWidget(button)
        if slots:
            self.alternatives_label.show()
            self.alternatives_box.show()

    def alternative_buttons(self) -> list[QPushButton]:
        return [
            b for b in self.alternatives_box.findChildren(QPushButton) if b.parent() is not None
        ]

    def clear_alternatives(self) -> None:
        while self._alternatives_layout.count():
            item = self._alternatives_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.alternatives_label.hide()
        self.alternatives_box.hide()
