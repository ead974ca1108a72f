"""The layout check can fail: letters drawn with bare ReportLab, each wrong in one way, are
caught, and the same letter drawn right passes."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from reception_app.documents.fonts import REGULAR, register_fonts
from reception_app.documents.letter_layout import (
    PAGE_HEIGHT,
    body_blocks,
    footer_top,
    header,
)
from reception_app.documents.text_runs import first_baseline
from reception_app.domain.letters import LetterContent, PrintSpec, print_spec
from tests.documents.layout_check import MM
from tests.documents.letter_check import letter_problems
from tests.documents.test_letter_layout import TYPICAL, TYPICAL_ADDRESS, letter

SPEC = print_spec("large_print", 20)
Draw = tuple[float, float, str, str, float]
"""x, baseline (points from the page's top), text, face, size."""


def body_lines(content: LetterContent, spec: PrintSpec) -> list[tuple[str, str, float]]:
    """(text, face, space before) for every line below the header, in order."""
    head = header(content, spec)
    out: list[tuple[str, str, float]] = []
    gap = 0.0
    for block in head.blocks + body_blocks(content, spec):
        for n, line in enumerate(block.lines):
            out.append((line, block.font, gap if n == 0 else 0.0))
        gap = block.space_after
    return out


def naive_pages(
    content: LetterContent, spec: PrintSpec, breaks: set[int], drop: int = 0
) -> list[list[Draw]]:
    """The letter drawn line after line, a new page after each body line index in ``breaks``
    (and wherever the page is full), with none of the keep-together rules."""
    head = header(content, spec)
    pages: list[list[Draw]] = [
        [
            (r.x, PAGE_HEIGHT - r.y + n * r.leading, t, r.font, r.size)
            for r in head.runs
            for n, t in enumerate(r.lines)
        ]
    ]
    y = PAGE_HEIGHT - head.body_top
    limit = PAGE_HEIGHT - footer_top(spec)
    for index, (text, font, gap) in enumerate(
        body_lines(content, spec)[: None if not drop else -drop]
    ):
        if y + gap + spec.leading > limit:
            pages.append([])
            y, gap = spec.margin, 0.0
        y += gap
        baseline = PAGE_HEIGHT - first_baseline(PAGE_HEIGHT - y, spec.size, spec.leading)
        pages[-1].append((spec.margin, baseline, text, font, spec.size))
        y += spec.leading
        if index in breaks:
            pages.append([])
            y = spec.margin
    return [p for p in pages if p]


def bare_pdf(
    pages: list[list[Draw]],
    spec: PrintSpec,
    numbers: bool = True,
    ref: str = "EM-000012",
    extra: Callable[[Canvas, int], None] | None = None,
) -> bytes:
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, initialFontName=REGULAR, initialFontSize=spec.size)
    for n, page in enumerate(pages, start=1):
        for x, baseline, text, font, size in page:
            canvas.setFont(font, size)
            canvas.drawString(x, PAGE_HEIGHT - baseline, text)
        canvas.setFont(REGULAR, spec.size)
        if numbers:
            canvas.drawString(spec.margin, 12 * MM, f"Page {n} of {len(pages)}")
        if n > 1 and ref:
            canvas.drawRightString(A4[0] - spec.margin, 12 * MM, f"Our reference: {ref}")
        if extra is not None:
            extra(canvas, n)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


CONTENT = letter("holding_response", TYPICAL, TYPICAL_ADDRESS)
LINES = body_lines(CONTENT, SPEC)


def index_of(text: str) -> int:
    return next(i for i, (line, _f, _g) in enumerate(LINES) if line.startswith(text))


def last_line_of_a_long_paragraph() -> int:
    """The index of the last line of the first paragraph of three lines or more."""
    start = sum(len(b.lines) for b in header(CONTENT, SPEC).blocks)
    for block in body_blocks(CONTENT, SPEC):
        if len(block.lines) >= 3 and not (block.closing or block.whole or block.keep_with_next):
            return start + len(block.lines) - 1
        start += len(block.lines)
    raise AssertionError("no paragraph of three lines")


def problems_of(pdf: bytes, budget: int | None = None) -> str:
    return " | ".join(letter_problems(pdf, CONTENT, SPEC, budget))


def test_the_letter_drawn_right_passes() -> None:
    # One break where the real layout breaks: before the heading that starts page 2.
    pages = naive_pages(CONTENT, SPEC, {index_of("Why we need") - 1})
    assert problems_of(bare_pdf(pages, SPEC), budget=2) == ""


def _with(pages: list[list[Draw]], page: int, *draws: Draw) -> list[list[Draw]]:
    out = [list(p) for p in pages]
    out[page] += list(draws)
    return out


