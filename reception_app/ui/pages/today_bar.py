"""The Today page's bar of queue buttons and its tab order (kept apart to keep the page short)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

if TYPE_CHECKING:
    from reception_app.ui.pages.today_page import TodayPage


def build_queue_bar(self: TodayPage) -> None:
    """The desk chosen and the queue's buttons, on ``self.queue_bar``."""
    self.desk_choice = QComboBox()
    self.desk_choice.setAccessibleName("This PC's desk")
    desk_label = QLabel("This &desk:")
    desk_label.setBuddy(self.desk_choice)
    self.check_in_button = QPushButton("Check &in (F2)")
    self.call_next_button = QPushButton("Call &next (F3)")
    self.served_button = QPushButton("&Served (F4)")
    self.left_button = QPushButton("&Left (F6)")
    self.pause_button = QPushButton("&Pause desk")
    self.arrived_button = QPushButton("Appointment &arrived (F7)")
    self.room_now_button = QPushButton("Private &room now (F9)")
    self.queue_bar = QHBoxLayout()
    self.queue_bar.addWidget(desk_label)
    self.queue_bar.addWidget(self.desk_choice)
    for button in (
        self.check_in_button,
        self.call_next_button,
        self.served_button,
        self.left_button,
        self.arrived_button,
        self.room_now_button,
        self.pause_button,
    ):
        self.queue_bar.addWidget(button)
    self.queue_bar.addStretch(1)


def queue_first_in_tab_order(self: TodayPage) -> None:
    """One Tab from the sidebar reaches the queue; the desk choice and the buttons (each
    with its own F-key) come after it, then the late-appointment prompt's button."""
    chain = (
        self.queue_table,
        self.desk_choice,
        self.check_in_button,
        self.call_next_button,
        self.served_button,
        self.left_button,
        self.arrived_button,
        self.room_now_button,
        self.pause_button,
        self.delay_button,
    )
    for first, second in zip(chain, chain[1:], strict=False):
        QWidget.setTabOrder(first, second)
