"""A letter as a PDF through ReportLab: embedded font, escaped text, page numbers, metadata.

Layout follows DOMAIN.md section 5: left-aligned, never justified, no italics or underlining,
bold headings, page numbers as large as the body, A4 with margins that widen with the size.
Every piece of customer or template text is escaped before ReportLab reads it as markup.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from reception_app.documents.fonts import BOLD, REGULAR, register_fonts
from reception_app.domain.letters import LetterContent, PrintSpec

LANGUAGE = "en-GB"


def markup(text: str) -> str:
    """Plain text as Paragraph markup: <, > and & escaped, line breaks kept."""
    return "<br/>".join(escape(line) for line in text.split("\n"))


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
        self.heading = ParagraphStyle(
            "heading",
            **{**common, "fontName": BOLD, "spaceAfter": spec.leading * 0.4, "keepWithNext": 1},
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


def letter_flowables(content: LetterContent, spec: PrintSpec) -> list[Flowable]:
    s = _styles(spec)
    gap = spec.paragraph_space
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
    story.append(_paragraph(content.subject, s.heading))
    for block in content.blocks:
        style = s.heading if block.kind == "heading" else s.body
        story.append(_paragraph(block.text, style))
    # The sign-off stays with the last paragraph, so it never stands alone on a page; a blank
    # line after "Yours sincerely," leaves room to sign.
    closing, *signer = content.sign_off or ("",)
    tail: list[Flowable] = [story.pop()] if content.blocks else []
    if len(content.blocks) >= 2 and content.blocks[-2].kind == "heading":
        tail.insert(0, story.pop())  # a heading never ends a page without its paragraph
    tail += [_paragraph(closing, s.body), _paragraph("\n".join(signer), s.lines)]
    story.append(KeepTogether(tail))
    return story


def _numbered_canvas(spec: PrintSpec) -> type[Canvas]:
    """A canvas that writes 'Page 1 of 2' on every page once the page count is known."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type stubs
        def __init__(self, *args: Any, **kwargs: Any) -> None:
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
