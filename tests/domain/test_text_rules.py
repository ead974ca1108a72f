"""The text rule (issue 12): what is refused, and the words that say which character, where."""

from __future__ import annotations

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.text_rules import bad_character, check_text
from reception_app.domain.validation import check_email, check_postcode, check_required


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a\x00b", "a control character (U+0000 NUL) at character 2"),
        ("x\x1b[31m", "a control character (U+001B ESCAPE) at character 2"),
        ("ab\rc", "U+000D CARRIAGE RETURN) at character 3"),
        ("\x85", "a control character (U+0085"),
        ("Zo\ud800", "a broken character (a lone surrogate) (U+D800) at character 3"),
        (
            "invoice\u202efdp.exe",
            "a text-direction control character (U+202E RIGHT-TO-LEFT OVERRIDE) at character 8",
        ),
        ("\u2067x", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    ],
)
def test_what_is_not_text_is_refused_by_name_and_place(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check_text(text, "body", "The message")
    assert refused.value.field == "body"
    assert str(refused.value).startswith("The message has ")
    assert words in str(refused.value)


@pytest.mark.parametrize(
    "text",
    [
        "Line one\nline two\tand a tab",
        "محمد عبد الله",
        "שלום",
        "Zoë Łukasz Siobhán O'Neill 😀",
        "left\u200fright\u200emarks",
        "<b>bold</b> &amp; <img src=x>",
    ],
)
def test_real_text_of_every_script_passes(text: str) -> None:
    assert check_text(text, "f", "F") == text and bad_character(text) is None


def test_windows_line_ends_become_newlines() -> None:
    assert check_text("a\r\nb", "f", "F") == "a\nb"


def test_every_checked_field_uses_the_rule() -> None:
    with pytest.raises(ValidationError, match="NUL"):
        check_email("a\x00b@c.uk")
    with pytest.raises(ValidationError, match="surrogate"):
        check_required("Ann\udc00", "full_name", "The name")


def test_postcodes_are_ascii_only() -> None:
    with pytest.raises(ValidationError) as refused:
        check_postcode("NR٦ 5QB")
    assert "'٦' (U+0666 ARABIC-INDIC DIGIT SIX) at character 3" in str(refused.value)
    assert "A to Z and the digits 0 to 9 only" in str(refused.value)
    with pytest.raises(ValidationError):
        check_postcode("ＮR6 5QB")  # a full-width N
    assert check_postcode("nr6 5qb") == "NR6 5QB"
