"""Braille-ready files (BRF): ASCII braille wrapped to 40 cells, 25 lines a page, numbered."""

from __future__ import annotations

from collections.abc import Sequence

BRF_CELLS = 40


BRF_LINES = 25


_BRAILLE_DIGITS = "jabcdefghi"  # 0-9 in braille are the letters a-j after the number sign


def braille_page_number(n: int) -> str:
    """'#b' for 2: the number sign and the digits as letters (ASCII braille)."""
    return "#" + "".join(_BRAILLE_DIGITS[int(d)] for d in str(n))


def brf_upper(text: str) -> str:
    """ASCII braille in the upper-case form BRF files use: 0x60-0x7F are the same cells as
    0x40-0x5F ('{' is '[', '~' is '^')."""
    return "".join(chr(ord(c) - 32) if 0x60 <= ord(c) <= 0x7F else c for c in text)


def _wrap(line: str, width: int) -> list[str]:
    if not line:
        return [""]
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        while len(word) > width:  # a braille word longer than a line: break it
            if current:
                out.append(current)
                current = ""
            out.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            out.append(current)
            current = word
    out.append(current)
    return out


def brf_pages(
    braille_lines: Sequence[str], cells: int = BRF_CELLS, lines: int = BRF_LINES
) -> list[list[str]]:
    """Wrap translated lines to ``cells`` and cut them into pages of ``lines`` lines.

    The last line of every page carries the braille page number at its right; blank lines at
    the top of a page are dropped.
    """
    wrapped: list[str] = []
    for line in braille_lines:
        wrapped += _wrap(brf_upper(line.rstrip()), cells)
    per_page = lines - 1
    pages: list[list[str]] = []
    current: list[str] = []
    for line in wrapped:
        if not current and not line:
            continue
        current.append(line)
        if len(current) == per_page:
            pages.append(current)
            current = []
    while current and not current[-1]:
        current.pop()
    if current or not pages:
        pages.append(current)
    out = []
    for number, page in enumerate(pages, start=1):
        body = page + [""] * (per_page - len(page))
        label = brf_upper(braille_page_number(number))
        out.append([*body, " " * (cells - len(label)) + label])
    return out


def brf_text(pages: Sequence[Sequence[str]]) -> str:
    """BRF: CR LF line ends, a form feed after every page."""
    return "".join("\r\n".join(page) + "\r\n\f" for page in pages)
