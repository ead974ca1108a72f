"""Nothing cut off: a dialog grows (or shrinks back) to the height its wrapped text needs,
a page scrolls rather than squeeze its text, and the desk window fits the screen."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, Qt, QTimer
from PySide6.QtWidgets import QDialog, QFrame, QScrollArea, QWidget


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
    screen = window.screen()
    if screen is not None:
        height = min(height, screen.availableGeometry().height())
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
        screen = window.screen()
        if screen is not None:
            width = min(width, screen.availableGeometry().width())
        if width != window.width():
            window.resize(width, window.height())
        needed = needed_height(window)
        window.resize(window.width(), needed if shrink else max(window.height(), needed))


class DialogFitter(QObject):
    """Installed on the application: every dialog, as it is shown, grows to the height its
    wrapped text needs at its width (a long name on two lines is never cut in half)."""

    @classmethod
    def install(cls, application: QCoreApplication) -> None:
        """Once per application, owned by it (a filter owned by a window that is gone would
        be called after its death)."""
        if application.findChild(cls) is None:
            application.installEventFilter(cls(application))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and isinstance(watched, QDialog):
            dialog = watched
            fit_window(dialog)
            # Once more when the style sheet has polished it (its fonts may have grown).
            QTimer.singleShot(0, dialog, lambda: fit_window(dialog))
        return False


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
    frame.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    frame.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    frame.setWidget(page)
    return frame
