"""Previous day, Today, Next day and a date box above a timeline; Alt+Left/Right/Home step."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QWidget

from reception_app.ui.shortcuts import bind


class DayNavigator(QWidget):
    """Previous day, Today, Next day and a date box; ``day_changed`` carries the new date.

    Keys (while the page is shown): Alt+Left, Alt+Right, Alt+Home; the date box takes typing."""

    day_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, step_days: int = 1) -> None:
        super().__init__(parent)
        self._step = step_days
        self.previous_button = QPushButton("◀ &Previous")
        self.previous_button.setToolTip("Previous day (Alt+Left)")
        self.today_button = QPushButton("T&oday")
        self.today_button.setToolTip("Today (Alt+Home)")
        self.next_button = QPushButton("Ne&xt ▶")
        self.next_button.setToolTip("Next day (Alt+Right)")
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("ddd d MMM yyyy")
        self.date.setAccessibleName("Day shown")
        label = QLabel("Da&y:")
        label.setBuddy(self.date)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.today_button, self.next_button, label, self.date):
            row.addWidget(widget)
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setAutoDefault(False)
        self._today = date.today()
        self.previous_button.clicked.connect(lambda: self.step(-self._step))
        self.next_button.clicked.connect(lambda: self.step(self._step))
        self.today_button.clicked.connect(self.go_today)
        self.date.dateChanged.connect(self._typed)
        for name, slot in (
            ("previous_day", lambda: self.step(-self._step)),
            ("next_day", lambda: self.step(self._step)),
            ("today", self.go_today),
        ):
            bind(self, name, slot)

    def set_step(self, days: int) -> None:
        self._step = days
        unit = "week" if days == 7 else "day"
        self.previous_button.setToolTip(f"Previous {unit} (Alt+Left)")
        self.next_button.setToolTip(f"Next {unit} (Alt+Right)")

    def set_today(self, today: date) -> None:
        self._today = today

    def day(self) -> date:
        d = self.date.date()
        return date(d.year(), d.month(), d.day())

    def set_day(self, day: date, *, quiet: bool = False) -> None:
        self.date.blockSignals(True)
        self.date.setDate(QDate(day.year, day.month, day.day))
        self.date.blockSignals(False)
        if not quiet:
            self.day_changed.emit(day)

    def step(self, days: int) -> None:
        self.set_day(self.day() + timedelta(days=days))

    def go_today(self) -> None:
        self.set_day(self._today)

    def _typed(self, _value: QDate) -> None:
        self.day_changed.emit(self.day())
