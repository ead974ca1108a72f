"""After a click on a column header the highlight, the detail pane and the actions stay on the
record that was chosen (issue 13 point 3): every table that can sort, on sample data."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, QPoint, Qt
from PySide6.QtWidgets import QPlainTextEdit, QTableView, QTabWidget, QWidget

from reception_app.domain.correspondence import CorrespondenceItem
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.ui.desk_state import DeskState
from reception_app.ui.main_window import MainWindow
from reception_app.ui.models.correspondence_list_model import CorrespondenceListModel
from reception_app.ui.pages.correspondence_page import CorrespondencePage
from tests.ui.sample_desk import fill_sample_desk

ROLE = CorrespondenceListModel.RowRole


@pytest.fixture
def window(qtbot, state: DeskState, services: AppServices, manager: StaffMember) -> MainWindow:  # type: ignore[no-untyped-def]
    fill_sample_desk(services, manager)
    window = MainWindow(state)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _sortable_tables(window: MainWindow) -> Iterator[tuple[str, QTableView]]:
    """Every table the person can sort by a header click, each shown on its page and tab."""
    for index, page in enumerate(window.pages):
        window.show_page(index)
        tab_widgets = page.findChildren(QTabWidget)
        tabs = [(t, n) for t in tab_widgets for n in range(t.count())] or [(None, 0)]
        for tab_widget, number in tabs:
            if tab_widget is not None:
                tab_widget.setCurrentIndex(number)
            for table in page.findChildren(QTableView):
                if table.isVisible() and table.isSortingEnabled():
                    yield f"{page.title}: {table.accessibleName()}", table


def _record(table: QTableView) -> object:
    index = table.selectionModel().currentIndex()
    return index.data(ROLE) if index.isValid() else None


def _detail(table: QTableView) -> QPlainTextEdit | None:
    """The box beside the table that shows the chosen row, when it has one."""
    parent: QWidget | None = table.parentWidget()
    boxes = parent.findChildren(QPlainTextEdit) if parent is not None else []
    chosen = [b for b in boxes if b.accessibleName().startswith("The chosen")]
    return chosen[0] if chosen else None


def test_every_sortable_table_keeps_the_chosen_record_through_every_sort(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    checked = []
    for name, table in _sortable_tables(window):
        model = table.model()
        if model.rowCount() < 3:
            continue
        table.selectionModel().setCurrentIndex(
            model.index(1, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        chosen = _record(table) if model.index(1, 0).data(ROLE) is not None else None
        chosen_texts = [model.index(1, c).data() for c in range(model.columnCount())]
        detail = _detail(table)
        shown = detail.toPlainText() if detail is not None else None
        for column in range(model.columnCount()):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                table.sortByColumn(column, order)
                row = table.selectionModel().currentIndex().row()
                texts = [model.index(row, c).data() for c in range(model.columnCount())]
                where = f"{name}, sorted by {model.headerData(column, Qt.Orientation.Horizontal)}"
                assert texts == chosen_texts, f"{where}: the highlight moved to another record"
                if chosen is not None:
                    assert _record(table) == chosen, where
                selected = table.selectionModel().selectedRows()
                assert [i.row() for i in selected] == [row], f"{where}: the selection moved"
                if detail is not None:
                    assert detail.toPlainText() == shown, f"{where}: the detail pane changed"
        checked.append(name)
    # The tables the sample data fills: a walk that found none would prove nothing.
    assert set(checked) >= {
        "Messages: Messages",
        "Messages: Staff directory",
        "Correspondence: Correspondence",
        "Correspondence: Walk-in follow-ups",
        "Correspondence: Feedback",
        "Correspondence: Incidents",
    }, checked


def test_acknowledged_after_a_sort_acts_on_the_highlighted_item(
    qtbot, window: MainWindow, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    """The trial's case: choose an item, sort by Subject, click Acknowledged (no confirmation)."""
    page = window.page(4)
    assert isinstance(page, CorrespondencePage)
    window.show_page(4)
    panel = page.log_panel
    table, model = panel.log_table, panel.log_model
    waiting = [
        row for row in range(model.rowCount()) if _can_acknowledge(model.index(row, 0).data(ROLE))
    ]
    assert len(waiting) >= 2, "the sample data has items waiting for an acknowledgement"
    table.selectionModel().setCurrentIndex(
        model.index(waiting[0], 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    chosen = _record(table)
    assert isinstance(chosen, CorrespondenceItem)
    header = table.horizontalHeader()
    column = model.HEADERS.index("Subject")
    where = QPoint(header.sectionViewportPosition(column) + 4, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert header.sortIndicatorSection() == column
    highlighted = _record(table)
    assert highlighted == chosen
    assert chosen.reference in panel.log_detail.toPlainText()
    panel.log_actions["acknowledge"].click()
    after = state.services.correspondence().get(chosen.id)
    assert after.acknowledged_at is not None
    others = [model.index(r, 0).data(ROLE) for r in range(model.rowCount())]
    assert all(
        state.services.correspondence().get(o.id).acknowledged_at is None
        for o in others
        if isinstance(o, CorrespondenceItem) and o.id != chosen.id and _can_acknowledge(o)
    )


def _can_acknowledge(item: object) -> bool:
    from reception_app.domain.correspondence import available_steps

    return isinstance(item, CorrespondenceItem) and "acknowledge" in available_steps(item)
