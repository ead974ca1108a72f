"""Nothing cut off: a dialog grows (or shrinks back) to the height its wrapped text needs,
a page scrolls rather than squeeze its text, and the desk window fits the screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QWidget


def available_area() -> QRect | None:
    """The primary screen's area less the task bar, copied: no QScreen is kept (a wrapper
    of one, taken from a widget, was collected by PySide with the screen under it)."""
    screen = QGuiApplication.primaryScreen()
    return None if screen is None else QRect(screen.availableGeometry())


FRAME = 16
"""Pixels a window's frame (borders, and room to spare) takes from the screen's width."""
TITLE_BAR = 30
"""Pixels a dialog's title bar and frame take from the screen's height (a dialog's own frame
is not known until the window system has shown it)."""


def needed_height(window: QWidget) -> int:
    """The height ``window``'s layout needs at its present width: wrapped text counted at
    that width (``totalHeightForWidth``), not at the width its size hint guessed, and never
    more than the screen has."""
    layout = window.layout()
    if layout is None:
        return window.sizeHint().height()
    layout.activate()
    height = window.sizeHint().height()
    if layout.hasHeightForWidth():
        height = max(height, layout.totalHeightForWidth(window.width()))
    available = available_area()
    if available is not None:
        height = min(height, available.height() - TITLE_BAR)
    return height


def fit_window(widget: QWidget, shrink: bool = False) -> None:
    """Let the dialog around ``widget`` grow so a list or a note that just appeared is not
    squeezed or cut off; ``shrink`` gives back the room of a list that was closed."""
    window = widget.window()
    layout = window.layout()
    if isinstance(window, QDialog) and layout is not None:
        layout.activate()
        # As wide as the layout's widest row needs (a row of buttons with times on them)
        # when an explicit minimum width let it be narrower, within the screen.
        width = max(window.width(), layout.totalMinimumSize().width())
        available = available_area()
        if available is not None:
            width = min(width, available.width())
        if width != window.width():
            window.resize(width, window.height())
        needed = needed_height(window)
        height = needed if shrink else max(window.height(), needed)
        if available is not None:  # a size set in advance never reaches under the task bar
            height = min(height, available.height() - TITLE_BAR)
        window.resize(window.width(), height)


def later(owner: QObject, work: Callable[[], object]) -> None:
    """Run ``work`` once control is back in the event loop, unless ``owner`` is gone by then.

    One single-shot timer per owner, its child, made on first use and started again after:
    it dies with ``owner`` (``QTimer.singleShot`` with a context object, and timers deleting
    themselves, crashed PySide when the owner went first). The first ``work`` given for an
    owner is the one run."""
    timer = owner.findChild(QTimer, "later", Qt.FindChildOption.FindDirectChildrenOnly)
    if timer is None:
        timer = QTimer(owner)
        timer.setObjectName("later")
        timer.setSingleShot(True)
        timer.timeout.connect(work)
    timer.start(0)


def fit_shown_dialog(dialog: QDialog) -> None:
    """Every dialog, as it is shown, grows to the height its wrapped text needs at its width
    (a long name on two lines is never cut in half): called by the filter
    ``fit_when_shown`` puts on each dialog (ui/application_events.py), as it is shown."""
    fit_window(dialog)
    # Once more when the style sheet has polished it (its fonts may have grown).
    later(dialog, lambda: fit_window(dialog))


DEFAULT_SIZE = (1200, 780)


def fitting_size(available: QRect, *, frame: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    """The desk window's first size: ``DEFAULT_SIZE``, shrunk to the screen's ``available``
    area less the window ``frame`` (title bar and borders)."""
    return (
        min(DEFAULT_SIZE[0], available.width() - frame[0]),
        min(DEFAULT_SIZE[1], available.height() - frame[1]),
    )


def page_frame(page: QWidget) -> QScrollArea:
    """``page`` in a frame that scrolls when the page needs more height than the window has
    (large text on a 1366x768 screen): its text is then never squeezed and clipped. The page
    fills the frame otherwise (its tables take the room)."""
    frame = QScrollArea()
    frame.setObjectName("page_frame")
    frame.setFrameShape(QFrame.Shape.NoFrame)
    frame.setWidgetResizable(True)
    # A row of buttons wider than the window at large text scrolls too, rather than be cut.
    frame.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame.setWidget(page)
    return frame
