"""Reading a generated PDF back with pdfplumber: every line's text, place, size and face, and
the checks every document must pass (fonts embedded, no text too small, nothing overlapping,
"Page x of y" on every page, no page left under half full when it could have been avoided).

The letter and report checks (letter_check.py, report_check.py) build on these. Each check
returns a list of plain problems; ``assert_clean`` fails a test with all of them at once.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pdfplumber
from pdfminer.pdftypes import resolve1

MM = 72 / 25.4
PAGE_NUMBER = re.compile(r"Page (\d+) of (\d+)")


@dataclass(frozen=True)
class Line:
    """One line of text: characters on the same baseline, in drawing order, left to right."""

    page: int
    """1-based."""
    text: str
    x0: float
    x1: float
    top: float
    """From the top of the page (pdfplumber's convention), glyph box."""
    bottom: float
    baseline: float
    size: float
    bold: bool
    upright: bool


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    words: list[tuple[str, float, float, float, float]]
    """(text, x0, top, x1, bottom) of every word, horizontal text only."""
    chars: list[tuple[str, float, float, float, float]]
    """The same for every character (two labels drawn over each other make one 'word')."""
    sizes: list[tuple[str, float]]
    """(character, size) of every visible character."""
    rotated: list[str]
    """Characters not set horizontally."""
    graphics_bottom: float = 0.0
    """The lowest point of any line or rectangle drawn (charts, table rules)."""
    graphics_top: float = 0.0
    rules: list[float] = field(default_factory=list)
    """Distinct heights (from the top) of horizontal rules: table row boundaries."""
    shapes: list[tuple[float, float]] = field(default_factory=list)
    """(top, bottom) of every line and rectangle drawn (chart bars, table rules)."""
    tables: list[TableBox] = field(default_factory=list)


@dataclass(frozen=True)
class TableBox:
    """A ruled table as pdfplumber finds it: its rows' (top, bottom) and first row's text."""

    top: float
    bottom: float
    rows: list[tuple[float, float]]
    header: str
    header_bold: bool
    columns: int


@dataclass
class Document:
    pages: list[Page]
    fonts: dict[str, bool]
    """Every font used on any page -> whether its file is embedded in the PDF."""
    title: str = ""
    language: str = ""


def read(pdf: bytes) -> Document:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        fonts: dict[str, bool] = {}
        pages = []
        for page in doc.pages:
            fonts.update(_fonts(page))
            pages.append(_page(page))
        info = doc.metadata or {}
        root = resolve1(doc.doc.catalog)
        language = resolve1(root.get("Lang", b""))
        if isinstance(language, bytes):
            language = language.decode("latin-1")
        return Document(pages, fonts, str(info.get("Title", "")), str(language))


def _fonts(page: pdfplumber.page.Page) -> dict[str, bool]:
    found: dict[str, bool] = {}
    resources = resolve1(page.page_obj.resources) or {}
    for ref in (resolve1(resources.get("Font")) or {}).values():
        font = resolve1(ref)
        name = str(resolve1(font.get("BaseFont"))).strip("/'")
        descriptor = resolve1(font.get("FontDescriptor")) or {}
        for descendant in resolve1(font.get("DescendantFonts")) or []:
            descriptor = resolve1(resolve1(descendant).get("FontDescriptor")) or descriptor
        found[name] = any(k in descriptor for k in ("FontFile", "FontFile2", "FontFile3"))
    return found


def _page(page: pdfplumber.page.Page) -> Page:
    chars = [c for c in page.chars if c["text"].strip()]
    rows: dict[tuple[float, int], list[dict[str, object]]] = {}
    rotated = []
    for c in chars:
        matrix = c["matrix"]
        if abs(float(matrix[1])) > 1e-3 or abs(float(matrix[2])) > 1e-3 or not c["upright"]:
            rotated.append(str(c["text"]))  # pdfminer calls text at 30 degrees upright
            continue
        baseline = round(float(c["matrix"][5]), 1)
        rows.setdefault((baseline, 0), []).append(c)
    lines = []
    for (baseline, _), row in sorted(rows.items(), key=lambda kv: -kv[0][0]):
        lines += _split_row(page.page_number, page.height, baseline, row)
    words = [
        (str(w["text"]), float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        for w in page.filter(_horizontal).extract_words(x_tolerance=1.5, y_tolerance=1)
    ]
    shapes = [*page.lines, *page.rects, *page.curves]
    rules = sorted(
        {round(float(s["top"]), 0) for s in shapes if abs(float(s["top"]) - float(s["bottom"])) < 2}
    )
    return Page(
        page.page_number,
        float(page.width),
        float(page.height),
        lines,
        words,
        [
            (str(c["text"]), float(c["x0"]), float(c["top"]), float(c["x1"]), float(c["bottom"]))
            for c in chars
            if _horizontal(c)
        ],
        [(str(c["text"]), float(c["size"])) for c in chars],
        rotated,
        max((float(s["bottom"]) for s in shapes), default=0.0),
        min((float(s["top"]) for s in shapes), default=0.0),
        [float(r) for r in rules],
        [(float(s["top"]), float(s["bottom"])) for s in shapes],
        _tables(page, lines),
    )


def _tables(page: pdfplumber.page.Page, lines: list[Line]) -> list[TableBox]:
    found = []
    for table in page.find_tables():
        rows = [(float(r.bbox[1]), float(r.bbox[3])) for r in table.rows]
        if not rows:
            continue
        first = [ln for ln in lines if rows[0][0] - 1 <= ln.top and ln.bottom <= rows[0][1] + 1]
        header = " ".join(ln.text for ln in sorted(first, key=lambda ln: (ln.top, ln.x0)))
        bold = bool(first) and all(ln.bold for ln in first)
        columns = max(len(r.cells) for r in table.rows)
        box = TableBox(float(table.bbox[1]), float(table.bbox[3]), rows, header, bold, columns)
        found.append(box)
    return sorted(found, key=lambda t: t.top)


def _horizontal(obj: dict[str, object]) -> bool:
    if obj.get("object_type") != "char":
        return True
    matrix = obj["matrix"]
    return abs(float(matrix[1])) < 1e-3 and abs(float(matrix[2])) < 1e-3  # type: ignore[index]


def _split_row(
    number: int, height: float, baseline: float, row: list[dict[str, object]]
) -> list[Line]:
    """Characters on one baseline, cut where a wide gap separates columns (a table's cells, the
    footer's page number and reference)."""
    row = sorted(row, key=lambda c: float(c["x0"]))  # type: ignore[arg-type]
    out: list[Line] = []
    group: list[dict[str, object]] = []
    for c in row:
        if group and float(c["x0"]) - float(group[-1]["x1"]) > 2.5 * float(c["size"]):  # type: ignore[arg-type]
            out.append(_line(number, height, baseline, group))
            group = []
        group.append(c)
    if group:
        out.append(_line(number, height, baseline, group))
    return out


def _line(number: int, height: float, baseline: float, chars: list[dict[str, object]]) -> Line:
    text = ""
    for prev, c in zip([None, *chars], chars, strict=False):
        if prev is not None and float(c["x0"]) - float(prev["x1"]) > 0.15 * float(c["size"]):  # type: ignore[arg-type]
            text += " "
        text += str(c["text"])
    return Line(
        page=number,
        text=text,
        x0=min(float(c["x0"]) for c in chars),  # type: ignore[arg-type]
        x1=max(float(c["x1"]) for c in chars),  # type: ignore[arg-type]
        top=min(float(c["top"]) for c in chars),  # type: ignore[arg-type]
        bottom=max(float(c["bottom"]) for c in chars),  # type: ignore[arg-type]
        baseline=height - baseline,
        size=max(float(c["size"]) for c in chars),  # type: ignore[arg-type]
        bold=all("Bold" in str(c["fontname"]) for c in chars),
        upright=True,
    )


# --- checks every document passes ----------------------------------------------------------------


def fonts_not_embedded(doc: Document) -> list[str]:
    return [f"font {name} is not embedded" for name, embedded in doc.fonts.items() if not embedded]


def text_below(doc: Document, minimum: float, exempt: Iterable[Line] = ()) -> list[str]:
    """Characters smaller than ``minimum`` points (0.05 pt of rounding allowed), outside the
    ``exempt`` lines."""
    allowed = {(line.page, round(line.baseline, 1), line.x0) for line in exempt}
    problems = []
    for page in doc.pages:
        small = [ln for ln in page.lines if ln.size < minimum - 0.05]
        for ln in small:
            if (ln.page, round(ln.baseline, 1), ln.x0) not in allowed:
                problems.append(f"page {page.number}: {ln.text[:40]!r} is {ln.size:g} pt")
    return problems


def not_horizontal(doc: Document) -> list[str]:
    return [
        f"page {p.number}: {''.join(p.rotated)[:40]!r} is not horizontal"
        for p in doc.pages
        if p.rotated
    ]


def overlapping_text(doc: Document, tolerance: float = 1.0) -> list[str]:
    """Characters whose boxes intersect by more than ``tolerance`` points across and half a
    point down (letters of one word touch but do not overlap; lines of text do not touch)."""
    problems = []
    for page in doc.pages:
        chars = sorted(page.chars, key=lambda c: c[1])
        clashes: list[str] = []
        for i, (text, _x0, top, x1, bottom) in enumerate(chars):
            for other in chars[i + 1 :]:
                if other[1] >= x1 - tolerance:
                    break
                if other[2] < bottom - 0.5 and top < other[4] - 0.5:
                    clashes.append(f"{text!r} and {other[0]!r} at {other[1]:.0f},{other[2]:.0f}")
        if clashes:
            near = "; ".join(clashes[:3])
            problems.append(f"page {page.number}: text overlaps ({len(clashes)} places: {near})")
    return problems


def page_numbers(doc: Document, size: float | None = None) -> list[str]:
    """'Page x of y' on every page, with the right x and y (at ``size`` points if given)."""
    total = len(doc.pages)
    problems = []
    for page in doc.pages:
        found = [(ln, PAGE_NUMBER.search(ln.text)) for ln in page.lines]
        matches = [(ln, m) for ln, m in found if m]
        if not matches:
            problems.append(f"page {page.number} has no 'Page x of y'")
            continue
        ln, m = matches[-1]
        if (int(m.group(1)), int(m.group(2))) != (page.number, total):
            problems.append(f"page {page.number} says {m.group(0)!r} (of {total})")
        if size is not None and abs(ln.size - size) > 0.05:
            problems.append(f"page {page.number}: the page number is {ln.size:g} pt, not {size:g}")
    return problems


def content_lines(page: Page) -> list[Line]:
    """The page's lines without its 'Page x of y' line (and what shares its baseline)."""
    footer = {round(ln.baseline, 1) for ln in page.lines if PAGE_NUMBER.search(ln.text)}
    return [ln for ln in page.lines if round(ln.baseline, 1) not in footer]


def content_extent(page: Page, footer: bool = False) -> tuple[float, float]:
    """Top and bottom (from the page top) of the page's content: text and drawings."""
    lines = page.lines if footer else content_lines(page)
    tops = [ln.top for ln in lines]
    bottoms = [ln.bottom for ln in lines]
    if page.graphics_bottom:
        tops.append(page.graphics_top)
        bottoms.append(page.graphics_bottom)
    return (min(tops, default=0.0), max(bottoms, default=0.0))


def under_half_full(
    doc: Document,
    area: tuple[float, float],
    first_unit: Sequence[float],
    gap: float = 0.0,
    slack: float = 2.0,
) -> list[str]:
    """Pages whose content ends above the middle of the text ``area`` (top, bottom from the
    page's top) although the next page's first unit (``first_unit[n]``: the height of what
    could not be split off the top of page n+1) would have fitted below it; and a last page
    whose whole content would have fitted on the page before it."""
    top, bottom = area
    problems = []
    for n, page in enumerate(doc.pages[:-1]):
        _start, end = content_extent(page)
        free = bottom - end
        if end - top < (bottom - top) / 2 and first_unit[n + 1] <= free - slack:
            problems.append(
                f"page {page.number} is {100 * free / (bottom - top):.0f}% empty, and the "
                f"{first_unit[n + 1] / MM:.0f} mm that start page {page.number + 1} would fit"
            )
    if len(doc.pages) > 1:
        last_start, last_end = content_extent(doc.pages[-1])
        free = bottom - content_extent(doc.pages[-2])[1]
        if last_end - last_start + gap <= free - slack:
            problems.append(f"page {len(doc.pages)} would fit on page {len(doc.pages) - 1}")
    return problems


def assert_clean(problems: Iterable[str], what: str = "") -> None:
    found = list(problems)
    assert not found, (what + ": " if what else "") + "; ".join(found[:12])
