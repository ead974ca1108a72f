"""Managers' figures (the Figures tab of Reports) for a day or a range, with their exports.

A single day is read at once (a few ms); any longer range is read on a worker thread with
progress and Cancel, so the page never stalls. Every figure, table row and chart bar opens the
list of records behind it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError, ValidationError
from reception_app.domain.periods import period_for
from reception_app.domain.reports import VISIT_HEADERS, Report, outcomes_for, visit_cells
from reception_app.output_paths import check_output_path
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.report_records_dialog import ReportRecordsDialog
from reception_app.ui.panels.panel import Panel
from reception_app.ui.panels.report_contents_panel import ReportContentsPanel
from reception_app.ui.widgets.date_fields import pydate, qdate
from reception_app.ui.widgets.heading import Heading
from reception_app.ui.widgets.simple_fields import buddy_label
from reception_app.ui.workers import run_with_progress

if TYPE_CHECKING:
    from reception_app.services.report_service import ReportService

LONDON = ZoneInfo("Europe/London")
PERIODS = ("Day", "Week (Monday to Sunday)", "Month", "Custom range")
CUSTOM = 3
"""The index of "Custom range" in PERIODS (the others are domain.periods' kinds)."""
SYNC_DAYS = 1
"""Ranges longer than this are read on a worker thread with a progress dialog and Cancel.

A day reads in about 3 ms (17 ms the first time) on 60 days of sample data; a week already takes
8 ms and a month 25-250 ms depending on the machine's load, too long for the UI thread."""


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "error")
    label.setWordWrap(True)
    label.hide()
    return label


class ReportFiguresPanel(Panel):
    """The period chosen, the report shown (``report``) and the records behind its figures."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.report: Report | None = None
        self.last_dialog: ReportRecordsDialog | None = None
        self._busy: Any = None
        self._reading: Any = None
        self._request = 0
        """Counts readings started: only the newest one's figures (or error) are shown."""
        self._dates_set = False

        controls = self._build_controls()
        exports = self._build_exports()
        self.summary = Heading("", 1.3)
        self.summary.setAccessibleName("Report period")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setProperty("role", "hint")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("About these figures")
        self.contents = ReportContentsPanel()
        self.contents.records_wanted.connect(self.show_records)
        scroll = QScrollArea()
        scroll.setAccessibleName("Report figures")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.contents)

        layout = QVBoxLayout(self)
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
        order = (self.period, self.start_edit, self.end_edit, self.show_button, self.pdf_button)
        for first, second in zip(order, (*order[1:], self.large_print), strict=True):
            QWidget.setTabOrder(first, second)
        QWidget.setTabOrder(self.large_print, self.csv_button)

    # --- building -------------------------------------------------------------------------------

    def _build_controls(self) -> QGridLayout:
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
        self.csv_button = QPushButton("Save as &CSV...")
        self.large_print = QCheckBox("La&rge print PDF")
        self.pdf_button.setEnabled(False)
        self.csv_button.setEnabled(False)

        controls = QGridLayout()
        controls.addWidget(buddy_label("&Period:", self.period), 0, 0)
        controls.addWidget(self.period, 0, 1)
        controls.addWidget(buddy_label("Fr&om:", self.start_edit), 0, 2)
        controls.addWidget(self.start_edit, 0, 3)
        controls.addWidget(buddy_label("&To:", self.end_edit), 0, 4)
        controls.addWidget(self.end_edit, 0, 5)
        controls.addWidget(self.show_button, 0, 6)
        self.start_error = error_label()
        self.end_error = error_label()
        controls.addWidget(self.start_error, 1, 2, 1, 2)
        controls.addWidget(self.end_error, 1, 4, 1, 3)
        controls.setColumnStretch(7, 1)
        return controls

    def _build_exports(self) -> QHBoxLayout:
        exports = QHBoxLayout()
        exports.addWidget(self.pdf_button)
        exports.addWidget(self.large_print)
        exports.addWidget(self.csv_button)
        exports.addStretch(1)
        return exports

    # --- refresh and period ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Today's figures the first time (the period chosen after that), unless a range is
        still being read: that one shows itself when ready."""
        if not self._dates_set:
            self._dates_set = True
            now = self.state.services.office.status().local_now
            today = now.astimezone(LONDON).date()
            self.start_edit.setMaximumDate(qdate(today))
            self.end_edit.setMaximumDate(qdate(today))
            self.start_edit.setDate(qdate(today))
            self.end_edit.setDate(qdate(today))
            self._period_changed(self.period.currentIndex())
        if not self.reading:
            self.show_report()

    def _period_changed(self, index: int) -> None:
        custom = index == CUSTOM
        self.end_edit.setEnabled(custom)
        if not custom:
            self._start_changed(self.start_edit.date())

    def _start_changed(self, start_date: QDate) -> None:
        kind = self.period.currentIndex()
        if kind == CUSTOM:
            return
        start, end = period_for(kind, pydate(start_date))
        if kind != 0:
            self.start_edit.blockSignals(True)
            self.start_edit.setDate(qdate(start))
            self.start_edit.blockSignals(False)
        # A week or month still running ends today: the future has no figures.
        maximum = pydate(self.end_edit.maximumDate())
        self.end_edit.setDate(qdate(min(end, maximum)))

    def set_period(self, start: date, end: date) -> None:
        """Choose a custom range (the keyboard route is the same controls)."""
        self.period.setCurrentIndex(CUSTOM)
        self.start_edit.setMaximumDate(QDate(9999, 12, 31))
        self.end_edit.setMaximumDate(QDate(9999, 12, 31))
        self.start_edit.setDate(qdate(start))
        self.end_edit.setDate(qdate(end))

    def chosen_period(self) -> tuple[date, date]:
        return pydate(self.start_edit.date()), pydate(self.end_edit.date())

    # --- reading --------------------------------------------------------------------------------

    def _service(self) -> ReportService:
        return self.state.services.reports(self.state.actor)

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
        self._stop_reading()
        if (end - start).days + 1 <= SYNC_DAYS:
            self._reading = None
            try:
                self.show_figures(service.report(start, end))
            except ReceptionError as exc:
                self._show_error(exc)
            return
        self._read_range(service, start, end, self._request)

    def _read_range(self, service: ReportService, start: date, end: date, request: int) -> None:
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
        self.contents.show_report(report)

    # --- drill-down -----------------------------------------------------------------------------

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
        dialog = ReportRecordsDialog(title or "Records behind the figure", headers, rows, self)
        self.last_dialog = dialog
        dialog.setModal(True)
        dialog.show()

    # --- exports --------------------------------------------------------------------------------

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
        from reception_app.documents.report_csv import visits_path

        try:
            own = self.state.services.database.file
            for target in (path, visits_path(path)):
                check_output_path(target, self.state.paths, own)
        except ReceptionError as exc:
            self.message.setText(str(exc))
            return
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
