"""The embedded TrueType face (Atkinson Hyperlegible Next, SIL OFL) registered with ReportLab.

Drawn by the Braille Institute for low-vision readers, it covers Latin Extended (Zoë, Łukasz,
Siobhán, Gwenllïan ap Ŵyn). The files and their licence are in resources/fonts/.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REGULAR = "AtkinsonHyperlegibleNext"
BOLD = "AtkinsonHyperlegibleNext-Bold"
FONT_FILES = {
    REGULAR: "AtkinsonHyperlegibleNext-Regular.ttf",
    BOLD: "AtkinsonHyperlegibleNext-Bold.ttf",
}

_lock = threading.Lock()
_registered = False


def font_bytes(file_name: str) -> bytes:
    return resources.files("reception_app.resources").joinpath("fonts", file_name).read_bytes()


def register_fonts() -> tuple[str, str]:
    """Register both weights once per process (safe from worker threads); returns the names."""
    global _registered
    with _lock:
        if not _registered:
            import io

            for name, file_name in FONT_FILES.items():
                pdfmetrics.registerFont(TTFont(name, io.BytesIO(font_bytes(file_name))))
            # <b> in a paragraph, and bold styles, pick the Bold file; there is no italic on purpose.
            addMapping(REGULAR, 0, 0, REGULAR)
            addMapping(REGULAR, 1, 0, BOLD)
            addMapping(REGULAR, 0, 1, REGULAR)
            addMapping(REGULAR, 1, 1, BOLD)
            _registered = True
    return REGULAR, BOLD


class EmbeddedFontCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type stubs
    """A canvas that starts every page in the embedded face. ReportLab starts pages in
    Helvetica, which it does not embed, so every document (letters, reports, day sheets) builds
    with this one and the embedded face is the only font in the file."""

    initial_size = 12.0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        register_fonts()
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or self.initial_size
        super().__init__(*args, **kwargs)
