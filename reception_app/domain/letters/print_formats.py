"""Print formats: clear print, large print and braille, and the layout each size gets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from reception_app.domain.errors import ValidationError
from reception_app.domain.letters.wording import and_list


class LetterFormat(StrEnum):
    STANDARD = "standard"
    LARGE_PRINT = "large_print"
    BRAILLE = "braille"

    @property
    def label(self) -> str:
        return {"standard": "Clear print", "large_print": "Large print", "braille": "Braille"}[
            self.value
        ]


STANDARD_SIZES = (12, 13, 14)


LARGE_SIZES = (16, 18, 20, 24)


DEFAULT_STANDARD_SIZE = 14
"""DOMAIN.md section 5: clear print at least 12 pt, ideally 14."""


DEFAULT_LARGE_SIZE = 18
"""RNIB's recommended large print size."""


MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class PrintSpec:
    """How a letter is set: body size, spacing and margins all follow the chosen size."""

    format: LetterFormat
    size: int
    """Body text in points; headings and page numbers are the same size (headings bold)."""
    leading: float
    """Distance between lines, in points."""
    paragraph_space: float
    """Space after each paragraph: one blank line."""
    margin: float
    """Left, right, top and bottom margin in points."""
    letterhead_size: float
    """The office's name at the top, a little larger than the body."""

    @property
    def label(self) -> str:
        return f"{self.format.label}, {self.size} pt"


def print_spec(fmt: LetterFormat | str, size: int | None = None) -> PrintSpec:
    """The layout for a format and size; ValidationError (field "size") for a size not offered."""
    try:
        fmt = LetterFormat(fmt)
    except ValueError:
        raise ValidationError(
            f"'{fmt}' is not a letter format; choose standard, large_print or braille.", "format"
        ) from None
    large = fmt is LetterFormat.LARGE_PRINT
    sizes = LARGE_SIZES if large else STANDARD_SIZES
    chosen = size if size is not None else (DEFAULT_LARGE_SIZE if large else DEFAULT_STANDARD_SIZE)
    if chosen not in sizes:
        what = "Large print" if large else "Clear print"
        raise ValidationError(
            f"{what} comes in {and_list([str(s) for s in sizes]).replace(' and ', ' or ')} point, "
            f"not {chosen}.",
            "size",
        )
    # Line spacing 1.4 times the size for large print, 1.3 for clear print; one blank line
    # between paragraphs; margins 20 mm (clear) and 25 mm (large print: level with the address
    # in the envelope window, and wide enough to hold the page by).
    leading = round(chosen * (1.4 if large else 1.3), 1)
    margin = (25 if large else 20) * MM
    return PrintSpec(
        format=fmt,
        size=chosen,
        leading=leading,
        paragraph_space=leading,
        margin=margin,
        letterhead_size=round(chosen * 1.25, 1),
    )


def spec_for_customer(preferred_format: str, large_print_size: int | None) -> PrintSpec:
    """The customer's preferred format from their record (email and standard: clear print;
    braille letters also get a clear-print copy for the file)."""
    if preferred_format == "large_print":
        return print_spec(LetterFormat.LARGE_PRINT, large_print_size or DEFAULT_LARGE_SIZE)
    if preferred_format == "braille":
        return print_spec(LetterFormat.BRAILLE)
    return print_spec(LetterFormat.STANDARD)


@dataclass(frozen=True, slots=True)
class LetterChoice:
    """What the person chose (or the customer's record says): format and size."""

    format: LetterFormat
    size: int | None = None
    extra_values: Mapping[str, str] = field(default_factory=dict)
