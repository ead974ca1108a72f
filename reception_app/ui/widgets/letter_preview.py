"""The pages of a letter as pictures, one under the other, in a scrolling area."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget


class LetterPreview(QScrollArea):
    """Wide enough for an A4 page drawn at ``dpi``; ``show_pages`` replaces what is shown."""

    def __init__(self, dpi: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.setWidget(self.pages)
        self.setWidgetResizable(True)
        self.setAccessibleName("Preview of the letter's pages")
        self.setMinimumWidth(round(595 * dpi / 72) + 40)

    def show_pages(self, images: Sequence[QImage]) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for number, image in enumerate(images, start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setAccessibleName(f"Page {number} of {len(images)}")
            label.setFrameShape(QLabel.Shape.Box)
            self.pages_layout.addWidget(label)
