"""Reports: managers' daily wait summary and service standards (issue 7), and the activity log.

The Figures tab (managers only) shows a day or a range: walk-in waits, first-contact resolution,
the standards, charts, and breakdowns. Every figure, table row and chart bar opens the list of
records behind it. A single day is read at once (a few ms); any longer range is read on a worker
thread with progress and Cancel, so the page never stalls.
The Activity log tab lists who did what, when (everyone sees their own actions).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.reports import (
    VISIT_HEADERS,
    Figure,
    FigureTable,
    Report,
    Section,
    outcomes_for,
    visit_cells,
)
from reception_app.services.event_service import LoggedEvent
from reception_app.ui import charts
from reception_app.ui.charts import ReportChart
from reception_app.ui.desk_state import DeskState
from reception_app.ui.pages.page import Page
from reception_app.ui.widgets import filtered_table
from reception_app.ui.workers import run_with_progress

if TYPE_CHECKING:
    from reception_app.services.report_service import ReportService

LONDON = ZoneInfo("Europe/London")
LOG_LIMIT = 200
TODAY_LIMIT = 5000
LOG_HEADERS = ("Time", "Who", "What")
ACTION_WORDS = {
    "signed_in": ("sign-in", "sign-ins"),
    "signed_out": ("sign-out or lock", "sign-outs and locks"),
    "sign_in_failed": ("failed sign-in", "failed sign-ins"),
    "created": ("record added", "records added"),
    "updated": ("record changed", "records changed"),
    "deleted": ("record removed", "records removed"),
    "settings_changed": ("settings change", "settings changes"),
}
PERIODS = ("Day", "Week (Monday to Sunday)", "Month", "Custom range")
SYNC_DAYS = 1
"""Ranges longer than this are read on a worker thread with a progress dialog and Cancel.

A day reads in about 3 ms (17 ms the first time) on 60 days of sample data; a week already takes
8 ms and a month 25-250 ms depending on the machine's load, too long for the UI thread."""


def time_text(at: datetime, today: datetime) -> str:
    """'Today 10:30' or 'Mon 23 Nov 2026 16:05', in London time."""
    local = at.astimezone(LONDON)
    if local.date() == today.date():
        return f"Today {local:%H:%M}"
    return f"{local:%a} {local.day} {local:%b %Y} {local:%H:%M}"


def counts_text(events: Sequence[LoggedEvent]) -> str:
    """'5 entries: 2 sign-ins, 3 records changed' (largest first)."""
    if not events:
        return "no entries yet"
    counts = Counter(e.action for e in events)
    parts = []
    for action, n in counts.most_common():
        one, many = ACTION_WORDS.get(action, (action.replace("_", " "), action.replace("_", " ")))
        parts.append(f"{n} {one if n == 1 else many}")
    total = len(events)
    return f"{total} {'entry' if total == 1 else 'entries'}: {', '.join(parts)}"


def period_for(kind: int, anchor: date) -> tuple[date, date]:
    """The day, Monday-to-Sunday week or calendar month around ``anchor``."""
    if kind == 1:
        start = anchor - timedelta(days=anchor.weekday())
        return start, start + timedelta(days=6)
    if kind == 2:
        start = anchor.replace(day=1)
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return start, following - timedelta(days=1)
    return anchor, anchor


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


def _table_view(name: str) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, 0)
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view, model


