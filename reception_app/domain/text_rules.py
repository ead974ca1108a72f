"""What counts as text (issue 12): one rule for every free-text field, at the service boundary.

Refused, with a message naming the character and where it is: NUL and every other control
character except newline and tab (so ESC never reaches a braille file), lone surrogates (which
crash encoding to UTF-8), and the bidirectional embedding, override and isolate characters
(which can make "exe.txt" read as "txt.exe"). Letters of every script, accents, emoji and the
ordinary right-to-left and left-to-right marks stay allowed.
"""

from __future__ import annotations

import unicodedata

from reception_app.domain.errors import ValidationError

ALLOWED_CONTROLS = frozenset("\n\t")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""LRE, RLE, PDF, LRO, RLO and LRI, RLI, FSI, PDI."""


CONTROL_NAMES = {
    0x00: "NUL",
    0x07: "BELL",
    0x08: "BACKSPACE",
    0x0B: "LINE TABULATION",
    0x0C: "FORM FEED",
    0x0D: "CARRIAGE RETURN",
    0x1B: "ESCAPE",
    0x7F: "DELETE",
}


def _kind(c: str) -> str | None:
    code = ord(c)
    if 0xD800 <= code <= 0xDFFF:
        return "a broken character (a lone surrogate)"
    if c in BIDI_CONTROLS:
        return "a text-direction control character"
    if c in ALLOWED_CONTROLS:
        return None
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "a control character"
    return None


def character_name(c: str) -> str:
    code = f"U+{ord(c):04X}"
    name = unicodedata.name(c, "") if not 0xD800 <= ord(c) <= 0xDFFF else ""
    if not name:
        name = CONTROL_NAMES.get(ord(c), "")
    return f"{code} {name}".strip()


def bad_character(text: str) -> tuple[int, str, str] | None:
    """(position from 1, character name, what it is) of the first refused character, or None."""
    for index, c in enumerate(text):
        kind = _kind(c)
        if kind is not None:
            return index + 1, character_name(c), kind
    return None


def check_text(text: str, field: str, label: str) -> str:
    """``text`` unchanged (Windows line ends made plain newlines) when it is all text;
    otherwise ValidationError naming the character and where it is."""
    value = text.replace("\r\n", "\n")
    found = bad_character(value)
    if found is not None:
        position, name, kind = found
        raise ValidationError(
            f"{label} has {kind} ({name}) at character {position}; remove it and try again.",
            field,
        )
    return value


def field_label(field: str) -> str:
    """'full_name' -> 'The full name' (for fields checked without a label of their own)."""
    return "The " + field.replace("_", " ")
