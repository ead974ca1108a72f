"""The report shown on the Figures tab: figures as buttons, charts and breakdown tables."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from reception_app.domain.reports import Figure, FigureTable, Report, Section
from reception_app.domain.reports.comparison import Comparison
from reception_app.ui import charts
from reception_app.ui.charts import ReportChart
from reception_app.ui.widgets.heading import Heading
from reception_app.ui.widgets.item_table import fill_items, item_table

FIGURE_COLUMNS = 4
"""The walk-in and first-contact figures at the top, this many to a row."""


def remove_widget(widget: QWidget) -> None:
    """Take a widget out of the page for good (it goes once control returns to Qt)."""
    widget.hide()
    widget.setParent(None)
    widget.deleteLater()


class ReportContentsPanel(QWidget):
    """Every figure, chart bar and table row here opens the records behind it: they say so
    through ``records_wanted``."""

    records_wanted = Signal(str, str)
    """(selector, title): the records behind a figure, a bar or a row were asked for."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Drawn as the plain QWidget it replaces (style sheets give QWidget a background).
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.closed_note = Heading("", 1.4)
        self.closed_note.setAccessibleName("No office hours")
        self.closed_note.hide()
        self.content_layout = QVBoxLayout(self)
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
            chart.figure_chosen.connect(lambda selector: self.records_wanted.emit(selector, ""))
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
        self._compared = Comparison()

        self.content_layout.addWidget(self.closed_note)
        self.content_layout.addLayout(self.figure_grid)
        self.content_layout.addWidget(self.charts_box)
        self.content_layout.addLayout(self.tables_box)
        self.content_layout.addStretch(1)

    def show_report(self, report: Report) -> None:
        closed = report.no_office_hours or (report.single_day and not report.days[0].open)
        self.closed_note.setVisible(closed)
        if closed:
            extra = "" if report.no_office_hours else " Visits recorded that day are shown below."
            self.closed_note.setText(report.closed_reason() + extra)
        self._compared = report.compared
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
                remove_widget(widget)
        self.figure_buttons = {}
        if report.no_office_hours:
            return
        figures: list[tuple[str, Figure]] = []
        for key in ("walk_ins", "first_contact"):
            figures += [(key, f) for f in report.section(key).figures]
        for i, (key, fig) in enumerate(figures):
            button = self._figure_button(fig, key)
            self.figure_buttons[fig.key] = button
            self.figure_grid.addWidget(button, i // FIGURE_COLUMNS, i % FIGURE_COLUMNS)

    def _compared_line(self, section_key: str, fig: Figure) -> str:
        """'Before: 4.1 min · a year ago: 3.9 min' (the periods in the tooltip), or ''."""
        compared = self._compared
        if not compared.present:
            return ""
        before, year = compared.of(section_key, fig.key)
        if {before, year} <= {"", "-"}:
            return ""  # nothing known to compare with: no line of dashes
        return f"Before: {before} · a year ago: {year}"

    def _figure_button(self, fig: Figure, section_key: str) -> QPushButton:
        """A figure as a button: its label and value (and the same figure for the periods it
        is compared with); pressing it lists the records behind it."""
        compared = self._compared_line(section_key, fig)
        lines = [fig.label, fig.text, *([compared] if compared else [])]
        button = QPushButton("\n".join(lines))
        button.setAccessibleName(": ".join(lines[:2]) + (f". {compared}" if compared else ""))
        tip = fig.note or "Show the records behind this figure"
        if compared:
            tip += (
                f"\nBefore: {self._compared.previous_label}; "
                f"a year ago: {self._compared.year_label}."
            )
        button.setToolTip(tip)
        button.setProperty("selector", fig.selector)
        button.setMinimumHeight(button.fontMetrics().lineSpacing() * (len(lines) + 1))
        button.clicked.connect(
            lambda _=False, s=fig.selector, t=fig.label: self.records_wanted.emit(s, t)
        )
        return button

    def _fill_sections(self, report: Report) -> None:
        for widget in self.section_widgets:
            self.tables_box.removeWidget(widget)
            remove_widget(widget)
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
        layout.addWidget(Heading(section.title, 1.2))
        if not section.available:
            note = QLabel(f"Not available yet. {section.note}")
            note.setWordWrap(True)
            note.setProperty("role", "hint")
            layout.addWidget(note)
        elif section.key not in ("walk_ins", "first_contact"):
            layout.addLayout(self._figure_grid(section))
        for table in section.tables:
            self._add_table(layout, section, table)
        self.tables_box.addWidget(box)
        self.section_widgets.append(box)

    def _figure_grid(self, section: Section) -> QGridLayout:
        """The section's figures, three to a row: a button when there are records behind one."""
        grid = QGridLayout()
        for i, fig in enumerate(section.figures):
            widget: QWidget
            if fig.selector:
                widget = self._figure_button(fig, section.key)
            else:
                compared = self._compared_line(section.key, fig)
                widget = QLabel(
                    f"{fig.label}: {fig.text}"
                    + (f" ({fig.note})" if fig.note else "")
                    + (f"\n{compared}" if compared else "")
                )
                widget.setWordWrap(True)
            grid.addWidget(widget, i // 3, i % 3)
        return grid

    def _add_table(self, layout: QVBoxLayout, section: Section, table: FigureTable) -> None:
        """A breakdown table as tall as its rows (up to 12); a row opens its records."""
        layout.addWidget(QLabel(f"<b>{table.title}</b>"))
        view, model = item_table(f"{section.title}: {table.title}")
        fill_items(model, table.headers, table.rows)
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

    def _row_chosen(self, table: FigureTable, index: QModelIndex) -> None:
        if index.isValid() and index.row() < len(table.selectors):
            label = table.rows[index.row()][0]
            self.records_wanted.emit(table.selectors[index.row()], f"{table.title}: {label}")
