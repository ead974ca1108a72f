"""The report's tables: the header repeats on every page, a table never leaves one row alone
on either side of a page break, and a heading stays with the first rows of what follows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from reception_app.documents.fonts import BOLD, REGULAR
from reception_app.documents.report_style import Styles, m
from reception_app.documents.text_runs import measure
from reception_app.domain.reports import FigureTable

RULE = colors.HexColor("#8a8a8a")
HEADER = colors.HexColor("#e6edf5")
MIN_ROWS = 2
"""Rows a table keeps together at either side of a page break."""


class RowTable(Table):  # type: ignore[misc]  # ReportLab has no type stubs
    """A Table that splits only where at least two rows stay on each side (one header row
    repeated above the rows carried over)."""

    def _getFirstPossibleSplitRowPosition(self, availHeight: float, ignoreSpans: int = 0) -> int:  # noqa: N802, N803
        n = int(super()._getFirstPossibleSplitRowPosition(availHeight, ignoreSpans))
        rows = len(self._rowHeights)
        if n >= rows:
            return n
        if rows - n < MIN_ROWS:
            n = rows - MIN_ROWS
        if n - 1 < MIN_ROWS:  # the header and fewer than two rows: the table moves on whole
            return 0
        return n

    def start_height(self, width: float) -> float:
        """The height of the header and the first rows: what must fit where the table starts."""
        self.wrap(width, 1e6)
        return float(
            sum(self._rowHeights[: 1 + MIN_ROWS + (1 if len(self._rowHeights) == 4 else 0)])
        )


def column_widths(rows: Sequence[Sequence[str]], styles: Styles, width: float) -> list[float]:
    """Widths that give each column what its longest word needs, then share the rest by how
    much text each column holds, so a column of sentences is not squeezed like one of numbers."""
    text = measure(REGULAR, styles.size.small)
    bold = measure(BOLD, styles.size.small)
    pad = 8 + styles.size.small * 0.5
    columns = list(zip(*rows, strict=True))
    least = [
        max(
            max((f.width(w) for w in cell.split()), default=0.0)
            for cell, f in zip(col, [bold] + [text] * (len(col) - 1), strict=True)
        )
        + pad
        for col in columns
    ]
    natural = [max(text.width(cell) for cell in col) + pad for col in columns]
    natural = [max(n, lo) for n, lo in zip(natural, least, strict=True)]
    if sum(least) >= width:
        return [width * lo / sum(least) for lo in least]
    if sum(natural) <= width:
        return [width * n / sum(natural) for n in natural]
    spare = width - sum(least)
    extra = [n - lo for n, lo in zip(natural, least, strict=True)]
    return [lo + spare * e / sum(extra) for lo, e in zip(least, extra, strict=True)]


def table(
    rows: Sequence[Sequence[str]], styles: Styles, widths: Sequence[float] | None = None
) -> RowTable:
    data = [
        [Paragraph(m(cell), styles.head_cell if r == 0 else styles.cell) for cell in row]
        for r, row in enumerate(rows)
    ]
    out = RowTable(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    out.setStyle(
        TableStyle(
            [
                # Tables set their cells' font (Helvetica, not embedded) even for paragraphs.
                ("FONTNAME", (0, 0), (-1, -1), REGULAR),
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return out


def breakdown(figures: FigureTable, styles: Styles, width: float, large: bool) -> list[Any]:
    """A breakdown, whole in clear print; in large print as two narrower tables (counts, then
    waits), each with the row names, so no column is too narrow for its words."""
    if not figures.rows:
        return [styles.para(f"{figures.title}: none in this period.")]
    headers, rows = figures.headers, figures.rows
    if not large or len(headers) < 10:
        whole = [headers, *rows]
        return [table(whole, styles, column_widths(whole, styles, width))]
    counts = [0, 1, 2, 3, 8, 9][: len(headers)]
    waits = [0, 4, 5, 6, 7] + ([10] if len(headers) > 10 else [])
    out: list[Any] = []
    for columns in (counts, waits):
        part = [[row[i] for i in columns if i < len(row)] for row in [headers, *rows]]
        first = width * 0.3
        rest = (width - first) / (len(part[0]) - 1)
        out += [table(part, styles, [first] + [rest] * (len(part[0]) - 1)), Spacer(1, 6)]
    return out[:-1]


def kept(heading: Paragraph, following: Flowable, width: float) -> list[Flowable]:
    """A page break taken only when ``heading`` and the start of ``following`` do not both fit
    (a table's header and first two rows, a paragraph's first two lines, a chart whole).
    Nothing longer is kept together, so no page is left half empty for a long table."""
    _w, h = heading.wrap(width, 1e6)
    need = h + heading.getSpaceBefore() + heading.getSpaceAfter()
    if isinstance(following, RowTable):
        need += following.start_height(width)
    elif isinstance(following, Paragraph):
        following.wrap(width, 1e6)
        lines = len(following.blPara.lines)
        need += following.style.leading * (lines if lines <= 3 else 2)
    else:
        need += following.wrap(width, 1e6)[1]
    return [CondPageBreak(need), heading, following]
