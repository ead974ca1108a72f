"""The Today page's bar of queue buttons and its tab order (kept apart to keep the page short)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from reception_app.ui.widgets.flow_layout import flow_row

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
    desk = QWidget()  # the label stays beside its list when the row wraps
    desk_row = QHBoxLayout(desk)
    desk_row.setContentsMargins(0, 0, 0, 0)
    desk_row.addWidget(desk_label)
    desk_row.addWidget(self.desk_choice)
    buttons = [
        self.check_in_button,
        self.call_next_button,
        self.served_button,
        self.left_button,
        self.arrived_button,
        self.room_now_button,
        self.pause_button,
    ]
    # Wrapping onto a second line when the page is too narrow (large text at 1366 pixels):
    # no button is pushed off the edge.
    self.queue_bar = QHBoxLayout()
    self.queue_bar.setContentsMargins(0, 0, 0, 0)
    self.queue_bar.addWidget(flow_row([desk, *buttons]), 1)


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
