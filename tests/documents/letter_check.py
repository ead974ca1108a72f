"""The layout check for letters: a PDF read back (layout_check.read) against the letter it
should show. Fails on a split address or one outside the envelope window, anything else in the
window, a salutation or heading at the foot of a page, a widow or orphan, a closing without the
end of the body, an avoidable page under half full, a letter over its page budget, text below
the chosen size (large print) or 12 pt (clear print), overlapping or rotated text, a font not
embedded, and pages without "Page x of y" (and, after the first, the reference) at body size.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from reportlab.pdfbase import pdfmetrics

from reception_app.documents.fonts import REGULAR
from reception_app.documents.letter_pdf import printable
from reception_app.domain.letters import LetterContent, LetterFormat, PrintSpec
from tests.documents.layout_check import (
    MM,
    Document,
    Line,
    content_lines,
    fonts_not_embedded,
    not_horizontal,
    overlapping_text,
    page_numbers,
    read,
    text_below,
    under_half_full,
)

# The envelope window on an A4 sheet (docs/letters.md), from the top-left corner, in points.
WINDOW = (20 * MM, 45 * MM, 110 * MM, 90 * MM)  # x0, top, x1, bottom
ADDRESS_LEFT = 25 * MM
ADDRESS_LEADING = 1.1
ADDRESS_HEIGHT = 40 * MM
"""The height the address may take in the window (48 to 88 mm from the top)."""


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class _Block:
    text: str
    kind: str  # subject, heading, salutation, paragraph, closing


def _blocks(content: LetterContent) -> list[_Block]:
    out = [_Block(content.subject, "subject")]
    for n, block in enumerate(content.blocks):
        kind = block.kind
        if n == 0 and kind == "paragraph" and block.text.startswith("Dear "):
            kind = "salutation"
        out.append(_Block(block.text, kind))
    out.append(_Block("".join(content.sign_off), "closing"))
    return [_Block(_squash(printable(b.text)), b.kind) for b in out]


def _in_window(line: Line) -> bool:
    x0, top, x1, bottom = WINDOW
    return line.x1 > x0 and line.x0 < x1 and line.bottom > top and line.top < bottom


def address_problems(doc: Document, content: LetterContent, spec: PrintSpec) -> list[str]:
    """The whole address, and nothing else, inside the window on page 1, starting at the
    documented place; set smaller than the chosen size only when it could not fit at it."""
    first = doc.pages[0]
    inside = [ln for ln in first.lines if _in_window(ln)]
    expected = _squash(printable("".join(content.recipient)))
    problems = []
    if _squash("".join(ln.text for ln in inside)) != expected:
        problems.append(
            "the window shows "
            + repr(" / ".join(ln.text for ln in inside)[:80])
            + " instead of the whole address and nothing else"
        )
    x0, top, x1, bottom = WINDOW
    for ln in inside:
        if ln.x0 < x0 or ln.x1 > x1 or ln.top < top or ln.bottom > bottom:
            problems.append(f"address line {ln.text!r} is not wholly inside the window")
    if inside and abs(inside[0].x0 - ADDRESS_LEFT) > 1:
        problems.append(f"the address starts {inside[0].x0 / MM:.1f} mm from the left, not 25")
    sizes = {ln.size for ln in inside}
    if sizes and min(sizes) < spec.size - 0.05:
        # Justified only when even the fewest lines it could take are too tall at the size.
        width = 83 * MM  # the address may run from 25 to 108 mm
        wide = [pdfmetrics.stringWidth(printable(t), REGULAR, spec.size) for t in content.recipient]
        fewest = max(1, sum(max(1, math.ceil(w / width)) for w in wide) - 1)
        height = (fewest - 1) * ADDRESS_LEADING * spec.size + 1.3 * spec.size
        if height <= ADDRESS_HEIGHT:
            problems.append(f"the address is {min(sizes):g} pt though it fits at {spec.size} pt")
    return problems


def _body(doc: Document, blocks: list[_Block]) -> list[tuple[Line, int]] | str:
    """The body's lines from the subject on, each with the index of the block it belongs to;
    a message when the text read back does not match the letter."""
    lines = [ln for page in doc.pages for ln in content_lines(page)]
    subject = blocks[0].text
    start = next(
        (i for i, ln in enumerate(lines) if ln.bold and subject.startswith(_squash(ln.text))),
        None,
    )
    if start is None:
        return "the subject was not found"
    out: list[tuple[Line, int]] = []
    index, done = 0, ""
    for ln in lines[start:]:
        if index >= len(blocks):
            return f"unexpected text after the signature: {ln.text!r}"
        text = _squash(ln.text)
        target = blocks[index].text
        if not target.startswith(done + text):
            return f"{ln.text!r} on page {ln.page} is not where the letter has it"
        out.append((ln, index))
        done += text
        if done == target:
            index, done = index + 1, ""
    if index < len(blocks):
        return "the letter ends before its signature"
    return out


def flow_problems(doc: Document, content: LetterContent) -> list[str]:
    """Salutation and headings not at the foot of a page, no widows or orphans, the closing in
    one piece with the end of the body."""
    blocks = _blocks(content)
    body = _body(doc, blocks)
    if isinstance(body, str):
        return [body]
    problems = []
    per_page: dict[int, dict[int, int]] = {}
    for ln, index in body:
        per_page.setdefault(index, {}).setdefault(ln.page, 0)
        per_page[index][ln.page] += 1
    last_page = len(doc.pages)
    for ln, index in _last_of_each_page(body):
        if ln.page < last_page and blocks[index].kind in ("subject", "heading", "salutation"):
            problems.append(f"page {ln.page} ends with the {blocks[index].kind} {ln.text!r}")
    for index, pages in per_page.items():
        counts = [pages[p] for p in sorted(pages)]
        what = blocks[index].text[:30]
        if blocks[index].kind == "closing" and len(counts) > 1:
            problems.append("the closing and signature are split over two pages")
        elif len(counts) > 1 and counts[0] < 2:
            problems.append(f"an orphan: one line of {what!r} at the foot of a page")
        elif len(counts) > 1 and counts[-1] < 2:
            problems.append(f"a widow: one line of {what!r} at the top of a page")
    closing_page = min(per_page[len(blocks) - 1])
    before = per_page[len(blocks) - 2]
    if before.get(closing_page, 0) < min(2, sum(before.values())):
        problems.append("the closing is not kept with the last lines of the body")
    return problems


def _last_of_each_page(body: list[tuple[Line, int]]) -> list[tuple[Line, int]]:
    last: dict[int, tuple[Line, int]] = {}
    for ln, index in body:
        last[ln.page] = (ln, index)
    return list(last.values())


def _first_units(doc: Document, content: LetterContent, spec: PrintSpec) -> list[float]:
    """For each page, the height of what could not have moved back from its top: a heading
    or salutation with the next block's first two lines, a block of three lines or fewer, two
    lines of a longer paragraph, the closing with the two lines before it."""
    blocks = _blocks(content)
    body = _body(doc, blocks)
    units = [0.0] * len(doc.pages)
    if isinstance(body, str):
        return units
    for number in range(2, len(doc.pages) + 1):
        lines = [(ln, i) for ln, i in body if ln.page == number]
        if not lines:
            continue
        count = {i: sum(1 for _, j in body if j == i) for _ln, i in lines}
        take, k = 0, 0
        while k < len(lines):
            index = lines[k][1]
            n_here = sum(1 for _, j in lines if j == index)
            kind = blocks[index].kind
            whole = kind == "closing" or count[index] <= 3
            take += n_here if whole else min(2, n_here)
            k += n_here
            following = lines[k][1] if k < len(lines) else None
            keeps = kind in ("subject", "heading", "salutation")
            if not keeps and not (following is not None and blocks[following].kind == "closing"):
                break
        last = lines[min(take, len(lines)) - 1][0]
        # Lines take a leading each (the glyph boxes less), and one blank line goes before.
        units[number - 1] = (
            last.bottom - lines[0][0].top + (spec.leading - spec.size) + spec.leading
        )
    return units


def letter_problems(
    pdf: bytes, content: LetterContent, spec: PrintSpec, budget: int | None = None
) -> list[str]:
    """Every problem the layout check finds in the letter's PDF."""
    doc = read(pdf)
    problems = fonts_not_embedded(doc) + not_horizontal(doc) + overlapping_text(doc)
    problems += page_numbers(doc, float(spec.size))
    problems += address_problems(doc, content, spec)
    address = [ln for ln in doc.pages[0].lines if _in_window(ln)]
    large = spec.format is LetterFormat.LARGE_PRINT
    problems += text_below(doc, float(spec.size) if large else 12.0, exempt=address)
    problems += flow_problems(doc, content)
    if content.reference:
        for page in doc.pages[1:]:
            footer = [ln for ln in page.lines if "Our reference: " + content.reference in ln.text]
            if not footer or abs(footer[0].size - spec.size) > 0.05:
                problems.append(f"page {page.number} lacks the reference at {spec.size} pt")
    height = doc.pages[0].height
    numbers = [ln for ln in doc.pages[0].lines if ln.text.startswith("Page 1 of")]
    # The lowest a body line may reach: half a line above the page number's glyphs.
    bottom = numbers[0].top - 0.3 * spec.size - 0.5 * spec.leading if numbers else height
    units = _first_units(doc, content, spec)
    gap = 2 * spec.leading - spec.size  # a blank line, and the last line's slot below its glyphs
    problems += under_half_full(doc, (spec.margin, bottom), units, gap)
    if budget is not None and len(doc.pages) > budget:
        problems.append(f"{len(doc.pages)} pages, over the budget of {budget}")
    return problems
