"""ContactTableModel: passes Qt's model checks, gives the Contact back, and reloads cleanly."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QSortFilterProxyModel, Qt

from reception_app.domain.people import Contact, ContactNeeds, PreferredFormat
from reception_app.ui.models.contact_table_model import ContactTableModel

ANN = Contact(
    id=1,
    full_name="Ann O'Brien",
    phone="01603 301751",
    email="ann@example.co.uk",
    address=("1 Woodview Road", "Hellesdon"),
    postcode="NR6 5QB",
    needs=ContactNeeds(PreferredFormat.LARGE_PRINT, 20, hearing_loop=True),
    notes="Prefers mornings.",
)
BOB = Contact(id=2, full_name="Bob Ng", phone="01263 513811", postcode="NR27 9EN")


def test_model_passes_qt_model_checks(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    for force_py in (False, True):  # Qt's own QAbstractItemModelTester, then pytest-qt's
        qtmodeltester.check(ContactTableModel([ANN, BOB]), force_py=force_py)
        qtmodeltester.check(ContactTableModel([]), force_py=force_py)


def test_cells_and_headers() -> None:
    model = ContactTableModel([ANN, BOB])
    assert model.rowCount() == 2 and model.columnCount() == len(ContactTableModel.HEADERS)
    header = model.headerData(ContactTableModel.POSTCODE, Qt.Orientation.Horizontal)
    assert header == "Postcode"

    def cell(row: int, column: int) -> str:
        return model.data(model.index(row, column))

    assert cell(0, ContactTableModel.NAME) == "Ann O'Brien"
    assert cell(0, ContactTableModel.PHONE) == "01603 301751"
    assert cell(0, ContactTableModel.POSTCODE) == "NR6 5QB"
    assert cell(0, ContactTableModel.EMAIL) == "ann@example.co.uk"
    assert cell(0, ContactTableModel.NEEDS) == "Large print 20 pt, Hearing loop"
    assert cell(1, ContactTableModel.NEEDS) == ""
    tip = model.data(model.index(0, ContactTableModel.NAME), Qt.ItemDataRole.ToolTipRole)
    assert tip == "1 Woodview Road\nHellesdon\nNR6 5QB"


def test_contact_role_returns_the_contact_even_through_a_sorting_proxy() -> None:
    model = ContactTableModel([ANN, BOB])
    for column in range(model.columnCount()):
        assert model.data(model.index(1, column), ContactTableModel.ContactRole) is BOB
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(ContactTableModel.NAME, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, 0).data(ContactTableModel.ContactRole) is BOB
    assert proxy.index(1, 3).data(ContactTableModel.ContactRole) is ANN


def test_reload_resets_and_an_edit_updates_one_row(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = ContactTableModel([ANN])
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_contacts([ANN, BOB])
    assert model.rowCount() == 2 and model.row_of(2) == 1 and model.row_of(99) is None

    moved = dataclasses.replace(BOB, postcode="NR6 5QB")
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.update_contact(moved)
    top_left, bottom_right = changed.args[0], changed.args[1]
    assert (top_left.row(), top_left.column()) == (1, 0)
    assert (bottom_right.row(), bottom_right.column()) == (1, model.columnCount() - 1)
    assert model.data(model.index(1, ContactTableModel.POSTCODE)) == "NR6 5QB"
    assert not model.update_contact(dataclasses.replace(BOB, id=99))
    assert model.contact_at(1) is moved
