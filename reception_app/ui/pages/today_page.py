"""Today: whether the office is open, today's hours, the desks on duty and what they handle.

The live queue of walk-ins and arrived appointments joins this page with the walk-in feature.
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import WEEKDAYS
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.page import Page
from reception_app.ui.text import describe_status


class TodayPage(Page):
    title = "Today"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.status_title = self.heading("", 1.8)
        self.status_detail = QLabel()
        self.status_detail.setWordWrap(True)
        self.week = QLabel()
        self.week.setWordWrap(True)
        self.queue_note = QLabel(
            "No visitors are waiting. Walk-ins checked in at this desk or at the kiosk will "
            "appear here in calling order."
        )
        self.queue_note.setWordWrap(True)
        self.queue_note.setProperty("role", "hint")

        self.desks = QTableWidget(0, 2)
        self.desks.setHorizontalHeaderLabels(["Desk", "Handles"])
        self.desks.setAccessibleName("Desks and the services they handle")
        self.desks.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.desks.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.desks.verticalHeader().hide()
        self.desks.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.desks.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )

        top = QHBoxLayout()
        top.addWidget(self.card(self.status_title, self.status_detail), 3)
        top.addWidget(self.card(self.heading("This week", 1.2), self.week), 2)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Today"))
        layout.addLayout(top)
        layout.addWidget(self.heading("Queue", 1.2))
        layout.addWidget(self.queue_note)
        layout.addWidget(self.heading("Desks", 1.2))
        layout.addWidget(self.desks)
        layout.addStretch(1)

    def refresh(self) -> None:
        office = self.state.services.office
        status = office.status()
        profile = office.profile()
        calendar = OfficeCalendar.from_profile(profile)
        headline, detail = describe_status(status)
        self.status_title.setText(headline)
        self.status_title.setProperty("status", "open" if status.is_open else "closed")
        self.status_title.style().polish(self.status_title)
        self.status_detail.setText(detail)

        today = status.local_now.date()
        monday = today - timedelta(days=today.weekday())
        lines = []
        for offset in range(7):
            day = monday + timedelta(days=offset)
            if calendar.is_office_working_day(day):
                hours = profile.hours_text(day.weekday())
            else:
                hours = calendar.bank_holiday_name(day) or next(
                    (
                        f"Closed ({d.reason or 'closure day'})"
                        for d in profile.closure_days
                        if d.day == day
                    ),
                    "Closed",
                )
                if hours != "Closed" and not hours.startswith("Closed"):
                    hours = f"Closed ({hours})"
            marker = "▶ " if day == today else ""
            lines.append(f"{marker}{WEEKDAYS[day.weekday()].capitalize()} {day:%d %b}: {hours}")
        self.week.setText("\n".join(lines))

        services = {s.key: s.name for s in profile.services}
        active_desks = [d for d in profile.desks if d.active]
        self.desks.setRowCount(len(active_desks))
        for row, desk in enumerate(active_desks):
            handles = (
                "Every service"
                if desk.services is None
                else ", ".join(services.get(k, k) for k in desk.services)
            )
            self.desks.setItem(row, 0, QTableWidgetItem(desk.name))
            self.desks.setItem(row, 1, QTableWidgetItem(handles))
        # As tall as its rows, so the page does not end in a large empty box.
        self.desks.setFixedHeight(
            self.desks.horizontalHeader().height()
            + sum(self.desks.rowHeight(r) for r in range(self.desks.rowCount()))
            + 2 * self.desks.frameWidth()
        )
