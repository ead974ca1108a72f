"""F1: every keyboard shortcut of the page in view, then the ones that work everywhere."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.panels.read_only_table import ReadOnlyTable

Lines = Sequence[tuple[str, str]]


class ShortcutsDialog(QDialog):
    """Two tables (key, what it does) a screen reader reads cell by cell with their headers."""

    def __init__(
        self, page_title: str, on_page: Lines, everywhere: Lines, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle("Keyboard shortcuts")
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        layout = QVBoxLayout(self)
        self.tables: list[ReadOnlyTable] = []
        sections = [(f"On the {page_title} page", on_page)] if page_title else []
        for heading, lines in (*sections, ("Everywhere", everywhere)):
            label = QLabel(heading)
            label.setProperty("role", "heading")
            table = ReadOnlyTable(("Key", "What it does"), f"Shortcuts: {heading}", 1)
            table.setRowCount(len(lines))
            for row, (key, text) in enumerate(lines):
                table.setItem(row, 0, QTableWidgetItem(key))
                table.setItem(row, 1, QTableWidgetItem(text))
            label.setBuddy(table)
            layout.addWidget(label)
            layout.addWidget(table, len(lines) + 1)
            self.tables.append(table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setDefault(True)
        layout.addWidget(buttons)
        width = self.fontMetrics().averageCharWidth()
        self.resize(width * 80, self.fontMetrics().lineSpacing() * 34)

    def rows(self) -> list[list[list[str]]]:
        """Each table's rows as shown."""
        return [table.rows_text() for table in self.tables]
