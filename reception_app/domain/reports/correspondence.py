"""The call-backs and correspondence section: within standard by channel, overdue, oldest.

Answered within standard by channel (items received in the period), overdue now and the oldest
overdue item (everything still open today).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.deadlines import deadline_passed
from reception_app.domain.reports.figures import (
    Figure,
    FigureTable,
    Section,
    Share,
    long_date,
    short_date,
)
from reception_app.domain.standards import CHANNELS
from reception_app.domain.wording import counted


@dataclass(frozen=True, slots=True)
class WorkItemRow:
    """A message wanting a call-back, or a piece of correspondence, with its answer clock."""

    id: int
    kind: str
    """'message' or 'correspondence'."""
    channel: str
    received_at: datetime
    due_on: date | None
    """The office-local day the answer is due by (end of day); None: no clock."""
    due_at: datetime | None = None
    """The exact moment, for clocks counted in hours."""
    answered_at: datetime | None = None
    closed: bool = False
    next_due_on: date | None = None
    """When the next step (acknowledge, answer...) is due while open: for 'overdue now'."""
    next_due_at: datetime | None = None
    """The exact moment of that next step when its clock counts hours."""


ITEM_HEADERS = (
    "Kind",
    "Channel",
    "Received",
    "Due by",
    "Answered",
    "Within standard",
    "Overdue by (working days)",
)


def _answered_in_time(item: WorkItemRow, calendar: OfficeCalendar) -> bool:
    assert item.answered_at is not None
    if item.due_at is not None:
        return item.answered_at <= item.due_at
    assert item.due_on is not None
    return calendar.to_local(item.answered_at).date() <= item.due_on


def correspondence_section(
    in_period: Sequence[WorkItemRow],
    open_now: Sequence[WorkItemRow],
    today: date,
    now: datetime,
    calendar: OfficeCalendar,
) -> tuple[Section, dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[Share, int]]]:
    """Answered within standard by channel (items received in the period), overdue now and the
    oldest overdue item (everything still open today, whenever it came in).

    An item counts towards 'within standard' once its outcome is known: answered (in time or
    not), or unanswered after its deadline. Items with no clock are left out.
    """
    judge = _Judge(today, now, calendar)
    results: dict[str, list[bool]] = defaultdict(list)
    cells_by: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for item in in_period:
        within = judge.within_standard(item)
        if within is not None:
            results[item.channel].append(within)
        cells_by[f"channel:{item.channel}"].append(judge.cells(item, within))
        if within is False:
            cells_by["correspondence:missed"].append(judge.cells(item, within))
    overdue = sorted(
        (i for i in open_now if judge.overdue_since(i) is not None),
        key=lambda i: (judge.overdue_since(i) or today, i.received_at),
    )
    overdue_by_channel: dict[str, int] = defaultdict(int)
    for item in overdue:
        overdue_by_channel[item.channel] += 1
        cells_by["correspondence:overdue"].append(judge.cells(item, None))
    channel_results = {
        channel: (
            Share(sum(results.get(channel, [])), len(results.get(channel, []))),
            overdue_by_channel.get(channel, 0),
        )
        for channel in {*results, *overdue_by_channel, *(i.channel for i in in_period)}
    }
    total = Share(sum(sum(v) for v in results.values()), sum(len(v) for v in results.values()))
    figures = _figures(in_period, total, overdue, judge)
    table = _channel_table(in_period, channel_results)
    extra: dict[str, tuple[tuple[str, ...], ...]] = {
        key: tuple(value) for key, value in cells_by.items()
    }
    extra["headers:channel"] = (ITEM_HEADERS,)
    extra["headers:correspondence"] = (ITEM_HEADERS,)
    section = Section("correspondence", "Call-backs and correspondence", figures, (table,))
    return section, extra, channel_results


@dataclass(frozen=True, slots=True)
class _Judge:
    """Whether an item met its standard or is overdue as of ``today`` (``now`` for clocks in
    hours), and how it is listed behind a figure."""

    today: date
    now: datetime
    calendar: OfficeCalendar

    def past_due(self, item: WorkItemRow) -> bool:
        if item.due_at is not None:
            return self.now > item.due_at
        return item.due_on is not None and self.today > item.due_on

    def overdue_since(self, item: WorkItemRow) -> date | None:
        """The day the next step fell due, when it is overdue now (an hours clock from its
        moment: the same rule as the log's "(overdue)", ``deadline_passed``)."""
        due = item.next_due_on
        if due is None or not deadline_passed(due, item.next_due_at, self.today, self.now):
            return None
        return due

    def within_standard(self, item: WorkItemRow) -> bool | None:
        """None while the outcome is not known, and for an item with no clock."""
        within: bool | None = None
        if item.due_on is not None or item.due_at is not None:
            if item.answered_at is not None:
                within = _answered_in_time(item, self.calendar)
            elif self.past_due(item):
                within = False
        return within

    def cells(self, item: WorkItemRow, within: bool | None) -> tuple[str, ...]:
        calendar = self.calendar
        since = self.overdue_since(item) if not item.closed else None
        return (
            item.kind,
            CHANNELS.get(item.channel, item.channel),
            f"{calendar.to_local(item.received_at):%d %b %Y %H:%M}",
            "" if item.due_on is None else item.due_on.isoformat(),
            ""
            if item.answered_at is None
            else f"{calendar.to_local(item.answered_at):%d %b %Y %H:%M}",
            "" if within is None else ("yes" if within else "no"),
            "" if since is None else str(calendar.working_days_between(since, self.today)),
        )


def _figures(
    in_period: Sequence[WorkItemRow], total: Share, overdue: Sequence[WorkItemRow], judge: _Judge
) -> tuple[Figure, ...]:
    messages = [i for i in in_period if i.kind == "message"]
    letters = [i for i in in_period if i.kind == "correspondence"]
    return (
        Figure(
            "received",
            "Call-backs and correspondence received",
            f"{counted(len(messages), 'call-back')}, {len(letters)} correspondence",
            float(len(in_period)),
        ),
        Figure(
            "within_standard",
            "Answered within standard (all channels)",
            total.text(),
            total.fraction,
            "correspondence:missed",
            "click to list those that missed it",
        ),
        Figure(
            "overdue_now",
            "Overdue now",
            str(len(overdue)),
            float(len(overdue)),
            "correspondence:overdue",
            f"as of {long_date(judge.today)}",
        ),
        Figure(
            "oldest_overdue",
            "Oldest overdue",
            _oldest_text(overdue, judge),
            None,
            "correspondence:overdue",
        ),
    )


def _oldest_text(overdue: Sequence[WorkItemRow], judge: _Judge) -> str:
    """The first of the overdue items (oldest first): what, when received and due, how late."""
    if not overdue:
        return "none"
    first = overdue[0]
    since = judge.overdue_since(first)
    assert since is not None
    calendar = judge.calendar
    return (
        f"{CHANNELS.get(first.channel, first.channel)} received "
        f"{short_date(calendar.to_local(first.received_at).date())}, due {short_date(since)}: "
        f"overdue by {calendar.working_days_between(since, judge.today)} working days"
    )


def _channel_table(
    in_period: Sequence[WorkItemRow], channel_results: Mapping[str, tuple[Share, int]]
) -> FigureTable:
    rows = []
    selectors = []
    for channel, name in CHANNELS.items():
        if channel not in channel_results:
            continue
        share, n_overdue = channel_results[channel]
        rows.append(
            (
                name,
                str(sum(1 for i in in_period if i.channel == channel)),
                share.text(),
                str(n_overdue),
            )
        )
        selectors.append(f"channel:{channel}")
    return FigureTable(
        "by_channel",
        "By channel",
        ("Channel", "Received in period", "Answered within standard", "Overdue now"),
        tuple(rows),
        tuple(selectors),
    )
