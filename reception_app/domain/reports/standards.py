"""The service standards section: each channel's published clocks and how often they were met.

How often they were met is shown once the correspondence records exist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reception_app.domain.reports.figures import Figure, FigureTable, Section, Share
from reception_app.domain.standards import CHANNELS, ChannelStandard
from reception_app.domain.wording import counted


@dataclass(frozen=True, slots=True)
class ChannelLine:
    """One channel's published standard, for the definitions section and the 'met by channel'
    chart (``answered`` is empty until the channel's records exist)."""

    channel: str
    name: str
    clocks: str
    answered: Share = Share()
    overdue_now: int = 0


def channel_lines(
    standards: Mapping[str, ChannelStandard], results: Mapping[str, tuple[Share, int]]
) -> tuple[ChannelLine, ...]:
    lines = []
    for channel, name in CHANNELS.items():
        standard = standards.get(channel)
        if standard is None:
            continue
        clocks = "; ".join(
            f"{clock}: {rule.describe()}" for clock, rule in standard.clocks().items()
        )
        answered, overdue = results.get(channel, (Share(), 0))
        lines.append(ChannelLine(channel, name, clocks, answered, overdue))
    return tuple(lines)


def verdict(answered: Share, overdue_now: int) -> str:
    """The channel's standard at a glance: 'Met' when every item due was answered within it
    and none is overdue now; 'Missed: N late' otherwise; 'Nothing due' when there was none."""
    late = answered.total - answered.met + overdue_now
    if late:
        return f"Missed: {late} late"
    return "Met" if answered.total else "Nothing due"


def standards_section(channels: Sequence[ChannelLine], target: int, with_results: bool) -> Section:
    items = (
        Figure(
            "target_wait",
            "Target wait for walk-in visitors",
            counted(target, "minute"),
            float(target),
            note="set in Settings; a visitor called after exactly the target counts as within it",
        ),
    )
    headers: tuple[str, ...] = ("Channel", "Published standard")
    rows: list[tuple[str, ...]] = []
    for line in channels:
        row: tuple[str, ...] = (line.name, line.clocks)
        if with_results:
            row = (
                line.name,
                verdict(line.answered, line.overdue_now),
                line.clocks,
                line.answered.text(),
                str(line.overdue_now),
            )
        rows.append(row)
    if with_results:
        headers = ("Channel", "Standard", "Published standard", "Answered within standard")
        headers += ("Overdue now",)
    table = FigureTable(
        "standards",
        "Service standards by channel",
        headers,
        tuple(rows),
        tuple(f"channel:{line.channel}" if with_results else "" for line in channels),
    )
    return Section("standards", "Service standards", items, (table,))
