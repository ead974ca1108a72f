"""Reading letters back: text, font sizes, page numbers and where every character sits."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pypdfium2
from pypdf import PdfReader


@dataclass
class PdfFacts:
    pages: list[str]
    """Text of each page (pypdfium2, in reading order)."""
    font_sizes: set[float]
    """Every text size used (pypdf's view of the content stream)."""
    fonts: set[str]
    metadata: dict[str, str]
    language: str
    outside: list[str]
    """Characters whose box is not wholly inside the page (should be empty)."""
    in_margin: list[str]
    """Characters in the left/right margins (should be empty)."""


def read_pdf(data: bytes, margin: float = 0.0) -> PdfFacts:
    reader = PdfReader(io.BytesIO(data))
    sizes: set[float] = set()
    fonts: set[str] = set()

    def visitor(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            # The effective size is the Tf size times the text matrix's vertical scale.
            sizes.add(round(size * tm[3] * cm[3], 1))
            if isinstance(font, dict):
                fonts.add(str(font.get("/BaseFont", "")))

    for page in reader.pages:
        page.extract_text(visitor_text=visitor)
    meta = {k: str(v) for k, v in (reader.metadata or {}).items()}
    lang = str(reader.trailer["/Root"].get("/Lang", ""))

    pdf = pypdfium2.PdfDocument(data)
    texts, outside, in_margin = [], [], []
    for page in pdf:
        width, height = page.get_size()
        textpage = page.get_textpage()
        count = textpage.count_chars()
        texts.append(textpage.get_text_range())
        for i in range(count):
            left, bottom, right, top = textpage.get_charbox(i)
            ch = textpage.get_text_range(i, 1)
            if not ch.strip():
                continue
            if left < 0 or bottom < 0 or right > width or top > height:
                outside.append(ch)
            elif margin and (left < margin - 0.5 or right > width - margin + 0.5):
                in_margin.append(ch)
        textpage.close()
        page.close()
    pdf.close()
    return PdfFacts(texts, sizes, fonts, meta, lang, outside, in_margin)


def squash(text: str) -> str:
    """Text with line breaks and runs of spaces made single spaces (wrapped lines join up)."""
    return re.sub(r"\s+", " ", text.replace("\ufffe", "").replace("\x02", "")).strip()


def font_names(data: bytes) -> set[str]:
    """Every font any page of the PDF uses, each checked to be embedded (a TrueType file in the
    PDF): ReportLab's own defaults (Helvetica) are not embedded and must never appear."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get("/Font", {})
        for ref in fonts.values():
            font = ref.get_object()
            name = str(font["/BaseFont"])
            descriptor = font.get("/FontDescriptor")
            assert descriptor is not None and "/FontFile2" in descriptor.get_object(), name
            names.add(name.split("+")[-1])
    return names
