"""A letter as a PDF through ReportLab: embedded font, plain text, page numbers, metadata.

Layout follows DOMAIN.md sections 5 and 10 (letter_layout.py places every line): left-aligned,
never justified, no italics or underlining, bold headings, page numbers as large as the body,
A4, the address in the envelope window. Lines are drawn as plain strings on the canvas, so no
customer or template text is ever read as markup.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from reception_app.documents.fonts import BOLD, REGULAR, EmbeddedFontCanvas, register_fonts
from reception_app.documents.letter_layout import layout_letter
from reception_app.documents.text_runs import Run
from reception_app.domain.letters import Block, LetterContent, PrintSpec

LANGUAGE = "en-GB"


@lru_cache(maxsize=1)
def _covered() -> frozenset[int]:
    """Code points both faces (Regular and Bold) have a glyph for."""
    register_fonts()
    regular, bold = (set(pdfmetrics.getFont(name).face.charToGlyph) for name in (REGULAR, BOLD))
    return frozenset(regular & bold)


def _invisible(ch: str) -> bool:
    """Joiners, variation selectors, soft hyphens, control and combining marks: nothing a
    reader would miss, so they are dropped without being reported."""
    return unicodedata.category(ch) in ("Cc", "Cf", "Mn", "Me")


@lru_cache(maxsize=4096)
def printable(text: str) -> str:
    """``text`` as it can be printed in the embedded face: composed (NFC, so "e" + combining
    diaeresis is the one glyph "ë"), other spaces made plain spaces, and every character the
    face has no glyph for (an emoji, say) left out instead of printing as an empty box."""
    covered = _covered()
    out = []
    dropped = False
    for ch in unicodedata.normalize("NFC", text):
        if ch == "\n" or ord(ch) in covered:
            out.append(ch)
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(_DROPPED)
            dropped = True
    if not dropped:
        return "".join(out)
    # "litter 🌳." prints "litter." rather than "litter ."
    return _DROPPED_BEFORE_END.sub("", "".join(out)).replace(_DROPPED, "")


_DROPPED = "\x00"
_DROPPED_BEFORE_END = re.compile(" *\x00+(?=[.,;:!?)\n]|$)")


def unprintable(texts: Iterable[str]) -> tuple[str, ...]:
    """The visible characters of ``texts`` the face cannot print (left out of the letter), in
    order of first appearance, each once."""
    covered = _covered()
    found: dict[str, None] = {}
    for text in texts:
        for ch in unicodedata.normalize("NFC", text):
            if ord(ch) not in covered and not ch.isspace() and not _invisible(ch):
                found.setdefault(ch, None)
    return tuple(found)


def content_texts(content: LetterContent) -> list[str]:
    """Every piece of text the letter prints (for ``unprintable``)."""
    return [
        *content.letterhead,
        *content.recipient,
        content.date_text,
        content.reference,
        content.contact_name,
        content.subject,
        *(block.text for block in content.blocks),
        *content.sign_off,
    ]


def printable_content(content: LetterContent) -> LetterContent:
    """``content`` with every piece of text as the face can print it (see ``printable``)."""
    return replace(
        content,
        letterhead=tuple(printable(t) for t in content.letterhead),
        recipient=tuple(printable(t) for t in content.recipient),
        date_text=printable(content.date_text),
        reference=printable(content.reference),
        contact_name=printable(content.contact_name),
        subject=printable(content.subject),
        blocks=tuple(Block(b.kind, printable(b.text)) for b in content.blocks),
        sign_off=tuple(printable(t) for t in content.sign_off),
    )


def draw_runs(canvas: Canvas, runs: Iterable[Run]) -> None:
    """Each run's lines, one text object per run (right-aligned runs line by line)."""
    for run in runs:
        if run.align == "right":
            canvas.setFont(run.font, run.size)
            for n, line in enumerate(run.lines):
                canvas.drawRightString(run.x, run.y - n * run.leading, line)
            continue
        text = canvas.beginText(run.x, run.y)
        text.setFont(run.font, run.size, run.leading)
        for line in run.lines:
            text.textLine(line)
        canvas.drawText(text)


def render_letter_pdf(content: LetterContent, spec: PrintSpec) -> bytes:
    """The letter as PDF bytes (A4), with title, author (the office) and language en-GB.

    The text is drawn as plain strings (never read as markup), so a name like
    ``<font size=1>`` prints as typed."""
    register_fonts()
    layout = layout_letter(printable_content(content), spec)
    buffer = io.BytesIO()
    canvas = EmbeddedFontCanvas(
        buffer,
        pagesize=A4,
        pageCompression=1,
        lang=LANGUAGE,
        initialFontSize=spec.size,
        initialLeading=spec.leading,
    )
    canvas.setTitle(content.title)
    canvas.setAuthor(content.author)
    canvas.setSubject(content.subject)
    canvas.setCreator("Reception")
    for runs in layout.pages:
        draw_runs(canvas, runs)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
