"""The activity log (a tab of Reports): who did what, when; everyone sees their own actions."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QVBoxLayout, QWidget

from reception_app.services.event_service import LoggedEvent
from reception_app.ui.desk_state import DeskState
from reception_app.ui.panels.panel import Panel
from reception_app.ui.widgets.card import card
from reception_app.ui.widgets.filtered_table import filtered_table
from reception_app.ui.widgets.heading import Heading

LONDON = ZoneInfo("Europe/London")
LOG_LIMIT = 200
TODAY_LIMIT = 5000
LOG_HEADERS = ("Time", "Who", "What")
ACTION_WORDS = {
    "signed_in": ("sign-in", "sign-ins"),
    "signed_out": ("sign-out or lock", "sign-outs and locks"),
    "sign_in_failed": ("failed sign-in", "failed sign-ins"),
    "created": ("record added", "records added"),
    "updated": ("record changed", "records changed"),
    "deleted": ("record removed", "records removed"),
    "settings_changed": ("settings change", "settings changes"),
}


def time_text(at: datetime, today: datetime) -> str:
    """'Today 10:30' or 'Mon 23 Nov 2026 16:05', in London time."""
    local = at.astimezone(LONDON)
    if local.date() == today.date():
        return f"Today {local:%H:%M}"
    return f"{local:%a} {local.day} {local:%b %Y} {local:%H:%M}"


def counts_text(events: Sequence[LoggedEvent]) -> str:
    """'5 entries: 2 sign-ins, 3 records changed' (largest first)."""
    if not events:
        return "no entries yet"
    counts = Counter(e.action for e in events)
    parts = []
    for action, n in counts.most_common():
        one, many = ACTION_WORDS.get(action, (action.replace("_", " "), action.replace("_", " ")))
        parts.append(f"{n} {one if n == 1 else many}")
    total = len(events)
    return f"{total} {'entry' if total == 1 else 'entries'}: {', '.join(parts)}"


def event_items(event: LoggedEvent, now: datetime) -> list[QStandardItem]:
    """One log row: when, who, what; the tooltip gives the exact time and the record."""
    cells = (time_text(event.at, now), event.staff_name, event.summary or event.action)
    items = [QStandardItem(text) for text in cells]
    for item in items:
        item.setEditable(False)
        item.setToolTip(
            f"{event.at.astimezone(LONDON):%A %d %B %Y %H:%M:%S} · "
            f"{event.action.replace('_', ' ')} · {event.entity.replace('_', ' ')}"
            + (f" #{event.entity_id}" if event.entity_id is not None else "")
        )
    return items


class ActivityLogPanel(Panel):
    """Today's counts and the latest entries, newest first, with a filter (Ctrl+F)."""

    def __init__(self, state: DeskState, parent: QWidget | None = None) -> None:
        super().__init__(state, parent)
        self.today_counts = QLabel()
        self.today_counts.setWordWrap(True)
        self.today_counts.setAccessibleName("Today's activity")
        parts = filtered_table(
            self,
            LOG_HEADERS,
            label_text="Fi&lter the log (Ctrl+F):",
            filter_name="Filter the activity log",
            placeholder="A name, a word from the entry, or a time like 10:",
            table_name="Activity log, newest first",
        )
        self.filter, filter_label, self.log = parts.filter, parts.label, parts.model
        self.proxy, self.table = parts.proxy, parts.table
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.log_label = Heading("", 1.2)
        self.count_note = QLabel()
        self.count_note.setProperty("role", "hint")
        self.count_note.setWordWrap(True)
        filter_row = QHBoxLayout()
        filter_row.addWidget(filter_label)
        filter_row.addWidget(self.filter, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(card(Heading("Today", 1.2), self.today_counts))
        layout.addWidget(self.log_label)
        layout.addLayout(filter_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_note)
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.returnPressed.connect(self.table.setFocus)
        QWidget.setTabOrder(self.filter, self.table)

    def refresh(self) -> None:
        services = self.state.services
        actor = self.state.actor
        manager = self.state.is_manager
        if actor is None:  # locked: nothing to show, and the service would refuse
            self.log.removeRows(0, self.log.rowCount())
            self.today_counts.clear()
            return
        now = services.office.status().local_now.astimezone(LONDON)
        midnight = datetime.combine(now.date(), time(0), tzinfo=LONDON).astimezone(UTC)
        # Staff who are not managers see only their own actions (filtered in the database).
        mine = None if manager else (actor.id if actor is not None else -1)
        events = services.events.recent(actor, LOG_LIMIT, staff_id=mine)
        today = services.events.recent(actor, TODAY_LIMIT, since=midnight, staff_id=mine)
        prefix = "Activity" if manager else "Your activity"
        self.today_counts.setText(
            f"{prefix} today, {now:%A} {now.day} {now:%B}: {counts_text(today)}."
        )
        self.log_label.setText(
            f"Activity log: the last {LOG_LIMIT} entries"
            if manager
            else f"Your last {LOG_LIMIT} actions"
        )
        self.log.removeRows(0, self.log.rowCount())
        for event in events:
            self.log.appendRow(event_items(event, now))
        self._filter_changed(self.filter.text())

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        shown, total = self.proxy.rowCount(), self.log.rowCount()
        if total == 0:
            self.count_note.setText("Nothing in the log yet.")
        elif shown == total:
            self.count_note.setText(
                f"Showing {total} {'entry' if total == 1 else 'entries'}, newest first. "
                "Times are UK time."
            )
        else:
            self.count_note.setText(f"{shown} of {total} entries match '{text.strip()}'.")

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()
