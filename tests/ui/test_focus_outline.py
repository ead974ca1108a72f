"""The keyboard focus is plain to see in both styles (issue 13 point 11): the outline a control
gets when focused covers at least 2 px around it and contrasts 3:1 with what it replaces
(WCAG 2.2 focus appearance)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from reception_app.ui.theme import Theme


def _luminance(colour: QColor) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def _contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _outline_pixels(before: QImage, after: QImage) -> int:
    """Pixels the focus changed to a colour 3:1 or more against the unfocused one."""
    count = 0
    for y in range(min(before.height(), after.height())):
        for x in range(min(before.width(), after.width())):
            a, b = before.pixelColor(x, y), after.pixelColor(x, y)
            if a != b and _contrast(a, b) >= 3.0:
                count += 1
    return count


def _controls() -> list[QWidget]:
    combo = QComboBox()
    combo.addItems(["General enquiry", "Planning"])
    table = QTableWidget(3, 2)
    listing = QListWidget()
    listing.addItems(["One", "Two"])
    return [
        QPushButton("Check in (F2)"),
        QLineEdit("Ana Nowak"),
        combo,
        QCheckBox("Hearing loop"),
        table,
        listing,
        QPlainTextEdit("A note"),
    ]


@pytest.mark.parametrize("high_contrast", [False, True], ids=["standard", "high-contrast"])
def test_a_focused_control_has_a_visible_outline(qtbot, qapp, high_contrast: bool) -> None:  # type: ignore[no-untyped-def]
    theme = Theme(qapp)
    theme.apply(high_contrast=high_contrast, large_text=False)
    try:
        host = QWidget()
        qtbot.addWidget(host)
        layout = QVBoxLayout(host)
        controls = _controls()
        for control in controls:
            layout.addWidget(control)
        parking = QLineEdit()  # where the focus waits between shots
        layout.addWidget(parking)
        host.resize(420, 700)
        host.show()
        qtbot.waitExposed(host)
        host.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
        weak = []
        for control in controls:
            parking.setFocus()
            qtbot.waitUntil(parking.hasFocus)
            before = control.grab().toImage()
            control.setFocus()
            qtbot.waitUntil(control.hasFocus)
            after = control.grab().toImage()
            perimeter = 2 * (control.width() + control.height())
            changed = _outline_pixels(before, after)
            if changed < 2 * perimeter:
                weak.append(f"{type(control).__name__} ({changed} of {2 * perimeter} px)")
                after.save(f"/tmp/keys/focus-{high_contrast}-{type(control).__name__}.png")
        assert weak == [], f"focus hard to see on {weak}"
    finally:
        theme.apply(high_contrast=False, large_text=False)
        qapp.setStyleSheet("")
