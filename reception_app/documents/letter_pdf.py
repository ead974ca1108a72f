"""A letter as a PDF through ReportLab: embedded font, escaped text, page numbers, metadata.

Layout follows DOMAIN.md section 5: left-aligned, never justified, no italics or underlining,
bold headings, page numbers as large as the body, A4 with margins that widen with the size.
Every piece of customer or template text is escaped before ReportLab reads it as markup.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from reception_app.documents.fonts import BOLD, REGULAR, EmbeddedFontCanvas, register_fonts
from reception_app.domain.letters import LetterContent, PrintSpec

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


def markup(text: str) -> str:
    """Plain text as Paragraph markup: only printable characters, <, > and & escaped, line
    breaks kept."""
    return "<br/>".join(escape(line) for line in printable(text).split("\n"))


class _Styles:
    def __init__(self, spec: PrintSpec) -> None:
        common: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": spec.size,
            "leading": spec.leading,
            "alignment": TA_LEFT,
            "spaceAfter": spec.paragraph_space,
            "splitLongWords": 1,
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        self.body = ParagraphStyle("body", **common)
        self.lines = ParagraphStyle("lines", **{**common, "spaceAfter": 0})
        # A heading is kept with the start of its paragraph by _keep_start, not keepWithNext
        # (which chains whole blocks together and pushes them onto the next page).
        self.heading = ParagraphStyle(
            "heading", **{**common, "fontName": BOLD, "spaceAfter": spec.leading * 0.4}
        )
        self.letterhead = ParagraphStyle(
            "letterhead",
            **{
                **common,
                "fontName": BOLD,
                "fontSize": spec.letterhead_size,
                "leading": round(spec.letterhead_size * 1.3, 1),
                "spaceAfter": 0,
            },
        )


@lru_cache(maxsize=4096)
def _parsed(text: str, style: ParagraphStyle) -> tuple[Any, ...]:
    """The fragments ReportLab's markup parser makes of ``text`` (what Paragraph does first).

    Most paragraphs of a day's letters are the same (letterhead, headings, the template's own
    sentences, the signature), so each is parsed once; every Paragraph gets its own copies."""
    parser = ParaParser()
    parser.caseSensitive = 1
    _style, frags, _bullet = parser.parse(cleanBlockQuotedText(text), style)
    if frags is None:
        raise ValueError(f"ReportLab could not read the paragraph {text[:30]!r}")
    textTransformFrags(frags, style)
    return tuple(frags)


class _Paragraph(Paragraph):  # type: ignore[misc]  # ReportLab has no type stubs
    """A Paragraph that breaks its lines once per width.

    Platypus asks a paragraph for its size several times at the same width (a heading kept with
    the next paragraph, the closing kept with the signature, then the frame itself); the line
    breaks depend only on the width, so the answer is kept instead of breaking the lines again.
    """

    _wrapped_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # ReportLab drops the line breaks when it splits a paragraph: then they are made again.
        if availWidth != self._wrapped_width or "blPara" not in self.__dict__:
            super().wrap(availWidth, availHeight)
            self._wrapped_width = availWidth
        return self.width, self.height


def _paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Paragraph(markup(text), style), with the parse shared between identical paragraphs."""
    source = markup(text)
    frags = [frag.clone() for frag in _parsed(source, style)]
    return _Paragraph(source, style, frags=frags)


@lru_cache(maxsize=16)
def _styles(spec: PrintSpec) -> _Styles:
    register_fonts()
    return _Styles(spec)


def _keep_start(first: Paragraph, following: Paragraph, width: float) -> CondPageBreak:
    """A page break, taken only when ``first`` and the start of ``following`` do not both fit.

    "The start" is the fewest lines ``following`` can leave at the foot of a page with no
    orphan or widow: all of it up to 3 lines, else 2. Only these two are kept together, never
    a chain of blocks, so a page is not left half empty for the sake of a long paragraph.
    """
    first.wrap(width, 1e6)
    following.wrap(width, 1e6)
    lines = len(following.blPara.lines)
    start = following.style.leading * (lines if lines <= 3 else 2)
    return CondPageBreak(first.height + first.getSpaceAfter() + start)


