"""Base of the message, correspondence and feedback tables: fast with tens of thousands of rows.

Each row's cell texts, sort keys and search text are worked out once when rows are set; sorting
and filtering then rearrange a list of row numbers in Python (one ``sort`` with precomputed keys,
one substring test per row) instead of a QSortFilterProxyModel calling ``data()`` back for every
comparison. ``RowRole`` gives the row's value back, as in RowTableModel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class PreparedRows(Generic[Row]):
    """Rows with everything the model shows worked out (``CorrespondenceListModel.prepare``)."""

    rows: list[Row]
    cells_of: list[list[str | None]]
    keys: list[tuple[Any, ...]]
    search: list[str]
    bold: list[bool]


class CorrespondenceListModel(QAbstractTableModel, Generic[Row]):
    """Subclasses set ``HEADERS`` and implement ``_cells`` (the texts) and may override
    ``_sort_key`` (per column, default the text case-folded), ``_tooltip`` and ``_emphasis``
    (bold rows: unread, overdue)."""

    HEADERS: tuple[str, ...] = ()
    LAZY_COLUMNS: frozenset[int] = frozenset()
    """Columns whose text is costly (a deadline counted in working days): worked out only when
    a row is shown, kept afterwards, and left out of the filter's search text."""
    RowRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._cells_of: list[list[str | None]] = []
        self._keys: list[tuple[Any, ...]] = []
        self._search: list[str] = []
        self._bold: list[bool] = []
        self._visible: list[int] = []
        self._filter = ""
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._bold_font: QFont | None = None

    # --- Qt model API ---------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        at = self._visible[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            cells = self._cells_of[at]
            text = cells[index.column()]
            if text is None:
                text = cells[index.column()] = self._lazy_text(self._rows[at], index.column())
            return text
        if role == self.RowRole:
            return self._rows[at]
        if role == Qt.ItemDataRole.FontRole and self._bold[at]:
            if self._bold_font is None:
                self._bold_font = QFont()
                self._bold_font.setBold(True)
            return self._bold_font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(self._rows[at], index.column())
        return None

    def headerData(  # noqa: N802 - Qt API
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._rearrange(self._apply_sort)

    # --- filling and filtering ------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row]) -> None:
        """Replace every row (a re-read); the sort and the filter in force stay."""
        self.set_prepared(self.prepare(rows))

    def prepare(self, rows: Sequence[Row]) -> PreparedRows[Row]:
        """Work out the rows' texts, sort keys, search texts and emphasis without touching the
        model: pure Python, so it may run on a worker thread (``ui/workers.start_job``); hand
        the result to ``set_prepared`` on the GUI thread."""
        values = list(rows)
        lazy = self.LAZY_COLUMNS
        cells_of: list[list[str | None]] = [
            [None if n in lazy else text for n, text in enumerate(self._cells(r))] for r in values
        ]
        return PreparedRows(
            values,
            cells_of,
            [self._sort_key(r, c) for r, c in zip(values, cells_of, strict=True)],
            ["\t".join(t for t in c if t is not None).casefold() for c in cells_of],
            [self._emphasis(r) for r in values],
        )

    def set_prepared(self, prepared: PreparedRows[Row]) -> None:
        """Swap in rows from ``prepare`` (GUI thread); the sort and the filter in force stay."""
        self.beginResetModel()
        self._rows = prepared.rows
        self._cells_of = prepared.cells_of
        self._keys = prepared.keys
        self._search = prepared.search
        self._bold = prepared.bold
        self._refilter()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        """Show only rows with ``text`` in any cell (case-insensitive)."""
        needle = text.strip().casefold()
        if needle == self._filter:
            return
        self._filter = needle
        self._rearrange(self._refilter)

    def row_value(self, row: int) -> Row:
        return self._rows[self._visible[row]]

    def values(self) -> list[Row]:
        """The rows shown, in the order shown."""
        return [self._rows[i] for i in self._visible]

    @property
    def total(self) -> int:
        return len(self._rows)

    def row_where(self, predicate: Callable[[Row], bool]) -> int | None:
        """The shown row whose value matches ``predicate``, or None."""
        return next((n for n, i in enumerate(self._visible) if predicate(self._rows[i])), None)

    def _rearrange(self, change: Callable[[], None]) -> None:
        """Reorder or filter the shown rows with every persistent index (the view's current
        row and selection) following its record, not its row number: otherwise after a sort
        the highlight stays on row 3 while the detail pane and the actions keep the record
        that was there. A record filtered out loses its index."""
        self.layoutAboutToBeChanged.emit()
        held = self.persistentIndexList()
        records = [
            (self._visible[i.row()], i.column()) if 0 <= i.row() < len(self._visible) else None
            for i in held
        ]
        change()
        if held:
            row_of = {at: n for n, at in enumerate(self._visible)}
            moved: list[QModelIndex] = []
            for record in records:
                row = row_of.get(record[0]) if record is not None else None
                moved.append(
                    self.index(row, record[1]) if row is not None and record else QModelIndex()
                )
            self.changePersistentIndexList(held, moved)
        self.layoutChanged.emit()

    def _refilter(self) -> None:
        if self._filter:
            needle = self._filter
            self._visible = [i for i, hay in enumerate(self._search) if needle in hay]
        else:
            self._visible = list(range(len(self._rows)))
        self._apply_sort()

    def _apply_sort(self) -> None:
        if self._sort_column < 0:
            return
        column, keys = self._sort_column, self._keys
        self._visible.sort(
            key=lambda i: keys[i][column],
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

    # --- for subclasses -------------------------------------------------------------------------

    def _cells(self, row: Row) -> tuple[str, ...]:
        raise TypeError(f"{type(self).__name__} must say what its cells show")

    def _sort_key(self, row: Row, cells: list[str | None]) -> tuple[Any, ...]:
        """One comparable value per column (all the same type within a column); a lazy
        column's cell is None here, so its key must come from the row."""
        return tuple((c or "").casefold() for c in cells)

    def _lazy_text(self, row: Row, column: int) -> str:
        """The text of a LAZY_COLUMNS cell (``_cells`` may give '' for it)."""
        return ""

    def _tooltip(self, row: Row, column: int) -> str | None:
        return None

    def _emphasis(self, row: Row) -> bool:
        return False
