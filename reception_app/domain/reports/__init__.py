"""Managers' report figures from plain rows: walk-in waits, first-contact resolution, standards.

Pure: the service layer reads the rows, this package turns them into figures (DOMAIN.md 7). Every
definition is written down in docs/reports.md; the short version:

- a **wait** runs from check-in to the call; a visitor who left uncalled waited until they left,
  one still waiting at the end of the day (or now, for today) until closing time (or now);
- **share within the target** counts visitors called within the target (inclusive), out of
  everyone whose outcome is known: called, or still uncalled after the target had passed;
- **percentiles** use the nearest-rank method (an actual wait, never an interpolation); the
  median is the ordinary median (the mean of the two middle waits when the count is even).

A report is a list of sections so that appointments, rooms and correspondence sit beside the
walk-ins; each figure carries a *selector* naming the records behind it (``rows_for``).

One module per part: ``figures`` (shares, figures, tables, sections, and how numbers and dates
are written), ``period`` (the period check and each day's hours), ``walk_ins`` and
``walk_in_sections`` (the walk-in figures and their words), ``trend``, ``appointments``,
``rooms``, ``correspondence``, ``standards``, ``report`` (the whole report and its flat summary)
and ``drill_down`` (the visits behind a figure). Every public name is re-exported here.
"""

from reception_app.domain.reports.appointments import (
    APPOINTMENT_HEADERS,
    AppointmentRow,
    appointments_section,
)
from reception_app.domain.reports.correspondence import (
    ITEM_HEADERS,
    WorkItemRow,
    correspondence_section,
)
from reception_app.domain.reports.drill_down import VISIT_HEADERS, outcomes_for, visit_cells
from reception_app.domain.reports.figures import (
    WEEKDAY_NAMES,
    Figure,
    FigureTable,
    Section,
    Share,
    WaitStats,
    days_of,
    long_date,
    minutes_between,
    minutes_text,
    nearest_rank,
    percent_text,
    short_date,
    signed_minutes_text,
    unavailable_section,
)
from reception_app.domain.reports.notifications import (
    NOTIFICATION_HEADERS,
    NotificationRow,
    notifications_section,
)
from reception_app.domain.reports.period import MAX_RANGE_DAYS, DayStatus, check_period, day_status
from reception_app.domain.reports.report import Report, build_report, summary_rows
from reception_app.domain.reports.rooms import ROOM_HEADERS, RoomBookingRow, rooms_section
from reception_app.domain.reports.standards import ChannelLine, channel_lines, standards_section
from reception_app.domain.reports.trend import (
    DAILY_TREND_DAYS,
    WEEKLY_TREND_DAYS,
    TrendPoint,
    trend,
    trend_buckets,
)
from reception_app.domain.reports.walk_in_sections import (
    BREAKDOWN_HEADERS,
    first_contact_section,
    walk_in_section,
)
from reception_app.domain.reports.walk_ins import (
    ANNOUNCED_CLOSE_MINUTES,
    AnnouncedError,
    GroupFigures,
    VisitOutcome,
    VisitRow,
    WalkInFigures,
    visit_outcome,
    walk_in_figures,
)

__all__ = [
    "ANNOUNCED_CLOSE_MINUTES",
    "APPOINTMENT_HEADERS",
    "BREAKDOWN_HEADERS",
    "DAILY_TREND_DAYS",
    "ITEM_HEADERS",
    "MAX_RANGE_DAYS",
    "NOTIFICATION_HEADERS",
    "ROOM_HEADERS",
    "VISIT_HEADERS",
    "WEEKDAY_NAMES",
    "WEEKLY_TREND_DAYS",
    "AnnouncedError",
    "AppointmentRow",
    "ChannelLine",
    "DayStatus",
    "Figure",
    "FigureTable",
    "GroupFigures",
    "Report",
    "NotificationRow",
    "RoomBookingRow",
    "Section",
    "Share",
    "TrendPoint",
    "VisitOutcome",
    "VisitRow",
    "WaitStats",
    "WalkInFigures",
    "WorkItemRow",
    "appointments_section",
    "build_report",
    "channel_lines",
    "check_period",
    "correspondence_section",
    "day_status",
    "days_of",
    "first_contact_section",
    "long_date",
    "minutes_between",
    "minutes_text",
    "nearest_rank",
    "outcomes_for",
    "percent_text",
    "notifications_section",
    "rooms_section",
    "short_date",
    "signed_minutes_text",
    "standards_section",
    "summary_rows",
    "trend",
    "trend_buckets",
    "unavailable_section",
    "visit_cells",
    "visit_outcome",
    "walk_in_figures",
    "walk_in_section",
]
