"""Managers' reports (issue 7): read a period's records, build the figures, export PDF or CSV.

Days are office-local: a visit belongs to the day its ticket was issued (``ticket_day``, written
from the office's own clock at check-in). The UTC bounds of the local days are used for records
that carry only a timestamp. Each section's reading is in services/reports/.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.reports import Report, build_report, check_period
from reception_app.domain.reports.comparison import (
    Comparison,
    figure_texts,
    period_label,
    previous_period,
    year_earlier,
)
from reception_app.domain.standards import ChannelStandard
from reception_app.persistence.engine import transaction
from reception_app.services.context import ServiceContext
from reception_app.services.office_scoped import require_manager
from reception_app.services.reports.later_sections import later_sections
from reception_app.services.reports.office_facts import (
    days_off,
    first_day,
    local_day_bounds,
    office_calendar,
    office_row,
    setting,
)
from reception_app.services.reports.tables import PENDING_SECTIONS, SECTION_TABLES
from reception_app.services.reports.walk_in_rows import CHUNK_DAYS, Progress, visit_rows

__all__ = [
    "CHUNK_DAYS",
    "PENDING_SECTIONS",
    "SECTION_TABLES",
    "Progress",
    "ReportService",
    "local_day_bounds",
]


READ_REPORTS = "read reports"

COMPARED_DAYS_MAX = 93
"""Periods up to a quarter are compared with the previous period and a year earlier; longer
ones are not (reading three years of records would triple a long report's wait)."""


class ReportService:
    """The figures managers monitor (DOMAIN.md 7) for one office. Read-only.

    ``actor`` is who asks: every method refuses anyone but a manager (PermissionDenied), as the
    database says at that moment, whatever the screen showed."""

    def __init__(self, context: ServiceContext, office_key: str, actor: StaffMember | None) -> None:
        require_manager(actor, what=READ_REPORTS)
        self._factory = context.session_factory
        self._clock = context.clock
        self._office_key = office_key
        self._actor = actor

    def _allowed(self, session: Session) -> None:
        require_manager(self._actor, session, READ_REPORTS)

    # --- reading ------------------------------------------------------------------------------

    def today(self) -> date:
        with transaction(self._factory, write=False) as session:
            self._allowed(session)
            office = office_row(session, self._office_key)
            return office_calendar(office, []).to_local(self._clock()).date()

    def first_day(self) -> date | None:
        """The office's first day with records of any kind a report covers (None: none yet)."""
        with transaction(self._factory, write=False) as session:
            self._allowed(session)
            return first_day(session, office_row(session, self._office_key))

    def check(self, start: date, end: date) -> None:
        """ValidationError (with the field: 'start' or 'end') for a period that cannot be shown."""
        with transaction(self._factory, write=False) as session:
            self._allowed(session)
            office = office_row(session, self._office_key)
            today = office_calendar(office, []).to_local(self._clock()).date()
            check_period(start, end, today, first_day(session, office))

    def daily(self, day: date, *, waits_only: bool = False, compare: bool = True) -> Report:
        return self.report(day, day, waits_only=waits_only, compare=compare)

    def report(
        self,
        start: date,
        end: date,
        progress: Progress | None = None,
        *,
        waits_only: bool = False,
        compare: bool = True,
    ) -> Report:
        """The report for the office-local days ``start`` to ``end`` inclusive, with each
        figure beside the previous period's and a year earlier's (``compare``; see
        ``domain/reports/comparison.py``).

        ``waits_only`` leaves out appointments, rooms and correspondence (the wait summary,
        never compared). ValidationError for a bad period; Cancelled when ``progress``
        returns False.
        """
        report = self._build(start, end, progress, waits_only, checked=True)
        too_long = (end - start).days + 1 > COMPARED_DAYS_MAX
        if not compare or waits_only or report.no_office_hours or too_long:
            return report
        calendar, known_from = report.calendar, self.first_day()
        other: list[tuple[str, dict[str, str]]] = []
        for begin, finish in (
            previous_period(start, end, calendar),
            year_earlier(start, end),
        ):
            texts: dict[str, str] = {}
            if known_from is not None and finish >= known_from:
                texts = figure_texts(
                    self._build(begin, finish, None, False, checked=False).sections
                )
            other.append((period_label(begin, finish), texts))
        (previous_label, previous), (year_label, year) = other
        return replace(report, compared=Comparison(previous_label, year_label, previous, year))

    def _build(
        self,
        start: date,
        end: date,
        progress: Progress | None,
        waits_only: bool,
        *,
        checked: bool,
    ) -> Report:
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            self._allowed(session)
            office = office_row(session, self._office_key)
            office_days_off = days_off(session, office.id)
            calendar = office_calendar(office, office_days_off)
            today = calendar.to_local(now).date()
            if checked:
                check_period(start, end, today, first_day(session, office))
            target = setting(session, "target_wait_minutes", office.id)
            rows = visit_rows(session, office.id, start, end, progress)
            standards = {
                ch: ChannelStandard.from_dict(ch, clocks)
                for ch, clocks in (office.standards or {}).items()
            }
            extra, extra_rows, channel_results = (
                ([], {}, {})
                if waits_only
                else later_sections(session, office, calendar, start, end, now)
            )
        return build_report(
            office_name=office.name,
            calendar=calendar,
            start=start,
            end=end,
            rows=rows,
            target_wait_minutes=target,
            now=now,
            standards=standards,
            closure_reasons={d.day: d.reason for d in office_days_off if d.kind == "closure"},
            extra_sections=extra,
            extra_rows=extra_rows,
            channel_results=channel_results,
        )

    # --- exporting ----------------------------------------------------------------------------

    def export(self, report: Report, path: Path, *, large_print: bool = False) -> list[Path]:
        """Write ``report`` to ``path`` (.pdf, or .csv with the visits beside it); returns the
        files written. Nothing is left behind if writing fails."""
        with transaction(self._factory, write=False) as session:
            self._allowed(session)
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            from reception_app.documents.report_pdf import write_report_pdf

            write_report_pdf(report, path, large_print=large_print)
            return [path]
        if suffix == ".csv":
            from reception_app.documents.report_csv import write_report_csv

            return write_report_csv(report, path)
        raise ValidationError(
            f"Reports are saved as .pdf or .csv files; '{path.name}' is neither. "
            "End the file name with .pdf or .csv.",
            "out",
        )
