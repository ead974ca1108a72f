"""The layout check for managers' reports: a PDF read back (layout_check.read). Fails on text
below the print's size (12 pt clear, 18 pt large), overlapping or rotated text (chart labels
included), fonts not embedded, pages without "Page x of y", a heading at the foot of a page, a
table split without its header repeated or with one row alone on either side, a summary that
is not one page, and a detail page under half full when what starts the next would have fitted.
"""

from __future__ import annotations

from tests.documents.layout_check import (
    Document,
    Page,
    TableBox,
    content_extent,
    content_lines,
    fonts_not_embedded,
    not_horizontal,
    overlapping_text,
    page_numbers,
    read,
    text_below,
    under_half_full,
)

MARGIN = 15 * 72 / 25.4
SUMMARY_END = "Walk-ins by hour"
"""The first heading of the detail pages (page 2), when the day had walk-ins."""


def _tables(page: Page) -> list[TableBox]:
    # Chart grids and single bars are not tables: a table has columns, rows and text in them.
    return [t for t in page.tables if t.header.strip() and len(t.rows) >= 2 and t.columns >= 2]


def table_problems(doc: Document) -> list[str]:
    """A table running on to the next page repeats its header there, and leaves at least two
    rows on each side of the break."""
    problems = []
    for page, following in zip(doc.pages, doc.pages[1:], strict=False):
        here, there = _tables(page), _tables(following)
        if not here or not there:
            continue
        last, first = here[-1], there[0]
        _top, end = content_extent(page)
        top_of_next = min((ln.top for ln in content_lines(following)), default=first.top)
        if last.bottom < end - 2 or first.top > top_of_next + 2:
            continue  # something follows the table here, or comes before it there
        if first.header != last.header:
            if not first.header_bold:
                problems.append(f"page {following.number}: a table goes on without its header")
            continue
        if len(last.rows) - 1 < 2:
            problems.append(f"page {page.number}: one row of {last.header[:30]!r} alone")
        if len(first.rows) - 1 < 2:
            problems.append(f"page {following.number}: one row of {first.header[:30]!r} alone")
    return problems


def heading_problems(doc: Document, body: float) -> list[str]:
    """The lowest text on a page (but the last) is never a heading (bold, outside a table)."""
    problems = []
    for page in doc.pages[:-1]:
        lines = content_lines(page)
        if not lines:
            continue
        lowest = max(lines, key=lambda ln: ln.bottom)
        in_table = any(t.top - 1 <= lowest.top <= t.bottom + 1 for t in _tables(page))
        if lowest.bold and not in_table:
            problems.append(f"page {page.number} ends with the heading {lowest.text!r}")
    return problems


def _blocks(page: Page, gap: float) -> list[tuple[float, float]]:
    """The page's content as vertical blocks (top, bottom) parted by at least ``gap`` of
    white space."""
    spans = sorted([(ln.top, ln.bottom) for ln in content_lines(page)] + list(page.shapes))
    blocks: list[list[float]] = []
    for top, bottom in spans:
        if blocks and top <= blocks[-1][1] + gap:
            blocks[-1][1] = max(blocks[-1][1], bottom)
        else:
            blocks.append([top, bottom])
    return [(a, b) for a, b in blocks]


def first_unit(page: Page, body: float) -> float:
    """The height of what could not have moved back from the top of ``page``: a table's header
    and first two rows (with a heading above it), two lines of text, or a chart whole."""
    blocks = _blocks(page, body * 0.6)
    if not blocks:
        return 0.0
    top = blocks[0][0]
    for block_top, block_bottom in blocks:
        tables = [t for t in _tables(page) if block_top - 1 <= t.top <= block_bottom + 1]
        lines = [ln for ln in content_lines(page) if block_top - 1 <= ln.top <= block_bottom]
        if tables:
            rows = tables[0].rows
            return rows[min(2, len(rows) - 1)][1] - top
        if lines and all(ln.bold for ln in lines):
            continue  # a heading: it stays with what follows
        if page.shapes and any(block_top - 1 <= s[0] <= block_bottom for s in page.shapes):
            return block_bottom - top  # a chart
        return sorted(ln.bottom for ln in lines)[min(1, len(lines) - 1)] - top
    return blocks[-1][1] - top


def report_problems(pdf: bytes, large_print: bool) -> list[str]:
    """Every problem the layout check finds in the report's PDF."""
    doc = read(pdf)
    body = 18.0 if large_print else 12.0
    problems = fonts_not_embedded(doc) + not_horizontal(doc) + overlapping_text(doc)
    problems += page_numbers(doc, body)
    problems += text_below(doc, body)
    problems += table_problems(doc)
    problems += heading_problems(doc, body)
    if len(doc.pages) > 1:
        second = " ".join(ln.text for ln in doc.pages[1].lines[:3])
        if SUMMARY_END not in second and any(
            SUMMARY_END in ln.text for p in doc.pages for ln in p.lines
        ):
            problems.append("the summary runs on to page 2")
    height = doc.pages[0].height
    numbers = [ln for ln in doc.pages[0].lines if ln.text.startswith("Page 1 of")]
    bottom = numbers[0].top - body * 0.8 if numbers else height - MARGIN
    units = [first_unit(page, body) for page in doc.pages]
    # The summary stands alone on page 1 by design: the check starts at the detail pages.
    detail = Document(doc.pages[1:], doc.fonts)
    # Ink is shorter than the boxes platypus fits (padding, a chart's margins): a line's slack.
    problems += under_half_full(detail, (MARGIN, bottom), units[1:], gap=body, slack=2 * body)
    return problems