GOOD = naive_pages(CONTENT, SPEC, {index_of("Why we need") - 1})
ADDRESS = [d for d in GOOD[0] if 48 * MM < d[1] < 90 * MM and d[0] < 110 * MM]


def _split_address() -> list[list[Draw]]:
    pages = [[d for d in GOOD[0] if d not in ADDRESS[-2:]], *GOOD[1:]]
    pages[1] = [
        (d[0], SPEC.margin + 10 + i * 30, d[2], d[3], d[4]) for i, d in enumerate(ADDRESS[-2:])
    ] + [(x, b + 80, t, f, s) for x, b, t, f, s in pages[1]]
    return pages


def _slant(canvas: Canvas, page: int) -> None:
    if page == 2:
        canvas.saveState()
        canvas.translate(100, 200)
        canvas.rotate(30)
        canvas.drawString(0, 0, "Slanted")
        canvas.restoreState()


def _rotated() -> bytes:
    """The good letter with a label set at 30 degrees on page 2 (as chart axes were)."""
    return bare_pdf(GOOD, SPEC, extra=_slant)


CASES: dict[str, tuple[Callable[[], bytes], str]] = {
    "rotated text": (_rotated, "is not horizontal"),
    "split address": (lambda: bare_pdf(_split_address(), SPEC), "instead of the whole address"),
    "office details in the window": (
        lambda: bare_pdf(
            _with(GOOD, 0, (60 * MM, 86 * MM, "Phone: 01603 301751", REGULAR, 20.0)), SPEC
        ),
        "instead of the whole address and nothing else",
    ),
    "salutation at the foot": (
        lambda: bare_pdf(naive_pages(CONTENT, SPEC, {index_of("Dear ")}), SPEC),
        "ends with the salutation",
    ),
    "heading at the foot": (
        lambda: bare_pdf(naive_pages(CONTENT, SPEC, {index_of("Why we need")}), SPEC),
        "ends with the heading",
    ),
    "orphan": (
        lambda: bare_pdf(naive_pages(CONTENT, SPEC, {index_of("Thank you for")}), SPEC),
        "an orphan",
    ),
    "widow": (
        lambda: bare_pdf(naive_pages(CONTENT, SPEC, {last_line_of_a_long_paragraph() - 1}), SPEC),
        "a widow",
    ),
    "closing split": (
        lambda: bare_pdf(naive_pages(CONTENT, SPEC, {index_of("Yours sincerely")}), SPEC),
        "closing and signature are split",
    ),
    "closing alone": (
        lambda: bare_pdf(naive_pages(CONTENT, SPEC, {index_of("Yours sincerely") - 1}), SPEC),
        "not kept with the last lines",
    ),
    "avoidable half-empty page": (
        lambda: bare_pdf(
            naive_pages(CONTENT, SPEC, {index_of("Why we need") - 1, index_of("We are waiting")}),
            SPEC,
        ),
        "% empty, and the",
    ),
    "overlapping text": (
        lambda: bare_pdf(
            _with(
                GOOD,
                1,
                (SPEC.margin + 20, 200 * MM, "overlapping", REGULAR, 20.0),
                (SPEC.margin + 30, 201 * MM, "label", REGULAR, 20.0),
            ),
            SPEC,
        ),
        "overlaps",
    ),
    "text below the chosen size": (
        lambda: bare_pdf(
            _with(GOOD, 1, (SPEC.margin, 200 * MM, "small print", REGULAR, 14.0)), SPEC
        ),
        "is 14 pt",
    ),
    "font not embedded": (
        lambda: bare_pdf(
            _with(GOOD, 1, (SPEC.margin, 200 * MM, "Helvetica", "Helvetica", 20.0)), SPEC
        ),
        "font Helvetica is not embedded",
    ),
    "no page numbers": (lambda: bare_pdf(GOOD, SPEC, numbers=False), "has no 'Page x of y'"),
    "no reference on page 2": (lambda: bare_pdf(GOOD, SPEC, ref=""), "lacks the reference"),
    "over the budget": (
        lambda: bare_pdf(GOOD + [[(SPEC.margin, 100 * MM, "Extra", REGULAR, 20.0)]], SPEC),
        "over the budget",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_kind_of_bad_letter_is_caught(case: str) -> None:
    make, expected = CASES[case]
    found = problems_of(make(), budget=2)
    assert expected in found, found


def test_an_address_set_smaller_than_it_needs_is_caught() -> None:
    pages = [
        [(x, b, t, f, 16.0 if (x, b, t, f, s) in ADDRESS else s) for x, b, t, f, s in GOOD[0]],
        *GOOD[1:],
    ]
    found = problems_of(bare_pdf(pages, SPEC))
    assert "the address is 16 pt though it fits at 20 pt" in found, found
