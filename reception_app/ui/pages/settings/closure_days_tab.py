"""The Closure days tab: this office's own days off, beside the bank holidays already known."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
)

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import BANK_HOLIDAY_REGIONS, OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import (
    Confirm,
    Tab,
    chain,
    fill,
    hint,
    make_button,
    make_table,
    read_only,
    selected,
    status_label,
)
from reception_app.ui.text import day_text
from reception_app.ui.widgets import Heading

KIND_LABELS = {"closure": "Closure day", "bank_holiday": "Extra bank holiday"}


class ClosureDaysTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None], confirm: Confirm) -> None:
        super().__init__(state, after_save)
        self._confirm = confirm
        left, add_box = self._build_own_days()
        right = self._build_bank_holidays()
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addSpacing(self.fontMetrics().averageCharWidth() * 2)
        layout.addLayout(right, 2)
        self.editing = [self.day, self.kind, self.reason, self.add_button]
        self.change_buttons = [self.remove_button, add_box]
        chain(
            self.table,
            self.remove_button,
            self.day,
            self.kind,
            self.reason,
            self.add_button,
            self.holidays,
        )

    def _build_own_days(self) -> tuple[QVBoxLayout, QGroupBox]:
        """This office's days off, Remove, and the box to add one: (the column, the box)."""
        self.table = make_table(["Date", "Kind", "Reason"], "Closure days and extra bank holidays")
        self.remove_button = make_button("&Remove the chosen day", self._remove)
        add_box = self._build_add_box()
        self.status = status_label()
        left = QVBoxLayout()
        left.addWidget(Heading("This office's own days off"))
        left.addWidget(
            hint(
                "A closure day shuts this office only (e.g. a Christmas shutdown); FOI and EIR "
                "deadlines still count it as a working day. An extra bank holiday (e.g. one "
                "announced by royal proclamation) stops every deadline clock."
            )
        )
        left.addWidget(self.table, 1)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_button)
        remove_row.addWidget(self.status, 1)
        left.addLayout(remove_row)
        left.addWidget(add_box)
        return left, add_box

    def _build_add_box(self) -> QGroupBox:
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("ddd d MMM yyyy")
        self._date_chosen = False
        self.day.dateChanged.connect(lambda _d: setattr(self, "_date_chosen", True))
        self.kind = QComboBox()
        for kind, label in KIND_LABELS.items():
            self.kind.addItem(label, kind)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("e.g. Christmas shutdown")
        self.reason.setMaxLength(255)
        self.add_button = make_button("&Add this day", self._add)
        self.reason.returnPressed.connect(self._add)
        self.errors = FieldErrors()
        add_form = QFormLayout()
        add_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(add_form, "&Date:", "day", self.day)
        self.errors.add_row(add_form, "&Kind:", "kind", self.kind)
        self.errors.add_row(add_form, "R&eason:", "reason", self.reason)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_button)
        add_row.addStretch(1)
        add_form.addRow("", add_row)
        add_box = QGroupBox("Add a day")
        add_layout = QVBoxLayout(add_box)
        add_layout.addWidget(self.errors.general)
        add_layout.addLayout(add_form)
        return add_box

    def _build_bank_holidays(self) -> QVBoxLayout:
        """The bank holidays Reception already knows, for the next 12 months."""
        self.region_heading = Heading("Bank holidays already covered")
        self.holidays = read_only(
            make_table(["Date", "Bank holiday"], "Bank holidays in the next 12 months")
        )
        right = QVBoxLayout()
        right.addWidget(self.region_heading)
        right.addWidget(
            hint(
                "These come with Reception and need no action. Add a day on the left only if it is missing."
            )
        )
        right.addWidget(self.holidays, 1)
        return right

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        profile = profile or office.profile()
        calendar = OfficeCalendar.from_profile(profile)
        today = calendar.to_local(self.state.services.context.clock()).date()
        days = [(d, "closure") for d in profile.closure_days] + [
            (d, "bank_holiday") for d in profile.extra_bank_holidays
        ]
        days.sort(key=lambda pair: (pair[0].day, pair[1]))
        fill(
            self.table,
            [((d.day, kind), [day_text(d.day), KIND_LABELS[kind], d.reason]) for d, kind in days],
        )
        if not self._date_chosen:
            self.day.setDate(QDate(today.year, today.month, today.day))

        region = BANK_HOLIDAY_REGIONS.get(profile.bank_holiday_region, profile.bank_holiday_region)
        self.region_heading.setText(f"Bank holidays in {region}, next 12 months")
        extra = {d.day for d in profile.extra_bank_holidays}
        rows: list[tuple[Any, Sequence[str]]] = []
        day, end = today, today + timedelta(days=365)
        while day <= end:
            name = calendar.bank_holiday_name(day)
            if name and day not in extra:
                rows.append((day, [day_text(day), name]))
            day += timedelta(days=1)
        fill(self.holidays, rows)

    def _add(self) -> None:
        office = self.state.services.office
        chosen = self.day.date()
        day = date(chosen.year(), chosen.month(), chosen.day())
        kind = str(self.kind.currentData())
        if self.save(
            self.errors,
            self.status,
            lambda: office.add_day_off(day, kind, self.reason.text(), self.state.actor),
            f"{KIND_LABELS[kind]} {day_text(day)} added",
        ):
            self.reason.clear()

    def _remove(self) -> None:
        chosen = selected(self.table)
        if chosen is None:
            self.status.setText("Choose a day in the list first.")
            return
        day, kind = chosen
        if not self._confirm(
            self, "Remove a day off", f"Remove {KIND_LABELS[kind].lower()} {day_text(day)}?"
        ):
            return
        office = self.state.services.office
        self.save(
            self.errors,
            self.status,
            lambda: office.remove_day_off(day, kind, self.state.actor),
            f"{day_text(day)} removed",
        )
