"""Where every line of a letter goes: the envelope window, the first page's header, and page
breaks that keep together what belongs together.

Measurements follow docs/letters.md ("Where things sit on the page"). All y values here are
PDF points from the bottom of the page, as ReportLab draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reportlab.lib.pagesizes import A4

from reception_app.documents.fonts import BOLD, REGULAR
from reception_app.documents.letter_pages import KEEP_WHOLE_LINES, Block, paginate
from reception_app.documents.text_runs import ASCENT, DESCENT, Run, first_baseline, measure
from reception_app.domain.letters import LARGE_SIZES, STANDARD_SIZES, LetterContent, PrintSpec

MM = 72 / 25.4
PAGE_WIDTH, PAGE_HEIGHT = A4

# A DL or C5 envelope with its window on the left shows 90 x 45 mm of an A4 sheet folded in
# three, its top-left corner 20 mm from the left edge and 45 mm from the top (DOMAIN.md 10).
WINDOW_LEFT = 20 * MM
WINDOW_TOP = 45 * MM
WINDOW_WIDTH = 90 * MM
WINDOW_HEIGHT = 45 * MM
ADDRESS_LEFT = 25 * MM
ADDRESS_RIGHT = 108 * MM
ADDRESS_TOP = 48 * MM
ADDRESS_BOTTOM = 88 * MM
"""Where the address's glyphs may go, from the sheet's left and top edges: 5 mm inside the
window's left edge, 3 mm inside its top, 2 mm inside its right and bottom edges (the sheet
moves a little in the envelope; the first line's caps start below its glyph box)."""
ADDRESS_LEADING = 1.1
"""Line spacing of the address block, times its size: a block of short lines."""
COLUMN_LEFT = WINDOW_LEFT + WINDOW_WIDTH + 5 * MM
"""The office's details and the letter's facts sit right of the window, clear of it."""
FOOTER_BOTTOM = 12 * MM
"""Baseline of the page number line, from the bottom edge of the paper."""


def window_box() -> tuple[float, float, float, float]:
    """The window as (x0, bottom, x1, top) in PDF points."""
    top = PAGE_HEIGHT - WINDOW_TOP
    return (WINDOW_LEFT, top - WINDOW_HEIGHT, WINDOW_LEFT + WINDOW_WIDTH, top)


def address_zone() -> tuple[float, float, float, float]:
    """Where the address's glyphs may go, as (x0, bottom, x1, top) in PDF points."""
    return (ADDRESS_LEFT, PAGE_HEIGHT - ADDRESS_BOTTOM, ADDRESS_RIGHT, PAGE_HEIGHT - ADDRESS_TOP)


@dataclass
class LetterLayout:
    """The letter's runs, page by page, and the size the address block was set at."""

    pages: list[list[Run]] = field(default_factory=list)
    address_size: float = 0.0


# --- the address ------------------------------------------------------------------------------


def _address_lines(recipient: tuple[str, ...], size: float, join_postcode: bool) -> list[str]:
    lines = list(recipient)
    if join_postcode and len(lines) >= 3:
        lines[-2:] = [f"{lines[-2]} {lines[-1]}"]
    x0, _bottom, x1, _top = address_zone()
    wrapped: list[str] = []
    fitter = measure(REGULAR, size)
    for line in lines:
        wrapped += fitter.wrap(line, x1 - x0)
    return wrapped


def _address_height(n: int, size: float) -> float:
    return (n - 1) * size * ADDRESS_LEADING + (ASCENT + DESCENT) * size


def address_run(recipient: tuple[str, ...], spec: PrintSpec) -> Run | None:
    """The recipient's name and address in one block inside the window.

    At the chosen size when it fits (with the postcode on the post town's line if that is what
    it takes); an address too tall for the window at a large size (five lines at 24 pt) is set
    at the largest offered size that fits, since the window cannot grow. None when no size
    fits (a 300-character name): the address then opens the body at the chosen size.
    """
    _x0, bottom, _x1, top = address_zone()
    offered = LARGE_SIZES if spec.size in LARGE_SIZES else STANDARD_SIZES
    sizes = [spec.size] + sorted((s for s in offered if s < spec.size), reverse=True)
    for size in sizes:
        for join in (False, True):
            lines = _address_lines(recipient, size, join)
            if _address_height(len(lines), size) <= top - bottom:
                x0 = address_zone()[0]
                leading = size * ADDRESS_LEADING
                return Run(x0, top - ASCENT * size, REGULAR, size, leading, tuple(lines))
    return None


