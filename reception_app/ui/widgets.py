"""Small widgets used on several screens: headings that follow the text size, sized text boxes,
read-only tables with a filter box."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, QSize, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
)

from reception_app.ui.theme import scaled_font


class Heading(QLabel):
    """A bold heading that stays a fixed factor larger than the application font, even when the
    person switches to larger text while the page is open."""

    def __init__(self, text: str, factor: float = 1.2) -> None:
        super().__init__(text)
        self._factor = factor
        self.setProperty("role", "heading")
        self.setWordWrap(True)
        self._rescale(QApplication.font())
        # The application's signal, not ApplicationFontChange: Qt does not deliver that event
        # to widgets whose font was set explicitly, which every heading's is.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.fontChanged.connect(self._rescale)

    def _rescale(self, font: QFont) -> None:
        self.setFont(scaled_font(font, self._factor, bold=True))


class TextBox(QPlainTextEdit):
    """Multi-line text whose height is a number of lines of the current font; Tab moves on."""

    def __init__(self, lines: int) -> None:
        super().__init__()
        self._lines = lines
        self.setTabChangesFocus(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        margins = self.contentsMargins()
        height = (
            self.fontMetrics().lineSpacing() * self._lines
            + int(self.document().documentMargin() * 2)
            + margins.top()
            + margins.bottom()
        )
        return QSize(super().sizeHint().width(), height)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()


@dataclass
class FilteredTable:
    """A read-only table of rows with a filter box that matches any column."""

    filter: QLineEdit
    label: QLabel
    model: QStandardItemModel
    proxy: QSortFilterProxyModel
    table: QTableView


def filtered_table(
    owner: QObject,
    headers: tuple[str, ...],
    *,
    label_text: str,
    filter_name: str,
    placeholder: str,
    table_name: str,
) -> FilteredTable:
    """Build the filter box (with its buddy label), the model, the proxy and the view."""
    box = QLineEdit()
    box.setPlaceholderText(placeholder)
    box.setClearButtonEnabled(True)
    box.setAccessibleName(filter_name)
    label = QLabel(label_text)
    label.setBuddy(box)
    model = QStandardItemModel(0, len(headers), owner)
    model.setHorizontalHeaderLabels(list(headers))
    proxy = QSortFilterProxyModel(owner)
    proxy.setSourceModel(model)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName(table_name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    return FilteredTable(box, label, model, proxy, table)
