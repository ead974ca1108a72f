"""The deadline calculator and the office's published service standards (a Correspondence tab)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.extensions import possible_extension
from reception_app.domain.standards import CHANNELS, CLOCK_NAMES
from reception_app.ui.desk_state import DeskState
from reception_app.ui.panels.panel import Panel
from reception_app.ui.text import due_text, rule_phrase
from reception_app.ui.theme import scaled_font
from reception_app.ui.widgets.card import card
from reception_app.ui.widgets.date_fields import date_time_edit, local_to_qt, qt_to_local
from reception_app.ui.widgets.heading import Heading

CLOCK_LABELS = {"acknowledge": "Acknowledge", "respond": "Respond", "final": "Final reply"}
STANDARDS_NOTE = (
    "Working days are the office's own: Monday to Friday, not bank holidays or closure "
    "days. Statutory working days (FOI, EIR) leave out a bank holiday anywhere in the "
    "UK, but the office's closure days still count. The day of receipt is day 0."
)


class DeadlineCalculatorPanel(Panel):
    """When is it due? For a channel and a received time, before anything is logged."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.setAccessibleName("Deadline calculator")
        self._engine: DeadlineEngine | None = None
        self._zone = ZoneInfo("Europe/London")
        self._now = state.now().astimezone(self._zone)
        self._received_chosen = False

        calculator_box = self._build_calculator()
        self._build_standards()
        layout = QVBoxLayout(self)
        calculator_card = card(Heading("When is it due?", 1.2), calculator_box)
        calculator_card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout.addWidget(calculator_card)
        layout.addWidget(self.standards_label)
        layout.addWidget(self.standards)
        layout.addWidget(self.standards_note)
        layout.addStretch(1)

        self.channel.currentIndexChanged.connect(self.recalculate)
        self.received.dateTimeChanged.connect(self._received_edited)
        self.now_button.clicked.connect(self._received_now)
        QWidget.setTabOrder(self.channel, self.received)
        QWidget.setTabOrder(self.received, self.now_button)
        QWidget.setTabOrder(self.now_button, self.standards)

    # --- building -------------------------------------------------------------------------------

    def _build_calculator(self) -> QWidget:
        """The channel and received fields with a line per clock: as wide as its labels and
        dates need, not the whole window, so the eye stays on one line."""
        self.channel = QComboBox()
        for key, name in CHANNELS.items():
            self.channel.addItem(name, key)
        self.channel.setCurrentIndex(self.channel.findData("letter"))
        self.received = date_time_edit()  # the fields are office wall-clock time
        self.now_button = QPushButton("Received &now")
        self.future_note = QLabel()
        self.future_note.setWordWrap(True)
        self.future_note.setProperty("role", "hint")
        self.future_note.hide()

        calculator = QFormLayout()
        calculator.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        channel_label = QLabel("Ch&annel:")
        channel_label.setBuddy(self.channel)
        self.channel.setAccessibleName("Channel")
        calculator.addRow(channel_label, self.channel)
        received_row = QWidget()
        row = QHBoxLayout(received_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.received, 1)
        row.addWidget(self.now_button)
        received_label = QLabel("&Received:")
        received_label.setBuddy(self.received)
        self.received.setAccessibleName("Received date and time")
        calculator.addRow(received_label, received_row)
        calculator.addRow("", self.future_note)
        self.results = calculator
        self.result_labels: dict[str, QLabel] = {}
        for name in (*CLOCK_NAMES, "extended"):
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setFont(scaled_font(self.font(), 1.0, bold=True))
            self.result_labels[name] = value
            calculator.addRow(QLabel(), value)
        self.no_clock_note = QLabel()
        self.no_clock_note.setWordWrap(True)
        calculator.addRow(self.no_clock_note)

        calculator_box = QWidget()
        box_layout = QHBoxLayout(calculator_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addLayout(calculator)
        box_layout.addStretch(1)
        return calculator_box

    def _build_standards(self) -> None:
        self.standards = QTableWidget(0, 4)
        self.standards.setHorizontalHeaderLabels(
            ["Channel", "Acknowledge", "Respond", "Final reply"]
        )
        self.standards.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.standards.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.standards.setAlternatingRowColors(True)
        self.standards.verticalHeader().hide()
        header = self.standards.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        rows = self.standards.verticalHeader()
        # Rows grow when a description wraps (large text), never below the normal height.
        rows.setMinimumSectionSize(rows.defaultSectionSize())
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.standards.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.standards_label = QLabel("Service &standards")
        self.standards_label.setFont(scaled_font(self.font(), 1.2, bold=True))
        self.standards_label.setBuddy(self.standards)
        self.standards.setAccessibleName("Service standards")
        self.standards_note = QLabel(STANDARDS_NOTE)
        self.standards_note.setWordWrap(True)
        self.standards_note.setProperty("role", "hint")

    # --- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        office = self.state.services.office
        profile = office.profile()
        self._engine = DeadlineEngine.from_profile(profile)
        self._zone = ZoneInfo(profile.timezone)
        self._now = office.status().local_now
        self.standards_label.setText(f"Service &standards of {profile.name.replace('&', '&&')}")
        rows = [key for key in CHANNELS if key in profile.standards]
        self.standards.setRowCount(len(rows))
        for row, key in enumerate(rows):
            clocks = profile.standards[key].clocks()
            cells = [CHANNELS[key]] + [
                clocks[name].describe() if name in clocks else "—" for name in CLOCK_NAMES
            ]
            for column, text in enumerate(cells):
                self.standards.setItem(row, column, QTableWidgetItem(text))
        if not self._received_chosen:
            self._set_received(self._now)
        self.recalculate()

    # --- the calculator -------------------------------------------------------------------------

    def received_at(self) -> datetime:
        """The received date and time typed, as an aware datetime in the office's zone."""
        return qt_to_local(self.received.dateTime(), self._zone)

    def _set_received(self, moment: datetime) -> None:
        self.received.blockSignals(True)
        self.received.setDateTime(local_to_qt(moment, self._zone))
        self.received.blockSignals(False)

    def _received_edited(self) -> None:
        self._received_chosen = True
        self.recalculate()

    def _received_now(self) -> None:
        self._received_chosen = False
        self._now = self.state.services.office.status().local_now
        self._set_received(self._now)
        self.recalculate()

    def focus_calculator(self) -> None:
        self.channel.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def recalculate(self) -> None:
        """Show each due date for the channel and received time chosen."""
        engine = self._engine
        if engine is None:
            return
        channel = str(self.channel.currentData())
        received = self.received_at()
        if received > self._now + timedelta(minutes=1):
            self.future_note.setText("This is in the future: the dates below are for planning.")
            self.future_note.show()
        else:
            self.future_note.hide()
        has_clock = self._show_clocks(engine, channel, received)
        self._show_extension(engine, channel, received)
        if not has_clock:
            self.no_clock_note.setText(
                f"The office has no standard for {CHANNELS.get(channel, channel).lower()}: "
                "set one in Settings."
            )
        self.results.setRowVisible(self.no_clock_note, not has_clock)
        # Hiding form rows does not reach the page's layout by itself: re-fit the card now.
        self.results.invalidate()

    def _show_clocks(self, engine: DeadlineEngine, channel: str, received: datetime) -> bool:
        """A row per clock of the channel's standard; False when it has none."""
        standard = engine.standards.get(channel)
        clocks = standard.clocks() if standard is not None else {}
        due = engine.due_dates_for(channel, received) if standard is not None else {}
        for name in CLOCK_NAMES:
            value = self.result_labels[name]
            rule = clocks.get(name)
            if rule is not None:
                label = self.results.labelForField(value)
                assert isinstance(label, QLabel)
                label.setText(f"{rule_phrase(CLOCK_LABELS[name], rule)}:")
                value.setText(
                    due_text(engine, due[name], self._now)
                    if name in due
                    else "agree it with the customer and record it"
                )
            self.results.setRowVisible(value, rule is not None)
        return bool(clocks)

    def _show_extension(self, engine: DeadlineEngine, channel: str, received: datetime) -> None:
        extended = self.result_labels["extended"]
        extension = possible_extension(engine, channel, received)
        if extension is not None:
            label = self.results.labelForField(extended)
            assert isinstance(label, QLabel)
            label.setText(f"{extension.condition}:")
            extended.setText(due_text(engine, extension.due, self._now))
        self.results.setRowVisible(extended, extension is not None)

    def due_texts(self) -> dict[str, str]:
        """What the calculator shows for each clock, e.g. {'respond': 'Tue 8 Dec 2026 (...)'}."""
        return {
            name: label.text()
            for name, label in self.result_labels.items()
            if self.results.isRowVisible(label)
        }