# --- the first page's header ------------------------------------------------------------------


def _facts(content: LetterContent) -> list[str]:
    facts = [content.date_text]
    if content.reference:
        facts.append(f"Our reference: {content.reference}")
    if content.contact_name:
        facts.append(f"Please ask for: {content.contact_name}")
    return [f for f in facts if f.strip()]


def _column(texts: list[str], width: float, spec: PrintSpec) -> list[str] | None:
    """``texts`` wrapped to the column, or None when a word would have to be broken."""
    fitter = measure(REGULAR, spec.size)
    if not all(fitter.fits(t, width) for t in texts):
        return None
    out: list[str] = []
    for text in texts:
        out += fitter.wrap(text, width)
    return out


@dataclass
class Header:
    """Page 1 above the body: runs at fixed places, where the body starts, the address's
    size, and the blocks that open the body (what did not fit beside the window)."""

    runs: list[Run]
    body_top: float
    address_size: float
    blocks: list[Block]


def header(content: LetterContent, spec: PrintSpec) -> Header:
    """The first page's letterhead, address and facts.

    The office's name is at the top; its address and contact details, then the date, our
    reference and who to ask for, go in the column right of the window while they fit beside
    it; whatever does not opens the body, below the window, at full width.
    """
    m = spec.margin
    runs: list[Run] = []
    y_top = PAGE_HEIGHT - m
    if content.letterhead:
        name_size = spec.letterhead_size
        leading = round(name_size * 1.3, 1)
        name_lines = measure(BOLD, name_size).wrap(content.letterhead[0], PAGE_WIDTH - 2 * m)
        baseline = first_baseline(y_top, name_size, leading)
        runs.append(Run(m, baseline, BOLD, name_size, leading, tuple(name_lines)))
        y_top -= leading * len(name_lines)
    fitter = measure(REGULAR, spec.size)
    width = PAGE_WIDTH - 2 * m
    blocks: list[Block] = []
    address = address_run(content.recipient, spec)
    body_top = window_box()[1]
    if address is None:
        flowing = tuple(line for text in content.recipient for line in fitter.wrap(text, width))
        blocks.append(Block(flowing, REGULAR, spec.paragraph_space))
        body_top = min(body_top, y_top)
    else:
        runs.append(address)
    column_width = PAGE_WIDTH - m - COLUMN_LEFT
    room = y_top - window_box()[1]  # the column runs from below the name to the window's foot
    y = y_top
    office = list(content.letterhead[1:])
    for group in (office, _facts(content)):
        if not group:
            continue
        lines = _column(group, column_width, spec) if not blocks else None
        if lines is not None and (y_top - y) + len(lines) * spec.leading <= room:
            runs.append(_run(COLUMN_LEFT, y, lines, spec))
            y -= spec.leading * (len(lines) + 0.5)
            continue
        if group is office:
            # Below the customer's address, the office's needs saying whose it is.
            group = [f"Our address: {group[0]}", *group[1:]]
        wrapped = tuple(line for text in group for line in fitter.wrap(text, width))
        blocks.append(Block(wrapped, REGULAR, spec.leading * 0.5, whole=True))
    # What follows starts at the window's foot (its glyphs a little lower) or below the column.
    body_top = min(body_top, y + spec.leading * 0.5)
    if blocks:
        blocks[-1] = replace(blocks[-1], space_after=spec.paragraph_space)
    else:
        body_top -= spec.paragraph_space
    size = address.size if address is not None else spec.size
    return Header(runs, body_top, size, blocks)


def _run(
    x: float, slot_top: float, lines: Sequence[str], spec: PrintSpec, font: str = REGULAR
) -> Run:
    baseline = first_baseline(slot_top, spec.size, spec.leading)
    return Run(x, baseline, font, spec.size, spec.leading, tuple(lines))


