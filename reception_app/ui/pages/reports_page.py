"""Reports: managers' figures and service standards, and the activity log.

The Figures tab (managers only) shows a day or a range: walk-in waits, first-contact resolution,
the standards, charts, and breakdowns; the Activity log tab lists who did what, when (everyone
sees their own actions). Each tab is a panel of ``reception_app.ui.panels``; this page lays
them out, says what someone who is not a manager sees, and owns Ctrl+F (filter the log).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QLabel, QPushButton, QTableView, QTabWidget, QVBoxLayout, QWidget

from reception_app.domain.periods import period_for
from reception_app.domain.reports import FigureTable, Report
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.report_records_dialog import ReportRecordsDialog
from reception_app.ui.pages.page import Page
from reception_app.ui.panels.activity_log_panel import ActivityLogPanel
from reception_app.ui.panels.audit_panel import AuditPanel
from reception_app.ui.panels.report_figures_panel import ReportFiguresPanel
from reception_app.ui.shortcuts import bind

__all__ = ["ReportsPage", "period_for"]  # period_for was defined here before domain/periods.py


class ReportsPage(Page):
    title = "Reports"

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.access_note = QLabel(
            "Reports are for managers. Below are your own actions only; ask a manager for the "
            "office's figures."
        )
        self.access_note.setWordWrap(True)
        self.access_note.setProperty("role", "hint")

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Reports")
        self.figures_tab = ReportFiguresPanel(state)
        self.log_tab = ActivityLogPanel(state)
        self.tabs.addTab(self.figures_tab, "Fi&gures and standards")
        self.tabs.addTab(self.log_tab, "&Activity log")
        self.audit_tab = AuditPanel(state)
        self.tabs.addTab(self.audit_tab, "A&udit (managers)")
        bind(self, "find", self._focus_filter, "Filter the activity log")

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading("Reports"))
        layout.addWidget(self.access_note)
        layout.addWidget(self.tabs, 1)
        self._keep_names()

    def _keep_names(self) -> None:
        """The panels' parts under the names the page offered before it had panels."""
        figures, log, contents = self.figures_tab, self.log_tab, self.figures_tab.contents
        self.period, self.start_edit, self.end_edit = (
            figures.period,
            figures.start_edit,
            figures.end_edit,
        )
        self.start_error, self.end_error = figures.start_error, figures.end_error
        self.show_button, self.large_print = figures.show_button, figures.large_print
        self.pdf_button, self.csv_button = figures.pdf_button, figures.csv_button
        self.summary, self.message = figures.summary, figures.message
        self.closed_note, self.charts_box = contents.closed_note, contents.charts_box
        self.chart_waits, self.chart_arrivals = contents.chart_waits, contents.chart_arrivals
        self.chart_standards, self.chart_trend = contents.chart_standards, contents.chart_trend
        self.today_counts, self.log_label = log.today_counts, log.log_label
        self.filter, self.log, self.proxy, self.table = log.filter, log.log, log.proxy, log.table
        self.count_note = log.count_note

    def refresh(self) -> None:
        manager = self.state.is_manager
        self.access_note.setVisible(not manager)
        self.tabs.setTabVisible(0, manager)
        self.tabs.setTabVisible(2, manager)
        if not manager:
            self.tabs.setCurrentIndex(1)
        self.log_tab.refresh()
        self.audit_tab.refresh()
        if manager:
            self.figures_tab.refresh()

    def _focus_filter(self) -> None:
        self.tabs.setCurrentWidget(self.log_tab)
        self.log_tab.focus_filter()

    # --- the figures, as the page offered them before it had panels -----------------------------

    @property
    def report(self) -> Report | None:
        return self.figures_tab.report

    @property
    def last_dialog(self) -> ReportRecordsDialog | None:
        return self.figures_tab.last_dialog

    @property
    def reading(self) -> bool:
        return self.figures_tab.reading

    @property
    def _reading(self) -> Any:
        return self.figures_tab._reading

    @property
    def figure_buttons(self) -> dict[str, QPushButton]:
        return self.figures_tab.contents.figure_buttons

    @property
    def breakdowns(self) -> dict[str, tuple[QTableView, QStandardItemModel, FigureTable]]:
        return self.figures_tab.contents.breakdowns

    def set_period(self, start: date, end: date) -> None:
        self.figures_tab.set_period(start, end)

    def chosen_period(self) -> tuple[date, date]:
        return self.figures_tab.chosen_period()

    def show_report(self) -> None:
        self.figures_tab.show_report()

    def show_figures(self, report: Report) -> None:
        self.figures_tab.show_figures(report)

    def records_for(self, selector: str) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
        return self.figures_tab.records_for(selector)

    def show_records(self, selector: str, title: str = "") -> None:
        self.figures_tab.show_records(selector, title)

    def export_to(self, path: Path) -> None:
        self.figures_tab.export_to(path)
