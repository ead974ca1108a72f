"""Sizes and paragraph styles of the managers' report, in clear and large print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from reception_app.documents.fonts import BOLD, REGULAR, register_fonts


@dataclass(frozen=True)
class PrintSize:
    """Text sizes in points: nothing in the report is smaller than ``small``."""

    body: float
    small: float
    heading: float
    title: float

    @property
    def leading(self) -> float:
        return round(self.body * 1.3, 1)


CLEAR = PrintSize(body=12, small=12, heading=15, title=20)
"""Clear print: 12 pt at least (DOMAIN.md 5), headings larger."""
LARGE = PrintSize(body=18, small=18, heading=22, title=28)
"""Large print at RNIB's 18 pt: table cells, chart labels and page numbers too."""


def m(text: str) -> str:
    """Text from the database as Paragraph markup: escaped, never obeyed."""
    return escape(text)


class Styles:
    def __init__(self, size: PrintSize) -> None:
        register_fonts()
        self.size = size
        common: dict[str, Any] = {
            "fontName": REGULAR,
            "fontSize": size.body,
            "leading": size.leading,
            "alignment": TA_LEFT,
            "spaceAfter": size.body * 0.5,
        }
        cell: dict[str, Any] = {
            **common,
            "fontSize": size.small,
            "leading": size.small * 1.25,
            "spaceAfter": 0,
        }
        self.body = ParagraphStyle("body", **common)
        self.cell = ParagraphStyle("cell", **cell)
        self.head_cell = ParagraphStyle("head_cell", **{**cell, "fontName": BOLD})
        self.heading = ParagraphStyle(
            "heading",
            **{
                **common,
                "fontName": BOLD,
                "fontSize": size.heading,
                "leading": size.heading * 1.3,
                "spaceBefore": size.body,
                "spaceAfter": size.body * 0.4,
            },
        )
        self.subheading = ParagraphStyle(
            "subheading",
            **{**common, "fontName": BOLD, "spaceBefore": size.body * 0.6, "spaceAfter": 4},
        )
        self.subtitle = ParagraphStyle(
            "subtitle",
            **{
                **common,
                "fontName": BOLD,
                "fontSize": size.heading,
                "leading": size.heading * 1.25,
            },
        )
        self.title = ParagraphStyle(
            "title",
            **{**common, "fontName": BOLD, "fontSize": size.title, "leading": size.title * 1.25},
        )

    def para(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(m(text), style or self.body)
