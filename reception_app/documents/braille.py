"""Braille-ready files (BRF) through liblouis's `lou_translate` (Unified English Braille, grade 2).

Debian's `liblouis-bin` gives the command and `liblouis-data` the table; calling the command
works from any Python (the PyPI package called `louis` is unrelated). Where the command is
missing, `find_translator` returns None and the caller records the letter as awaiting braille
transcription.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence

from reception_app.domain.errors import ReceptionError
from reception_app.domain.letters import LetterContent, brf_pages, brf_text, letter_lines

TRANSLATOR = "lou_translate"
TABLE = "en-ueb-g2.ctb"
TIMEOUT_SECONDS = 60


class BrailleUnavailable(ReceptionError):
    """liblouis is not installed (or its table is missing) on this computer."""


def find_translator(program: str = TRANSLATOR) -> str | None:
    """The full path of the translator, or None when it is not installed."""
    return shutil.which(program)


def translate_lines(lines: Sequence[str], program: str, table: str = TABLE) -> list[str]:
    """Each line translated to ASCII braille (one output line per input line)."""
    text = "\n".join(line.replace("\r", " ") for line in lines) + "\n"
    try:
        result = subprocess.run(
            [program, "--forward", table],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise BrailleUnavailable(f"The braille translator could not run ({exc}).") from exc
    out = result.stdout.decode("ascii", errors="replace").splitlines()
    # lou_translate prints nothing (and may still exit 0) when the table cannot be found.
    if result.returncode != 0 or (any(line.strip() for line in lines) and not any(out)):
        detail = result.stderr.decode("utf-8", errors="replace").strip().splitlines()
        raise BrailleUnavailable(
            "The braille translator did not produce any braille"
            + (f": {detail[-1]}" if detail else f" (is the table {table} installed?).")
        )
    if len(out) != len(lines):
        raise BrailleUnavailable("The braille translator returned an unexpected number of lines.")
    return out


def render_brf(content: LetterContent, program: str) -> str:
    """The whole letter as a BRF: 40 cells by 25 lines, page numbers, form feeds."""
    return brf_text(brf_pages(translate_lines(letter_lines(content), program)))
