"""Counting things in words: the one plural rule every screen, report and letter uses."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """'1 call-back', '2 call-backs', '0 call-backs'; ``plural`` for irregular words
    ('1 person', '3 people')."""
    return f"{n} {word if n == 1 else plural or word + 's'}"