def letter_flowables(content: LetterContent, spec: PrintSpec) -> list[Flowable]:
    s = _styles(spec)
    gap = spec.paragraph_space
    width = A4[0] - 2 * spec.margin  # the frame's width: the wraps made here are kept
    story: list[Flowable] = []
    if content.letterhead:
        story.append(_paragraph(content.letterhead[0], s.letterhead))
        story.append(_paragraph("\n".join(content.letterhead[1:]), s.lines))
    story.append(Spacer(1, gap * 1.5))
    story.append(_paragraph("\n".join(content.recipient), s.lines))
    story.append(Spacer(1, gap))
    facts = [content.date_text]
    if content.reference:
        facts.append(f"Our reference: {content.reference}")
    if content.contact_name:
        facts.append(f"Please ask for: {content.contact_name}")
    story.append(_paragraph("\n".join(facts), s.body))
    # Each heading (the subject too) stays with the start of the paragraph after it, and the
    # closing with the signature; a blank line after "Yours sincerely," leaves room to sign.
    # Nothing else is kept together: a long paragraph splits (never leaving one line alone).
    closing, *signer = content.sign_off or ("",)
    blocks: list[tuple[Paragraph, bool]] = [(_paragraph(content.subject, s.heading), True)]
    blocks += [
        (_paragraph(b.text, s.heading if b.kind == "heading" else s.body), b.kind == "heading")
        for b in content.blocks
    ]
    blocks.append((_paragraph(closing, s.body), True))
    # The signature (name and office) is kept with the closing; the phone and email lines are
    # a block of their own, so a page is not left a third empty to keep them all together.
    for part in (signer[:2], signer[2:]):
        if part:
            blocks.append((_paragraph("\n".join(part), s.lines), False))
    for (paragraph, keep), following in zip(blocks, [*blocks[1:], None], strict=True):
        if keep and following is not None:
            story.append(_keep_start(paragraph, following[0], width))
        story.append(paragraph)
    return story


def _numbered_canvas(spec: PrintSpec) -> type[Canvas]:
    """A canvas that writes 'Page 1 of 2' on every page once the page count is known."""

    class NumberedCanvas(EmbeddedFontCanvas):
        initial_size = spec.size

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs["initialLeading"] = kwargs.get("initialLeading") or spec.leading
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                self.setFont(REGULAR, spec.size)
                self.drawString(
                    spec.margin, spec.margin - spec.leading, f"Page {self._pageNumber} of {total}"
                )
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


@lru_cache(maxsize=16)
def _canvas_for(spec: PrintSpec) -> type[Canvas]:
    return _numbered_canvas(spec)


def render_letter_pdf(content: LetterContent, spec: PrintSpec) -> bytes:
    """The letter as PDF bytes (A4), with title, author (the office) and language en-GB."""
    register_fonts()
    buffer = io.BytesIO()
    width, height = A4
    # The page number sits in the bottom margin, so the frame stops one line above it; no frame
    # padding, so text starts exactly at the margin, level with the page number.
    frame = Frame(
        spec.margin,
        spec.margin + spec.leading,
        width - 2 * spec.margin,
        height - 2 * spec.margin - spec.leading,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        pageTemplates=[PageTemplate(id="letter", frames=[frame])],
        leftMargin=spec.margin,
        rightMargin=spec.margin,
        topMargin=spec.margin,
        bottomMargin=spec.margin + spec.leading,
        title=content.title,
        author=content.author,
        subject=content.subject,
        creator="Reception",
        lang=LANGUAGE,
        pageCompression=1,
    )
    doc.build(letter_flowables(content, spec), canvasmaker=_canvas_for(spec))
    return buffer.getvalue()
