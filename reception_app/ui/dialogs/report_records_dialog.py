"""The records behind one figure of a report: a read-only list, closed with Escape or Close."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.widgets.item_table import fill_items, item_table


class ReportRecordsDialog(QDialog):
    """``table`` and ``model`` hold the rows; ``count`` says how many and what they show."""

    def __init__(
        self, title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], parent: QWidget
    ) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle(title)
        self.table, self.model = item_table(title)
        fill_items(self.model, headers, rows)
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
