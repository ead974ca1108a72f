"""Page breaks for a letter's body: what is kept together, and where a paragraph may split.

The rules (DOMAIN.md 10, docs/letters.md):
- a paragraph splits only where at least two of its lines stay on each page (no widow, no
  orphan), so paragraphs of three lines or fewer never split;
- a heading (the subject too) and the salutation stay with the first lines of what follows;
- the closing block (closing, signature, the contact's phone and e-mail) is never split and
  takes at least the last two lines of the body with it (all of a short last paragraph);
- a short block with line breaks of its own ("Date: ... / Time: ...") is never split.
Nothing else moves to the next page, so a page is left short only by what could not fit.
"""

from __future__ import annotations

from dataclasses import dataclass

KEEP_WHOLE_LINES = 6
"""A block with line breaks of its own up to this many lines is kept on one page."""


@dataclass(frozen=True, slots=True)
class Block:
    lines: tuple[str, ...]
    font: str
    space_after: float
    """Points of space after the block (none at the foot of a page)."""
    keep_with_next: bool = False
    whole: bool = False
    closing: bool = False
    """The closing block: whole, and takes the end of the block before it along."""


@dataclass(frozen=True, slots=True)
class Placed:
    """Lines ``start``..``end`` of block ``block``; the first line's slot starts at ``top``."""

    block: int
    start: int
    end: int
    top: float


class _Pager:
    def __init__(self, blocks: list[Block], leading: float) -> None:
        self.blocks = blocks
        self.leading = leading

    def height(self, i: int) -> float:
        return len(self.blocks[i].lines) * self.leading

    def followed_by_closing(self, i: int) -> bool:
        return i + 1 < len(self.blocks) and self.blocks[i + 1].closing

    def min_start(self, i: int) -> float:
        """The least of block ``i`` (with what it keeps) that must fit where it starts."""
        block = self.blocks[i]
        n = len(block.lines)
        if block.keep_with_next and i + 1 < len(self.blocks):
            return self.height(i) + block.space_after + self.min_start(i + 1)
        unsplittable = block.whole or n <= 3
        if self.followed_by_closing(i) and unsplittable:
            return self.height(i) + block.space_after + self.height(i + 1)
        return self.height(i) if unsplittable else 2 * self.leading

    def lines_here(self, i: int, start: int, room: float, at_top: bool) -> int:
        """How many of block ``i``'s lines from ``start`` go on this page (0: next page)."""
        block = self.blocks[i]
        left = len(block.lines) - start
        fit = int((room + 0.01) // self.leading)
        tail = block.space_after + self.height(i + 1) if self.followed_by_closing(i) else 0.0
        if left * self.leading + tail <= room + 0.01:
            return left
        if block.whole or block.keep_with_next or block.closing:
            # Taller than a whole page: it has to split after all.
            return min(fit, left) if at_top else 0
        here = min(fit, left - 2)  # at least two lines go on
        if here >= 2 or (here >= 1 and start > 0):
            return here
        return max(1, min(fit, left)) if at_top else 0


def paginate(
    blocks: list[Block], first_top: float, page_top: float, bottom: float, leading: float
) -> list[list[Placed]]:
    """Place ``blocks`` from ``first_top`` on page 1 and ``page_top`` on later pages, down to
    ``bottom`` (PDF points from the bottom), lines ``leading`` apart."""
    pager = _Pager(blocks, leading)
    pages: list[list[Placed]] = [[]]
    # Page 1's body starts below the header: no space before it, but it is not the top of a
    # page (a block that does not fit there moves on).
    y, at_top, gap = first_top, False, 0.0
    i, start = 0, 0
    while i < len(blocks):
        space = 0.0 if at_top else gap
        room = y - space - bottom
        if start == 0 and not at_top and pager.min_start(i) > room + 0.01:
            pages.append([])
            y, at_top = page_top, True
            continue
        here = pager.lines_here(i, start, room, at_top)
        if here == 0:
            pages.append([])
            y, at_top = page_top, True
            continue
        pages[-1].append(Placed(i, start, start + here, y - space))
        y -= space + here * leading
        at_top = False
        start += here
        if start >= len(blocks[i].lines):
            gap = blocks[i].space_after
            i, start = i + 1, 0
        else:
            pages.append([])
            y, at_top = page_top, True
    return pages
