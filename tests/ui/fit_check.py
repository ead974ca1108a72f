"""Does the text of every label and button in view fit its widget? (issue 13 point 12)

A label's text is measured with its own font (``fontMetrics``, or ``heightForWidth`` when it
wraps) and compared with the room the layout gave it; a button is compared with its
``sizeHint``. Whatever is inside a scroll area's viewport can be scrolled to and is not
judged by the window's edge; everything else must also lie inside its window.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QCheckBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QWidget,
)

SLACK = 2
"""Pixels of rounding allowed."""


def _in_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _visible_text(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or label.textFormat() == Qt.TextFormat.RichText:
        return None
    if label.textFormat() == Qt.TextFormat.AutoText and "<" in text and ">" in text:
        return None
    room = label.contentsRect()
    if label.wordWrap():
        needed = label.heightForWidth(label.width())
        if needed > label.height() + SLACK:
            return f"needs {needed} px of height, has {label.height()}"
        # One word longer than the line (a long name without spaces) overflows sideways.
        longest = max((label.fontMetrics().horizontalAdvance(w) for w in text.split()), default=0)
        if longest > room.width() + SLACK:
            return f"a word needs {longest} px of width, has {room.width()}"
        return None
    metrics = label.fontMetrics()
    lines = _visible_text(text).splitlines() or [""]
    width = max(metrics.horizontalAdvance(line) for line in lines)
    height = metrics.height() * len(lines)
    if width > room.width() + SLACK:
        return f"needs {width} px of width, has {room.width()}"
    if height > room.height() + SLACK:
        return f"needs {height} px of height, has {room.height()}"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text() or not isinstance(button, (QPushButton, QCheckBox, QRadioButton)):
        return None
    wanted = button.sizeHint()
    if isinstance(button, QPushButton):
        # The text alone (the hint adds the style's margins and a minimum width).
        metrics = button.fontMetrics()
        lines = _visible_text(button.text()).splitlines()
        text = max(metrics.horizontalAdvance(line) for line in lines)
        if text > button.contentsRect().width() - 4:
            return f"text needs {text} px, the button has {button.contentsRect().width()}"
        if metrics.height() * len(lines) > button.contentsRect().height():
            return f"{len(lines)} lines need {metrics.height() * len(lines)} px of height"
        return None
    if button.width() + SLACK < wanted.width():
        return f"needs {wanted.width()} px of width, has {button.width()}"
    return None


def _outside_window(widget: QWidget) -> str | None:
    window = widget.window()
    if _in_scroll_area(widget) or widget is window:
        return None
    top_left = widget.mapTo(window, QPoint(0, 0))
    rect = QRect(top_left, widget.size())
    inside = window.rect()
    if not inside.contains(rect):
        return f"lies outside its window ({rect.getRect()} in {inside.getRect()})"
    if rect.bottom() >= inside.bottom() - 1 and rect.height() > 0:
        return "touches the bottom edge of its window"
    return None


def fit_problems(name: str, root: QWidget) -> list[str]:
    """Every label and button in view in ``root``'s window whose text does not fit."""
    window = root.window()
    problems = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
            what = f"label {widget.text()[:60]!r}"
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
            what = f"{type(widget).__name__} {widget.text()[:60]!r}"
        else:
            continue
        problem = problem or _outside_window(widget)
        if problem:
            problems.append(f"{name}: {what} {problem}")
    return problems
