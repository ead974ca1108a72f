"""Deadline engine: when each clock of a channel's service standard runs out (DOMAIN.md 2-3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from types import MappingProxyType

from dateutil.relativedelta import relativedelta

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.offices import OfficeProfile, shipped_profile
from reception_app.domain.standards import ChannelStandard, ClockKind, ClockRule

Pause = tuple[date, date]
"""(asked_on, answered_on): a clarification or fees notice that stops the clock."""

# ``starts_on`` (every compute method): the day the clock starts when that is later than the
# day of receipt, e.g. the day proof of identity for a subject access request arrived. That day
# is then day 0, as the day of receipt would be, and pauses count only after it.

SAR_EXTENDED = ClockRule(ClockKind.CALENDAR_MONTHS, 3)
"""UK GDPR Art. 12(3): a complex subject access request, three months from the same start."""
EIR_EXTENDED = ClockRule(ClockKind.STATUTORY_WORKING_DAYS, 40)
"""EIR reg. 7(1): a complex and voluminous request, 40 working days."""

_ONE_DAY = timedelta(days=1)


def deadline_passed(
    due_on: date, due_at: datetime | None, today: date, now: datetime | None
) -> bool:
    """THE overdue rule, shared by the log, the detail pane, messages and the reports: the
    due day is over, or, for an hours clock (``due_at``) and given ``now``, its moment has
    come. ``due_on`` and ``today`` are office-local days; ``due_at`` and ``now`` aware (or
    both naive office local time)."""
    return due_on < today or (due_at is not None and now is not None and now >= due_at)


def add_months(d: date, months: int) -> date:
    """The same day of the month ``months`` later, or the last day of a month that is shorter."""
    return d + relativedelta(months=months)


class DeadlineEngine:
    """Turns a channel's clocks into due dates on one office's calendar."""

    __slots__ = ("_calendar", "_standards")

    def __init__(self, calendar: OfficeCalendar, standards: Mapping[str, ChannelStandard]) -> None:
        self._calendar = calendar
        self._standards: Mapping[str, ChannelStandard] = MappingProxyType(dict(standards))

    @classmethod
    def from_profile(cls, profile: OfficeProfile) -> DeadlineEngine:
        return cls(OfficeCalendar.from_profile(profile), profile.standards)

    @property
    def calendar(self) -> OfficeCalendar:
        return self._calendar

    @property
    def standards(self) -> Mapping[str, ChannelStandard]:
        return self._standards

    # --- computing deadlines -------------------------------------------------------------------

    def compute(
        self,
        rule: ClockRule,
        received: date | datetime,
        pauses: Sequence[Pause] = (),
        *,
        starts_on: date | None = None,
    ) -> date | datetime | None:
        """When ``rule`` runs out for something received at ``received``.

        ``received`` may be a date, a naive datetime (office local time) or an aware datetime
        (converted to office local time); the day of receipt is the local date. Returns a date
        for day and month clocks (the deadline is the end of that day), a datetime for the hours
        clock (aware in the office zone if ``received`` was aware, else naive local) and None for
        an agreed target. ValueError if a pause ends before it starts.

        ``starts_on``: the day the clock starts if later than the day of receipt (the council
        asked for something it needs first, e.g. proof of identity); it then counts as the day
        of receipt, and an hours clock starts at 00:00 that day.
        """
        start = self._calendar.local_date(received)
        if starts_on is not None and starts_on > start:
            start = starts_on
            midnight = datetime.combine(starts_on, time(0))
            aware = isinstance(received, datetime) and received.tzinfo is not None
            received = self._calendar.to_local(midnight) if aware else midnight
        paused = self._paused_days(start, pauses)
        match rule.kind:
            case ClockKind.AGREED:
                return None
            case ClockKind.WORKING_DAYS:
                return self._working_days(start, rule.amount, False, paused)
            case ClockKind.STATUTORY_WORKING_DAYS:
                return self._working_days(start, rule.amount, True, paused)
            case ClockKind.HOURS_MON_FRI:
                return self._hours_mon_fri(received, rule.amount, paused)
            case ClockKind.CALENDAR_MONTHS:
                return self._calendar_months(start, rule.amount, paused)
        raise AssertionError(rule.kind)  # pragma: no cover

    def due_dates_for(
        self,
        channel: str,
        received: date | datetime,
        pauses: Sequence[Pause] = (),
        *,
        starts_on: date | None = None,
    ) -> dict[str, date | datetime]:
        """Due date of each clock the channel has ("acknowledge", "respond", "final"), leaving
        out agreed targets; ValueError names the valid channels if ``channel`` is unknown."""
        standard = self._standards.get(channel)
        if standard is None:
            raise ValueError(
                f"unknown channel {channel!r}; valid channels: {', '.join(self._standards)}"
            )
        out: dict[str, date | datetime] = {}
        for name, rule in standard.clocks().items():
            due = self.compute(rule, received, pauses, starts_on=starts_on)
            if due is not None:
                out[name] = due
        return out

    def sar_extended(
        self,
        received: date | datetime,
        pauses: Sequence[Pause] = (),
        *,
        starts_on: date | None = None,
    ) -> date:
        """Extended subject access deadline: three calendar months from the same start."""
        due = self.compute(SAR_EXTENDED, received, pauses, starts_on=starts_on)
        assert isinstance(due, date)
        return due

    def eir_extended(
        self,
        received: date | datetime,
        pauses: Sequence[Pause] = (),
        *,
        starts_on: date | None = None,
    ) -> date:
        """Extended EIR deadline: 40 statutory working days."""
        due = self.compute(EIR_EXTENDED, received, pauses, starts_on=starts_on)
        assert isinstance(due, date)
        return due

    # --- showing deadlines ---------------------------------------------------------------------

    def due_day(self, deadline: date | datetime) -> date:
        """The office-local day a deadline falls due at the end of.

        An hours clock that runs out at exactly 00:00 ran out at the end of the day before.
        """
        if not isinstance(deadline, datetime):
            return deadline
        local = self._calendar.to_local(deadline)
        return local.date() - _ONE_DAY if local.time() == time(0) else local.date()

    def is_overdue(
        self, deadline: date | datetime, today: date, now: datetime | None = None
    ) -> bool:
        """The deadline has passed: its day is over, or, for an hours clock and with ``now``
        (aware, or naive office local time), its moment has come."""
        # Both through to_local: a naive value is office local time.
        moment = self._calendar.to_local(deadline) if isinstance(deadline, datetime) else None
        return deadline_passed(
            self.due_day(deadline),
            moment,
            self._calendar.local_date(today),
            self._calendar.to_local(now) if now is not None else None,
        )

    def status(self, deadline: date | datetime, today: date, now: datetime | None = None) -> str:
        """'due today', 'in 3 working days' or 'overdue by 2 working days' (office working days).

        With ``now`` (aware), an hours clock whose moment has come earlier today is
        'overdue' rather than 'due today'.
        """
        due, today = self.due_day(deadline), self._calendar.local_date(today)
        if due >= today and self.is_overdue(deadline, today, now):
            return "overdue"
        if due == today:
            return "due today"
        days = self._calendar.working_days_between(today, due)
        if due > today:
            # A deadline on a day the office is shut (a statutory date in a closure) with no
            # office working day before it: there is no whole working day left.
            return "due before the next working day" if days == 0 else f"in {_days(days)}"
        # Checked on a weekend straight after the deadline: late, but no working day lost yet.
        return "overdue (by less than a working day)" if days == 0 else f"overdue by {_days(-days)}"

    def is_due_soon(
        self, deadline: date | datetime, today: date, now: datetime | None = None
    ) -> bool:
        """The deadline is today or on the next working day (not if it has already passed:
        with ``now``, an hours clock whose moment has come is no longer due soon)."""
        due, today = self.due_day(deadline), self._calendar.local_date(today)
        if self.is_overdue(deadline, today, now):
            return False
        return today <= due <= self._calendar.next_working_day_after(today)

    # --- the clocks ----------------------------------------------------------------------------

    def _paused_days(self, start: date, pauses: Iterable[Pause]) -> frozenset[date]:
        """Days the clock is stopped: after each asked_on up to and including its answered_on.

        Days on or before the day of receipt are left out (the clock had not started), and
        overlapping pauses count each day once.
        """
        days: set[date] = set()
        for asked_on, answered_on in pauses:
            asked, answered = (
                self._calendar.local_date(asked_on),
                self._calendar.local_date(answered_on),
            )
            if answered < asked:
                raise ValueError(
                    f"a pause cannot end (answered on {answered:%d %B %Y}) before it starts "
                    f"(asked on {asked:%d %B %Y})"
                )
            day = max(asked, start) + _ONE_DAY
            while day <= answered:
                days.add(day)
                day += _ONE_DAY
        return frozenset(days)

    def _working_days(self, start: date, n: int, statutory: bool, paused: frozenset[date]) -> date:
        if not paused:
            return self._calendar.add_working_days(start, n, statutory)
        # Walk the days rather than adding the paused count: a pause that begins after the clock
        # has already run out cannot give the council more time.
        is_working = (
            self._calendar.is_statutory_working_day
            if statutory
            else self._calendar.is_office_working_day
        )
        day, remaining = start, n
        while remaining:
            day += _ONE_DAY
            if day not in paused and is_working(day):
                remaining -= 1
        return day

    def _hours_mon_fri(self, received: date, hours: int, paused: frozenset[date]) -> datetime:
        # Wall-clock arithmetic on purpose: each working day counts as 24 hours from local 00:00,
        # so a clock-change night (always a Sunday) neither adds nor takes away an hour.
        if isinstance(received, datetime):
            aware = received.tzinfo is not None
            cursor = self._calendar.to_local(received).replace(tzinfo=None)
        else:
            aware = False
            cursor = datetime.combine(received, time(0))
        remaining = timedelta(hours=hours)
        while True:
            day = cursor.date()
            midnight = datetime.combine(day + _ONE_DAY, time(0))
            if day not in paused and self._calendar.is_office_working_day(day):
                available = midnight - cursor
                if remaining <= available:
                    end = cursor + remaining
                    return self._calendar.to_local(end) if aware else end
                remaining -= available
            cursor = midnight

    def _calendar_months(self, start: date, months: int, paused: frozenset[date]) -> date:
        due = add_months(start, months)
        # Each paused day that falls before the (moved) deadline pushes it back one calendar day;
        # the weekend/bank-holiday move is applied again to the result.
        for day in sorted(paused):
            if day > self._roll_forward(due):
                break
            due += _ONE_DAY
        return self._roll_forward(due)

    def _roll_forward(self, d: date) -> date:
        # Weekends and bank holidays only, not the office's closure days: a statutory deadline
        # (UK GDPR) cannot be pushed back by the council's own decision to shut the office.
        while d.weekday() >= 5 or self._calendar.is_bank_holiday(d):
            d += _ONE_DAY
        return d


def _days(n: int) -> str:
    return f"{n} working day" if n == 1 else f"{n} working days"


_ENGINES: dict[str, DeadlineEngine] = {}


def engine_for(office: str) -> DeadlineEngine:
    """The engine for a shipped office profile, built once; ValueError names the valid offices."""
    engine = _ENGINES.get(office)
    if engine is None:
        engine = _ENGINES[office] = DeadlineEngine.from_profile(shipped_profile(office))
    return engine


def due_dates(office: str, channel: str, received: datetime) -> dict[str, date | datetime]:
    """Due dates of every clock of ``channel`` for a shipped office ("hellesdon",
    "north-norfolk"), e.g. {"acknowledge": ..., "respond": ..., "final": ...}.

    Agreed targets are left out. ValueError names the valid offices or channels.
    """
    return engine_for(office).due_dates_for(channel, received)
