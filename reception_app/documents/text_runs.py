"""Lines of text measured and wrapped in the embedded face, and runs of them placed on a page.

The letters are set with these instead of platypus: a letter is a handful of plain paragraphs,
and placing each line ourselves lets the page-break rules (an address never split, a heading
with what follows, no single line alone at either end of a page) be exact and cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics

from reception_app.documents.fonts import register_fonts

ASCENT = 0.984
DESCENT = 0.316
"""Atkinson Hyperlegible Next's ascent and descent as a share of the size (hhea table)."""


_GLUE = "\u00a0"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ONE_PIECE = re.compile(
    rf"\b\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?\b"  # 15 January 2027
    r"|(?<![\w])(?:\+44 ?|0)\d{2,4} ?\d{3,4} ?\d{0,4}\b"  # 01603 301751, 0161 496 0123
    r"|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}\b"  # NR6 5QB
)
"""Single pieces of information a line should not break inside (UKAAF: not split unless
unavoidable): a date's day, month and year, a phone number's groups, a postcode."""
_BREAK_AFTER = "@/-._"


def _glued(match: re.Match[str]) -> str:
    piece = match.group(0)
    core = piece.rstrip()
    return core.replace(" ", _GLUE) + piece[len(core) :]


@dataclass(frozen=True, slots=True)
class Run:
    """Lines in one face and size, the first baseline at (x, y) in PDF points from the
    bottom-left corner, each next line ``leading`` lower; ``align`` "right" puts x at the
    lines' right end."""

    x: float
    y: float
    font: str
    size: float
    leading: float
    lines: tuple[str, ...]
    align: str = "left"

    @property
    def top(self) -> float:
        """Top of the first line's glyph box (PDF points from the bottom)."""
        return self.y + ASCENT * self.size

    @property
    def bottom(self) -> float:
        """Bottom of the last line's glyph box."""
        return self.y - (len(self.lines) - 1) * self.leading - DESCENT * self.size


class Measure:
    """Widths of words in one face and size, each measured once."""

    def __init__(self, font: str, size: float) -> None:
        register_fonts()
        self.font = font
        self.size = size
        self._face = pdfmetrics.getFont(font)
        self._widths: dict[str, float] = {}
        self._wrapped: dict[tuple[str, float], tuple[str, ...]] = {}
        self.space = self.width(" ")

    def width(self, text: str) -> float:
        found = self._widths.get(text)
        if found is None:
            found = self._face.stringWidth(text, self.size)
            self._widths[text] = found
        return found

    def wrap(self, text: str, width: float) -> list[str]:
        """Greedy line breaks at spaces; a word wider than the line is broken where it must be
        (a 300-character name still prints whole). Line breaks in ``text`` are kept.

        Most paragraphs of a day's letters are the same, so each answer is kept (up to a few
        thousand)."""
        found = self._wrapped.get((text, width))
        if found is None:
            out: list[str] = []
            for hard_line in text.split("\n"):
                out += self._wrap_line(hard_line, width)
            found = tuple(out)
            if len(self._wrapped) > 4096:
                self._wrapped.clear()
            self._wrapped[(text, width)] = found
        return list(found)

    def _wrap_line(self, text: str, width: float) -> list[str]:
        if any(ch.isdigit() for ch in text):
            text = _ONE_PIECE.sub(_glued, text)
        if _GLUE in text:
            return [line.replace(_GLUE, " ") for line in self._greedy(text, width)]
        return self._greedy(text, width)

    def _greedy(self, text: str, width: float) -> list[str]:
        words: list[str] = []
        for word in text.split(" "):
            if _GLUE in word and self.width(word.replace(_GLUE, " ")) > width:
                words += word.split(_GLUE)  # a piece too long for any line: break it after all
            elif word:
                words.append(word)
        if not words:
            return [""]
        lines: list[str] = []
        current: list[str] = []
        used = 0.0
        for word in words:
            w = self.width(word.replace(_GLUE, " ")) if _GLUE in word else self.width(word)
            if w > width:
                if current:
                    lines.append(" ".join(current))
                pieces = self._break_word(word, width)
                lines += pieces[:-1]
                current, used = [pieces[-1]], self.width(pieces[-1])
                continue
            if current and used + self.space + w > width:
                lines.append(" ".join(current))
                current, used = [word], w
            else:
                used += (self.space if current else 0.0) + w
                current.append(word)
        lines.append(" ".join(current))
        return lines

    def _break_word(self, word: str, width: float) -> list[str]:
        """A word wider than the line, in pieces that fit: after an e-mail address's @, else
        after a /, -, . or _ in the second half of the piece, else where it must."""
        pieces: list[str] = []
        start = 0
        for end in range(1, len(word) + 1):
            if end - start > 1 and self._face.stringWidth(word[start:end], self.size) > width:
                cut = end - 1
                at = word.rfind("@", start + 1, cut)
                if at > start:
                    cut = at + 1
                else:
                    for k in range(cut - 1, start + (cut - start) // 2, -1):
                        if word[k] in _BREAK_AFTER:
                            cut = k + 1
                            break
                pieces.append(word[start:cut])
                start = cut
        pieces.append(word[start:])
        return pieces

    def fits(self, text: str, width: float) -> bool:
        """True when every word of ``text`` fits the width (no word has to be broken)."""
        return all(self.width(word) <= width for word in text.split())


@lru_cache(maxsize=64)
def measure(font: str, size: float) -> Measure:
    """The shared measure for a face and size (word widths are kept between letters)."""
    return Measure(font, size)


def first_baseline(slot_top: float, size: float, leading: float) -> float:
    """The baseline of a line whose slot (one leading high) starts at ``slot_top`` (PDF
    points from the bottom): the glyph box is centred in the slot."""
    return slot_top - (leading - (ASCENT + DESCENT) * size) / 2 - ASCENT * size
