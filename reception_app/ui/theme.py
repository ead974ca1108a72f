"""Look and feel: the standard or high-contrast style sheet and a text size that follows the system."""

from __future__ import annotations

from importlib import resources

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

LARGE_TEXT_FACTOR = 1.35
LARGE_TEXT_FONT_FILES = (
    "AtkinsonHyperlegibleNext-Regular.ttf",
    "AtkinsonHyperlegibleNext-Bold.ttf",
)
"""The face letters are printed in (resources/fonts, SIL OFL), used on screen for larger text."""


def register_large_text_font() -> str | None:
    """Add the shipped TTFs to Qt's font database once; returns the family, or None if Qt
    cannot read them (the system font is kept then)."""
    families: list[str] = []
    for file_name in LARGE_TEXT_FONT_FILES:
        data = resources.files("reception_app.resources").joinpath("fonts", file_name).read_bytes()
        font_id = QFontDatabase.addApplicationFontFromData(data)
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families[0] if families else None


def _style_sheet(name: str) -> str:
    return (
        resources.files("reception_app.resources")
        .joinpath("styles", name)
        .read_text(encoding="utf-8")
    )


class Theme:
    """Applies a theme to the running application; remembers the system font to scale from."""

    def __init__(self, app: QApplication) -> None:
        self._app = app
        self._system_font = QFont(app.font())
        self._large_text_family: str | None | bool = False  # False: not registered yet

    def apply(self, *, high_contrast: bool, large_text: bool) -> None:
        font = QFont(self._system_font)
        if large_text:
            if self._large_text_family is False:
                self._large_text_family = register_large_text_font()
            if isinstance(self._large_text_family, str):
                font.setFamily(self._large_text_family)
        size = self._system_font.pointSizeF()
        if size > 0:
            font.setPointSizeF(size * (LARGE_TEXT_FACTOR if large_text else 1.0))
        self._app.setFont(font)
        sheet = _style_sheet("high-contrast.qss" if high_contrast else "standard.qss")
        self._app.setStyleSheet(sheet)


def scaled_font(base: QFont, factor: float, bold: bool = False) -> QFont:
    """A font ``factor`` times the size of ``base`` (headings, the status card)."""
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * factor)
    font.setBold(bold)
    return font
