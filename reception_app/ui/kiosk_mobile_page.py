"""The kiosk's optional step: a mobile number for a text when it is nearly the visitor's turn."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reception_app.domain.errors import ValidationError
from reception_app.domain.validation import check_uk_mobile
from reception_app.ui.public_screen import YELLOW

MOBILE_MAX = 13
"""'07700 900123' has 11 digits; a few more for +44."""

LabelMaker = Callable[..., QLabel]
ButtonMaker = Callable[..., QPushButton]


class KioskMobilePage(QWidget):
    """Digits and two answers. ``chosen`` carries the checked mobile, or '' for "No thanks"."""

    chosen = Signal(str)
    """The visitor answered: their UK mobile (formatted), or '' for no texts."""

    def __init__(self, label: LabelMaker, button: ButtonMaker) -> None:
        super().__init__()
        self.digits = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        layout.addWidget(
            label(
                2.6,
                bold=True,
                text="Would you like a text when it is nearly your turn?\n"
                "Type your mobile number, or tap No thanks.",
            )
        )
        self.number_label = label(3.6, bold=True)
        self.number_label.setStyleSheet(f"color: {YELLOW}; border-bottom: 4px solid {YELLOW};")
        self.number_label.setMinimumHeight(80)
        self.number_label.setAccessibleName("Your mobile number")
        layout.addWidget(self.number_label)
        self.problem = label(2.5, bold=True)
        self.problem.setAccessibleName("What is wrong with the number")
        self.problem.hide()  # shown with its words only: the page fits a 768-line screen
        layout.addWidget(self.problem)
        layout.addLayout(self._keypad(button))
        row = QHBoxLayout()
        self.delete_button = button("Delete", 2.6, secondary=True)
        self.delete_button.clicked.connect(self._delete)
        self.no_button = button("No thanks", 2.8)
        self.no_button.clicked.connect(lambda: self.chosen.emit(""))
        self.text_me_button = button("Text me", 2.8)
        self.text_me_button.clicked.connect(self.answer)
        row.addWidget(self.delete_button)
        row.addStretch(1)
        row.addWidget(self.no_button)
        row.addWidget(self.text_me_button)
        layout.addLayout(row)
        layout.addWidget(label(2.5, text="We use it only for texts about this visit."))
        layout.addStretch(1)

    def _keypad(self, button: ButtonMaker) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(8)
        self.digit_buttons: dict[str, QPushButton] = {}
        for i, digit in enumerate("1234567890"):
            key = button(digit, 3.0)
            key.setMinimumHeight(80)
            key.clicked.connect(lambda _=False, d=digit: self.type(d))
            self.digit_buttons[digit] = key
            grid.addWidget(key, 0, i)  # one row: room for large text on a 768-line screen
        return grid

    def clear(self) -> None:
        self.digits = ""
        self._say("")
        self._show()

    def type(self, digit: str) -> None:
        if len(self.digits) < MOBILE_MAX:
            self.digits += digit
        self._say("")
        self._show()

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _delete(self) -> None:
        self.digits = self.digits[:-1]
        self._show()

    def _show(self) -> None:
        shown = self.digits if len(self.digits) <= 5 else f"{self.digits[:5]} {self.digits[5:]}"
        self.number_label.setText(shown or " ")

    def answer(self) -> None:
        """'Text me': the number if it is a UK mobile; otherwise say why, in plain words."""
        if not self.digits:
            self._say("Type your mobile number, or tap No thanks.")
            return
        try:
            mobile = check_uk_mobile(self.digits)
        except ValidationError:
            self._say("That is not a UK mobile number: 07 and nine more digits.")
            return
        self.chosen.emit(mobile)
