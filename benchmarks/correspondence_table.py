"""The correspondence table with 50,000 rows: filling, sorting and filtering through our model,
against a bare baseline measured in the same run.

Baseline: the usual Qt recipe, a minimal QAbstractTableModel that formats each cell in
``data()`` behind a QSortFilterProxyModel (sort and filter call ``data()`` back for every
comparison); it shares our cache of deadline texts, which otherwise dominates everything. Ours: CorrespondenceTableModel, which works out each row's texts, sort keys and
search text once and then sorts and filters lists of row numbers in Python. Rows are real
CorrespondenceItem values with deadlines from the office's engine; each step is timed as the
median of several runs, including a QTableView showing the first screen of rows.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/correspondence_table.py [--rows 50000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import (  # noqa: E402
    QAbstractTableModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QApplication, QTableView  # noqa: E402

from reception_app.domain.correspondence import (  # noqa: E402
    CorrespondenceItem,
    CorrespondenceStatus,
    compute_deadlines,
    next_step,
)
from reception_app.domain.deadlines import engine_for  # noqa: E402
from reception_app.domain.standards import CHANNELS  # noqa: E402
from reception_app.ui.models.correspondence_table_model import (  # noqa: E402
    CorrespondenceTableModel,
    DueTexts,
    local_text,
)

TODAY = date(2026, 11, 24)


def make_rows(n: int) -> list[CorrespondenceItem]:
    engine = engine_for("hellesdon")
    rng = random.Random(5)
    channels = [c for c in CHANNELS if c in engine.standards]
    start = datetime(2023, 1, 2, 9, 0, tzinfo=UTC)
    rows = []
    for i in range(n):
        channel = rng.choice(channels)
        received = start + timedelta(minutes=rng.randint(0, 60 * 24 * 1400))
        deadlines = compute_deadlines(engine, channel, received)
        step = next_step(deadlines, acknowledged=False, responded=False, closed=False, paused=False)
        rows.append(
            CorrespondenceItem(
                id=i + 1,
                channel=channel,
                received_at=received,
                from_name=f"Customer {rng.randint(1, 20000)}",
                subject=rng.choice(["Bins", "Hedge", "Allotment", "Parking", "FOI: spending"]),
                owner_id=rng.randint(1, 12),
                owner_name=f"Officer {rng.randint(1, 12)}",
                deadlines=deadlines,
                status=CorrespondenceStatus.OPEN,
                next_step=step[0] if step else "",
                next_due=step[1] if step else None,
            )
        )
    return rows


class BareModel(QAbstractTableModel):
    """The baseline: rows in a list, every cell formatted on request."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[CorrespondenceItem] = []
        # The same cache of deadline texts as ours, so the comparison is about the model and
        # the proxy, not about counting working days (uncached, one sort takes minutes).
        self.due = DueTexts(engine_for("hellesdon"), TODAY)

    def set_rows(self, rows: list[CorrespondenceItem]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Any = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(CorrespondenceTableModel.HEADERS)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        item = self.rows[index.row()]
        column = index.column()
        if column == CorrespondenceTableModel.DUE:
            return self.due.text(item.next_due)
        if column == CorrespondenceTableModel.RECEIVED:
            return local_text(item.received_at, UTC)
        return (
            item.reference,
            item.channel_name,
            "",
            item.from_name,
            item.subject,
            item.owner_name,
            item.next_step,
            "",
            item.status.label,
        )[column]


def median_ms(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    started = time.perf_counter()
    rows = make_rows(args.rows)
    print(f"{args.rows} rows with engine deadlines built in {time.perf_counter() - started:.1f} s")

    ours = CorrespondenceTableModel()
    ours.set_context(engine_for("hellesdon"), TODAY, UTC)
    bare = BareModel()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(bare)
    proxy.setFilterKeyColumn(-1)
    proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def fill_ours() -> None:
        ours.set_rows(rows)

    def fill_bare() -> None:
        bare.set_rows(rows)

    results: list[tuple[str, float, float]] = []
    results.append(("fill", median_ms(fill_ours, args.runs), median_ms(fill_bare, args.runs)))
    due = CorrespondenceTableModel.DUE
    results.append(
        (
            "sort by due date",
            median_ms(lambda: ours.sort(due, Qt.SortOrder.AscendingOrder), args.runs),
            median_ms(lambda: proxy.sort(due, Qt.SortOrder.AscendingOrder), 1),
        )
    )
    subject = CorrespondenceTableModel.SUBJECT
    results.append(
        (
            "sort by subject",
            median_ms(lambda: ours.sort(subject, Qt.SortOrder.DescendingOrder), args.runs),
            median_ms(lambda: proxy.sort(subject, Qt.SortOrder.DescendingOrder), 1),
        )
    )

    def filter_ours() -> None:
        ours.set_filter("hedge")
        ours.set_filter("")

    def filter_bare() -> None:
        proxy.setFilterFixedString("hedge")
        proxy.setFilterFixedString("")

    results.append(
        ("filter 'hedge' and clear", median_ms(filter_ours, args.runs), median_ms(filter_bare, 1))
    )

    def show(model: Any) -> Callable[[], object]:
        def work() -> None:
            view = QTableView()
            view.setModel(model)
            view.horizontalHeader().setResizeContentsPrecision(200)
            view.resize(1200, 700)
            view.resizeColumnsToContents()
            view.grab()
            view.deleteLater()

        return work

    results.append(
        (
            "table view: fit columns, first paint",
            median_ms(show(ours), args.runs),
            median_ms(show(proxy), args.runs),
        )
    )

    print(f"\n{'step':40} {'ours':>10} {'baseline':>10} {'ratio':>7}")
    for name, mine, base in results:
        ratio = mine / base if base else float("inf")
        print(f"{name:40} {mine:8.0f} ms {base:8.0f} ms {ratio:7.2f}")
    print(
        "\nRatios below 1 mean our model is faster. Filling costs more up front (texts and keys "
        "for every row), which is what makes sorting and filtering fast afterwards."
    )
    app.processEvents()


if __name__ == "__main__":
    main()