# --- the body and the pages -------------------------------------------------------------------


def body_blocks(content: LetterContent, spec: PrintSpec) -> list[Block]:
    """The subject, the template's blocks and the closing block, wrapped to the body width."""
    width = PAGE_WIDTH - 2 * spec.margin
    regular, bold = measure(REGULAR, spec.size), measure(BOLD, spec.size)
    heading_space = spec.leading * 0.5
    blocks = [Block(tuple(bold.wrap(content.subject, width)), BOLD, heading_space, True)]
    for n, block in enumerate(content.blocks):
        if block.kind == "heading":
            lines = bold.wrap(block.text, width)
            blocks.append(Block(tuple(lines), BOLD, heading_space, keep_with_next=True))
            continue
        lines = regular.wrap(block.text, width)
        salutation = n == 0 and len(lines) == 1 and block.text.startswith("Dear ")
        own_breaks = "\n" in block.text and len(lines) <= KEEP_WHOLE_LINES
        blocks.append(
            Block(tuple(lines), REGULAR, spec.paragraph_space, salutation, whole=own_breaks)
        )
    closing, *signer = content.sign_off or ("",)
    # A blank line after "Yours sincerely," leaves room to sign.
    lines = [*regular.wrap(closing, width), ""]
    for line in signer:
        lines += regular.wrap(line, width)
    blocks.append(Block(tuple(lines), REGULAR, 0.0, whole=True, closing=True))
    return blocks


def _footer(number: int, total: int, content: LetterContent, spec: PrintSpec) -> list[Run]:
    """'Page x of y' at the body size on every page; continuation pages add the reference at
    the right, or on the line above when both do not fit on one."""
    page = f"Page {number} of {total}"
    runs = [Run(spec.margin, FOOTER_BOTTOM, REGULAR, spec.size, spec.leading, (page,))]
    if number == 1 or not content.reference:
        return runs
    reference = f"Our reference: {content.reference}"
    fitter = measure(REGULAR, spec.size)
    right = PAGE_WIDTH - spec.margin
    if fitter.width(page) + 2 * fitter.space + fitter.width(reference) <= right - spec.margin:
        runs.append(
            Run(right, FOOTER_BOTTOM, REGULAR, spec.size, spec.leading, (reference,), "right")
        )
    else:
        y = FOOTER_BOTTOM + spec.leading
        runs.insert(0, Run(spec.margin, y, REGULAR, spec.size, spec.leading, (reference,)))
    return runs


def footer_top(spec: PrintSpec, lines: int = 1) -> float:
    """The lowest a body line's slot may reach: half a line above the footer's glyphs."""
    return FOOTER_BOTTOM + (lines - 1) * spec.leading + ASCENT * spec.size + spec.leading * 0.5


def layout_letter(content: LetterContent, spec: PrintSpec) -> LetterLayout:
    """Every run of the letter on its page (``content`` already printable in the face)."""
    head = header(content, spec)
    blocks = head.blocks + body_blocks(content, spec)
    fitter = measure(REGULAR, spec.size)
    footer_lines = 1
    if content.reference:
        both = f"Page 99 of 99  Our reference: {content.reference}"
        footer_lines = 1 if fitter.width(both) <= PAGE_WIDTH - 2 * spec.margin else 2
    placed = paginate(
        blocks,
        head.body_top,
        PAGE_HEIGHT - spec.margin,
        footer_top(spec, footer_lines),
        spec.leading,
    )
    # Page 1's footer has one line whatever the reference: it has more room than it uses.
    layout = LetterLayout(address_size=head.address_size)
    total = len(placed)
    for number, page in enumerate(placed, start=1):
        runs = list(head.runs) if number == 1 else []
        for part in page:
            block = blocks[part.block]
            lines = block.lines[part.start : part.end]
            runs.append(_run(spec.margin, part.top, lines, spec, block.font))
        runs += _footer(number, total, content, spec)
        layout.pages.append(runs)
    return layout