def _fill(model: QStandardItemModel, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    model.clear()
    model.setColumnCount(len(headers))
    model.setHorizontalHeaderLabels(list(headers))
    for row in rows:
        items = [QStandardItem(cell) for cell in row]
        for item in items:
            item.setEditable(False)
        model.appendRow(items)


class _RecordsDialog(QDialog):
    """The records behind one figure: a read-only list, closed with Escape or Close."""

    def __init__(
        self, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.table, self.model = _table_view(title)
        _fill(self.model, headers, rows)
        self.count = QLabel(
            f"{len(rows)} record{'s' if len(rows) != 1 else ''}. Times are UK time; waits in "
            "minutes. Visitors' names are not shown in reports."
        )
        self.count.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(1000, 560)


class ReportsPage(Page):
    title = "Reports"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.report: Report | None = None
        self.last_dialog: _RecordsDialog | None = None
        self._busy: Any = None
        self._reading: Any = None
        self._request = 0
        """Counts readings started: only the newest one's figures (or error) are shown."""

        self.access_note = QLabel(
            "Reports are for managers. Below are your own actions only; ask a manager for the "
            "office's figures."
        )
        self.access_note.setWordWrap(True)
        self.access_note.setProperty("role", "hint")

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Reports")
        self.figures_tab = self._build_figures()
        self.log_tab = self._build_log()
        self.tabs.addTab(self.figures_tab, "&Figures and standards")
        self.tabs.addTab(self.log_tab, "&Activity log")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Reports"))
        layout.addWidget(self.access_note)
        layout.addWidget(self.tabs, 1)

    # --- building -----------------------------------------------------------------------------

    def _build_log(self) -> QWidget:
        tab = QWidget()
        self.today_counts = QLabel()
        self.today_counts.setWordWrap(True)
        self.today_counts.setAccessibleName("Today's activity")
        parts = filtered_table(
            self,
            LOG_HEADERS,
            label_text="Fi&lter the log (Ctrl+F):",
            filter_name="Filter the activity log",
            placeholder="A name, a word from the entry, or a time like 10:",
            table_name="Activity log, newest first",
        )
        self.filter, filter_label, self.log = parts.filter, parts.label, parts.model
        self.proxy, self.table = parts.proxy, parts.table
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.log_label = self.heading("", 1.2)
        self.count_note = QLabel()
        self.count_note.setProperty("role", "hint")
        self.count_note.setWordWrap(True)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter, 1)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.card(self.heading("Today", 1.2), self.today_counts))
        layout.addWidget(self.log_label)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_note)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self.table.setFocus)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_filter)
        QWidget.setTabOrder(self.filter, self.table)
        return tab

    def _build_figures(self) -> QWidget:
        tab = QWidget()
        self.period = QComboBox()
        self.period.addItems(PERIODS)
        self.period.setAccessibleName("Period")
        self.start_edit = QDateEdit()
        self.end_edit = QDateEdit()
        for edit, name in ((self.start_edit, "From"), (self.end_edit, "To")):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("ddd d MMM yyyy")
            edit.setAccessibleName(name)
        self.show_button = QPushButton("&Show")
        self.pdf_button = QPushButton("Save as P&DF...")
        self.csv_button = QPushButton("Save as CS&V...")
        self.large_print = QCheckBox("La&rge print PDF")
        self.pdf_button.setEnabled(False)
        self.csv_button.setEnabled(False)

        period_label = QLabel("&Period:")
        period_label.setBuddy(self.period)
        start_label = QLabel("Fr&om:")
        start_label.setBuddy(self.start_edit)
        end_label = QLabel("&To:")
        end_label.setBuddy(self.end_edit)
        controls = QGridLayout()
        controls.addWidget(period_label, 0, 0)
        controls.addWidget(self.period, 0, 1)
        controls.addWidget(start_label, 0, 2)
        controls.addWidget(self.start_edit, 0, 3)
        controls.addWidget(end_label, 0, 4)
        controls.addWidget(self.end_edit, 0, 5)
        controls.addWidget(self.show_button, 0, 6)
        self.start_error = self._error_label()
        self.end_error = self._error_label()
        controls.addWidget(self.start_error, 1, 2, 1, 2)
        controls.addWidget(self.end_error, 1, 4, 1, 3)
        controls.setColumnStretch(7, 1)
        exports = QHBoxLayout()
        exports.addWidget(self.pdf_button)
        exports.addWidget(self.large_print)
        exports.addWidget(self.csv_button)
        exports.addStretch(1)

        self.summary = self.heading("", 1.3)
        self.summary.setAccessibleName("Report period")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "hint")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.closed_note = self.heading("", 1.4)
        self.closed_note.setAccessibleName("No office hours")
        self.closed_note.hide()

        self.content = QWidget()
        self.content_layout = QVBoxLayout(self.content)
        self.figure_grid = QGridLayout()
        self.figure_buttons: dict[str, QPushButton] = {}
        self.chart_waits = ReportChart("Mean wait by hour of arrival (minutes), with the target")
        self.chart_arrivals = ReportChart("Arrivals by hour")
        self.chart_standards = ReportChart("Standards met (% within standard)")
        self.chart_trend = ReportChart("Waits over the period (minutes)")
        self.charts = (
            self.chart_waits,
            self.chart_arrivals,
            self.chart_standards,
            self.chart_trend,
        )
        for chart in self.charts:
            chart.figure_chosen.connect(self.show_records)
        chart_grid = QGridLayout()
        chart_grid.addWidget(self.chart_waits, 0, 0)
        chart_grid.addWidget(self.chart_arrivals, 0, 1)
        # Channel names are long: the standards chart and the trend get the full width.
        chart_grid.addWidget(self.chart_standards, 1, 0, 1, 2)
        chart_grid.addWidget(self.chart_trend, 2, 0, 1, 2)
        self.charts_box = QWidget()
        self.charts_box.setLayout(chart_grid)
        self.tables_box = QVBoxLayout()
        self.section_widgets: list[QWidget] = []
        self.breakdowns: dict[str, tuple[QTableView, QStandardItemModel, FigureTable]] = {}

        self.content_layout.addWidget(self.closed_note)
        self.content_layout.addLayout(self.figure_grid)
        self.content_layout.addWidget(self.charts_box)
        self.content_layout.addLayout(self.tables_box)
        self.content_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.content)

        layout = QVBoxLayout(tab)
        layout.addLayout(controls)
        layout.addLayout(exports)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(scroll, 1)

        self.period.currentIndexChanged.connect(self._period_changed)
        self.start_edit.dateChanged.connect(self._start_changed)
        self.show_button.clicked.connect(self.show_report)
        self.pdf_button.clicked.connect(lambda: self._ask_export(".pdf"))
        self.csv_button.clicked.connect(lambda: self._ask_export(".csv"))
        QWidget.setTabOrder(self.period, self.start_edit)
        QWidget.setTabOrder(self.start_edit, self.end_edit)
        QWidget.setTabOrder(self.end_edit, self.show_button)
        QWidget.setTabOrder(self.show_button, self.pdf_button)
        QWidget.setTabOrder(self.pdf_button, self.large_print)
        QWidget.setTabOrder(self.large_print, self.csv_button)
        self._dates_set = False
        return tab

    @staticmethod
    def _error_label() -> QLabel:
        label = QLabel()
        label.setProperty("role", "error")
        label.setWordWrap(True)
        label.hide()
        return label

    # --- refresh ------------------------------------------------------------------------------

    def refresh(self) -> None:
        services = self.state.services
        actor = self.state.actor
        manager = self.state.is_manager
        now = services.office.status().local_now.astimezone(LONDON)
        midnight = datetime.combine(now.date(), time(0), tzinfo=LONDON).astimezone(UTC)

        # Staff who are not managers see only their own actions (filtered in the database).
        mine = None if manager else (actor.id if actor is not None else -1)
        events = services.events.recent(LOG_LIMIT, staff_id=mine)
        today = services.events.recent(TODAY_LIMIT, since=midnight, staff_id=mine)
        self.access_note.setVisible(not manager)
        self.tabs.setTabVisible(0, manager)
        if not manager:
            self.tabs.setCurrentIndex(1)

        prefix = "Activity" if manager else "Your activity"
        self.today_counts.setText(
            f"{prefix} today, {now:%A} {now.day} {now:%B}: {counts_text(today)}."
        )
        self.log_label.setText(
            f"Activity log: the last {LOG_LIMIT} entries"
            if manager
            else f"Your last {LOG_LIMIT} actions"
        )

        self.log.removeRows(0, self.log.rowCount())
        for event in events:
            cells = (time_text(event.at, now), event.staff_name, event.summary or event.action)
            items = [QStandardItem(text) for text in cells]
            for item in items:
                item.setEditable(False)
                item.setToolTip(
                    f"{event.at.astimezone(LONDON):%A %d %B %Y %H:%M:%S} · "
                    f"{event.action.replace('_', ' ')} · {event.entity.replace('_', ' ')}"
                    + (f" #{event.entity_id}" if event.entity_id is not None else "")
                )
            self.log.appendRow(items)
        self._filter_changed(self.log_filter_text())

        if manager:
            if not self._dates_set:
                self._dates_set = True
                today_date = now.date()
                self.start_edit.setMaximumDate(_qdate(today_date))
                self.end_edit.setMaximumDate(_qdate(today_date))
                self.start_edit.setDate(_qdate(today_date))
                self.end_edit.setDate(_qdate(today_date))
                self._period_changed(self.period.currentIndex())
            if not self.reading:  # a range being read will show itself when ready
                self.show_report()

    def log_filter_text(self) -> str:
        return self.filter.text()

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown, total = self.proxy.rowCount(), self.log.rowCount()
        if total == 0:
            self.count_note.setText("Nothing in the log yet.")
        elif shown == total:
            self.count_note.setText(
                f"Showing {total} {'entry' if total == 1 else 'entries'}, newest first. "
                "Times are UK time."
            )
        else:
            self.count_note.setText(f"{shown} of {total} entries match '{text.strip()}'.")

    def _focus_filter(self) -> None:
        self.tabs.setCurrentWidget(self.log_tab)
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    # --- period -------------------------------------------------------------------------------

    def _period_changed(self, index: int) -> None:
        custom = index == 3
        self.end_edit.setEnabled(custom)
        if not custom:
            self._start_changed(self.start_edit.date())

    def _start_changed(self, qdate: QDate) -> None:
        kind = self.period.currentIndex()
        if kind == 3:
            return
        start, end = period_for(kind, _pydate(qdate))
        if kind != 0:
            self.start_edit.blockSignals(True)
            self.start_edit.setDate(_qdate(start))
            self.start_edit.blockSignals(False)
        # A week or month still running ends today: the future has no figures.
        maximum = _pydate(self.end_edit.maximumDate())
        self.end_edit.setDate(_qdate(min(end, maximum)))

    def set_period(self, start: date, end: date) -> None:
        """Choose a custom range (the keyboard route is the same controls)."""
        self.period.setCurrentIndex(3)
        self.start_edit.setMaximumDate(QDate(9999, 12, 31))
        self.end_edit.setMaximumDate(QDate(9999, 12, 31))
        self.start_edit.setDate(_qdate(start))
        self.end_edit.setDate(_qdate(end))

    def chosen_period(self) -> tuple[date, date]:
        return _pydate(self.start_edit.date()), _pydate(self.end_edit.date())

    # --- showing ------------------------------------------------------------------------------

    def _service(self) -> ReportService:
        return self.state.services.reports()

    def _clear_errors(self) -> None:
        for label in (self.start_error, self.end_error):
            label.hide()
            label.clear()

    def _show_error(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError) and exc.field in ("start", "end"):
            label = self.start_error if exc.field == "start" else self.end_error
            label.setText(str(exc))
            label.show()
            (self.start_edit if exc.field == "start" else self.end_edit).setFocus()
            self.message.setText(
                f"The figures below are still those for {self.report.period_text}."
                if self.report is not None
                else ""
            )
        elif isinstance(exc, ReceptionError):
            self.message.setText(str(exc))
        else:
            self.message.setText(
                "The report could not be made because of an error Reception did not expect; "
                "the details are in the log."
            )

    @property
    def reading(self) -> bool:
        """True while a range is being read on the worker thread."""
        return self._reading is not None

    def show_report(self) -> None:
        """Read and show the chosen period: a day at once, anything longer on a worker thread
        with progress and Cancel (the figures shown stay until the new ones are ready)."""
        self._clear_errors()
        start, end = self.chosen_period()
        try:
            service = self._service()
            service.check(start, end)
        except ReceptionError as exc:
            self._show_error(exc)
            return
        self._request += 1
        request = self._request
        self._stop_reading()
        if (end - start).days + 1 <= SYNC_DAYS:
            self._reading = None
            try:
                self.show_figures(service.report(start, end))
            except ReceptionError as exc:
                self._show_error(exc)
            return
        days = (end - start).days + 1

        def done(report: Report) -> None:
            if request == self._request:
                self._reading = None
                self.show_figures(report)

        def failed(exc: BaseException) -> None:
            if request == self._request:
                self._reading = None
                self._show_error(exc)

        def cancelled() -> None:
            if request == self._request:
                self._reading = None
                self.message.setText(
                    "Cancelled: the figures shown are unchanged."
                    if self.report is not None
                    else "Cancelled: choose a period and press Show."
                )
                self.show_button.setFocus(Qt.FocusReason.OtherFocusReason)

        self.message.setText(f"Reading {days} days of records...")
        self._reading = run_with_progress(
            self,
            f"Reading {days} days of records...",
            lambda progress: service.report(start, end, progress),
            on_done=done,
            on_error=failed,
            on_cancel=cancelled,
        )

    def _stop_reading(self) -> None:
        """Cancel a range still being read (a newer choice replaces it)."""
        if self._reading is not None:
            self._reading._job.cancel_requested = True
            self._reading.close()
            self._reading = None

    def show_figures(self, report: Report) -> None:
        self.report = report
        self.pdf_button.setEnabled(True)
        self.csv_button.setEnabled(True)
        self.summary.setText(f"{report.office_name}: {report.period_text}")
        notes = [f"Target wait {report.target_wait_minutes} minutes."]
        notes.append(
            f"{report.open_days} day{'s' if report.open_days != 1 else ''} with office hours."
        )
        if report.partial:
            notes.append("Includes today: figures so far.")
        notes.append(
            "Click a figure, a bar or a table row (or press Enter on it) for the records behind it."
        )
        self.message.setText(" ".join(notes))
        closed = report.no_office_hours or (report.single_day and not report.days[0].open)
        self.closed_note.setVisible(closed)
        if closed:
            extra = "" if report.no_office_hours else " Visits recorded that day are shown below."
            self.closed_note.setText(report.closed_reason() + extra)
        self._fill_figures(report)
        visible = not report.no_office_hours
        self.charts_box.setVisible(visible)
        if visible:
            charts.waits_by_hour(self.chart_waits, report)
            charts.arrivals_by_hour(self.chart_arrivals, report)
            charts.standards_by_channel(self.chart_standards, report)
            self.chart_trend.setVisible(len(report.trend) > 1)
            if len(report.trend) > 1:
                self.chart_trend.set_trend(report)
        self._fill_sections(report)

    def _fill_figures(self, report: Report) -> None:
        while self.figure_grid.count():
            item = self.figure_grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        self.figure_buttons = {}
        if report.no_office_hours:
            return
        figures: list[Figure] = []
        for key in ("walk_ins", "first_contact"):
            figures += list(report.section(key).figures)
        columns = 4
        for i, fig in enumerate(figures):
            button = self._figure_button(fig)
            self.figure_buttons[fig.key] = button
            self.figure_grid.addWidget(button, i // columns, i % columns)

    def _figure_button(self, fig: Figure) -> QPushButton:
        """A figure as a button: its label and value; pressing it lists the records behind it."""
        button = QPushButton(f"{fig.label}\n{fig.text}")
        button.setAccessibleName(f"{fig.label}: {fig.text}")
        button.setToolTip(fig.note or "Show the records behind this figure")
        button.setProperty("selector", fig.selector)
        button.setMinimumHeight(button.fontMetrics().lineSpacing() * 3)
        button.clicked.connect(lambda _=False, s=fig.selector, t=fig.label: self.show_records(s, t))
        return button

    def _fill_sections(self, report: Report) -> None:
        for widget in self.section_widgets:
            self.tables_box.removeWidget(widget)
            widget.hide()
            widget.setParent(None)
            widget.deleteLater()
        self.section_widgets = []
        self.breakdowns = {}
        for section in report.sections:
            if report.no_office_hours and section.key != "standards":
                continue
            if section.key == "first_contact":
                continue  # its figures are among the buttons at the top
            self._add_section(section)

    def _add_section(self, section: Section) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.heading(section.title, 1.2))
        if not section.available:
            note = QLabel(f"Not available yet. {section.note}")
            note.setWordWrap(True)
            note.setProperty("role", "hint")
            layout.addWidget(note)
        elif section.key not in ("walk_ins", "first_contact"):
            grid = QGridLayout()
            for i, fig in enumerate(section.figures):
                widget: QWidget
                if fig.selector:
                    widget = self._figure_button(fig)
                else:
                    widget = QLabel(
                        f"{fig.label}: {fig.text}" + (f" ({fig.note})" if fig.note else "")
                    )
                    widget.setWordWrap(True)
                grid.addWidget(widget, i // 3, i % 3)
            layout.addLayout(grid)
        for table in section.tables:
            layout.addWidget(QLabel(f"<b>{table.title}</b>"))
            view, model = _table_view(f"{section.title}: {table.title}")
            _fill(model, table.headers, table.rows)
            rows = max(1, len(table.rows))
            height = (
                view.horizontalHeader().sizeHint().height()
                + view.verticalHeader().defaultSectionSize() * min(rows, 12)
                + 4
            )
            view.setMinimumHeight(height)
            view.setMaximumHeight(height)
            view.activated.connect(lambda index, t=table: self._row_chosen(t, index))
            view.clicked.connect(lambda index, t=table: self._row_chosen(t, index))
            if not table.rows:
                layout.addWidget(QLabel("None in this period."))
                view.hide()
            layout.addWidget(view)
            self.breakdowns[table.key] = (view, model, table)
        self.tables_box.addWidget(box)
        self.section_widgets.append(box)

    def _row_chosen(self, table: FigureTable, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(table.selectors):
            label = table.rows[index.row()][0]
            self.show_records(table.selectors[index.row()], f"{table.title}: {label}")

    # --- drill-down ---------------------------------------------------------------------------

    def records_for(self, selector: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        """Headers and rows of the records behind ``selector`` in the report shown."""
        report = self.report
        if report is None or not selector:
            return (), []
        if selector.startswith("walk_in:"):
            rows = [visit_cells(o, report.calendar) for o in outcomes_for(report, selector)]
            return VISIT_HEADERS, rows
        section = selector.split(":", 1)[0]
        rows = list(report.extra_rows.get(selector, ()))
        headers = tuple(report.extra_rows.get(f"headers:{section}", ((),))[0])
        return headers, rows

    def show_records(self, selector: str, title: str = "") -> None:
        headers, rows = self.records_for(selector)
        if not headers:
            self.message.setText("There is no list of records behind that figure.")
            return
        dialog = _RecordsDialog(title or "Records behind the figure", headers, rows, self)
        self.last_dialog = dialog
        dialog.setModal(True)
        dialog.show()

    # --- exports ------------------------------------------------------------------------------

    def _ask_export(self, suffix: str) -> None:
        if self.report is None:
            return
        report = self.report
        name = f"report-{report.start.isoformat()}" + (
            "" if report.single_day else f"-to-{report.end.isoformat()}"
        )
        kind = "PDF document (*.pdf)" if suffix == ".pdf" else "CSV spreadsheet (*.csv)"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save the report", str(Path.home() / f"{name}{suffix}"), kind
        )
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Save the report shown to ``path`` on a worker thread; the result is said in place."""
        if self.report is None:
            return
        report, large = self.report, self.large_print.isChecked()
        service = self._service()

        def done(paths: object) -> None:
            written = paths if isinstance(paths, list) else []
            self.message.setText("Saved " + " and ".join(str(p) for p in written) + ".")

        self.message.setText(f"Saving {path.name}...")
        self._busy = run_with_progress(
            self,
            f"Saving {path.name}...",
            lambda progress: service.export(report, path, large_print=large),
            on_done=done,
            on_error=self._show_error,
        )
