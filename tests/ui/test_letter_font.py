"""Larger text on screen uses the letters' face (Atkinson Hyperlegible Next)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from reception_app.ui.theme import Theme


def test_large_text_uses_the_shipped_font_and_standard_text_does_not(qapp) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.font()
    theme = Theme(app)
    try:
        theme.apply(high_contrast=False, large_text=True)
        assert app.font().family() == "Atkinson Hyperlegible Next"
        assert app.font().pointSizeF() > before.pointSizeF()
        theme.apply(high_contrast=False, large_text=False)
        assert app.font().family() == before.family()
    finally:
        app.setFont(before)
        app.setStyleSheet("")
