"""Managers' reports (issue 7): read a period's records, build the figures, export PDF or CSV.

Days are office-local: a visit belongs to the day its ticket was issued (``ticket_day``, written
from the office's own clock at check-in), which is also what the (office, day, ticket) unique
index is ordered by, so a day's visits are one index range however many years are stored. The
UTC bounds of the local days are used for records that carry only a timestamp.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import BindParameter, Engine, Executable, Row, bindparam, func, inspect, select
from sqlalchemy.orm import Session, aliased

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import Cancelled, ValidationError
from reception_app.domain.offices import parse_hours
from reception_app.domain.reports import (
    AppointmentRow,
    Report,
    RoomBookingRow,
    Section,
    Share,
    VisitRow,
    WorkItemRow,
    appointments_section,
    build_report,
    check_period,
    correspondence_section,
    rooms_section,
    unavailable_section,
)
from reception_app.domain.settings import SETTINGS
from reception_app.domain.standards import ChannelStandard
from reception_app.persistence.appointment_records import AppointmentRecord, RoomBookingRecord
from reception_app.persistence.correspondence_records import (
    CorrespondenceRecord,
    MessageCallbackRecord,
    MessageRecord,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import (
    DayOffRecord,
    DeskRecord,
    InterviewRoomRecord,
    OfficeRecord,
    ServiceRecord,
    SettingRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.services.context import ServiceContext

Progress = Callable[[int, int], bool]
"""(done, total) -> keep going? False cancels."""

_Rows = dict[str, tuple[tuple[str, ...], ...]]
_Part = tuple[Section, _Rows, dict[str, tuple[Share, int]]]
"""A section, the records behind its figures by selector, and per-channel results."""

SECTION_TABLES = {
    "appointments": frozenset({"appointments"}),
    "rooms": frozenset({"room_bookings"}),
    "correspondence": frozenset({"correspondence", "messages", "message_callbacks"}),
}
"""The tables each later section reads: a database without them shows the section as pending."""

_TABLES: weakref.WeakKeyDictionary[Engine, frozenset[str]] = weakref.WeakKeyDictionary()


def _tables_present(session: Session) -> frozenset[str]:
    """The tables of the database (looked up once per engine: the schema changes only when the
    app migrates it at start-up)."""
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    found = _TABLES.get(engine)
    if found is None:
        found = _TABLES[engine] = frozenset(inspect(session.connection()).get_table_names())
    return found


CHUNK_DAYS = 31
"""A long range is read a month at a time so progress moves and Cancel is honoured."""

PENDING_SECTIONS = (
    (
        "appointments",
        "Appointments",
        "Appointment figures (seen on time, average and worst delay, no-shows) need the "
        "appointments tables, which this database does not have yet.",
    ),
    (
        "rooms",
        "Interview rooms",
        "Room use per room needs the room bookings table, which this database does not have yet.",
    ),
    (
        "correspondence",
        "Call-backs and correspondence",
        "Answered within standard by channel, overdue now and the oldest overdue item need the "
        "messages and correspondence tables, which this database does not have yet.",
    ),
)


def local_day_bounds(calendar: OfficeCalendar, start: date, end: date) -> tuple[datetime, datetime]:
    """UTC instants of 00:00 office time on ``start`` and on the day after ``end`` (half-open);
    on a clock-change day the local day is 23 or 25 hours long."""
    zone = calendar.zone
    begin = datetime.combine(start, time(0), zone).astimezone(UTC)
    finish = datetime.combine(end + timedelta(days=1), time(0), zone).astimezone(UTC)
    return begin, finish


class ReportService:
    """The figures managers monitor (DOMAIN.md 7) for one office. Read-only."""

    def __init__(self, context: ServiceContext, office_key: str) -> None:
        self._factory = context.session_factory
        self._clock = context.clock
        self._office_key = office_key

    # --- reading ------------------------------------------------------------------------------

    def today(self) -> date:
        with transaction(self._factory, write=False) as session:
            office = self._office_row(session)
            return _calendar(office, []).to_local(self._clock()).date()

    def first_day(self) -> date | None:
        """The office's first day with records of any kind a report covers (None: none yet)."""
        with transaction(self._factory, write=False) as session:
            office = self._office_row(session)
            return self._first_day(session, office)

    def check(self, start: date, end: date) -> None:
        """ValidationError (with the field: 'start' or 'end') for a period that cannot be shown."""
        with transaction(self._factory, write=False) as session:
            office = self._office_row(session)
            today = _calendar(office, []).to_local(self._clock()).date()
            check_period(start, end, today, self._first_day(session, office))

    def daily(self, day: date, *, waits_only: bool = False) -> Report:
        return self.report(day, day, waits_only=waits_only)

    def report(
        self,
        start: date,
        end: date,
        progress: Progress | None = None,
        *,
        waits_only: bool = False,
    ) -> Report:
        """The report for the office-local days ``start`` to ``end`` inclusive.

        ``waits_only`` leaves out appointments, rooms and correspondence (the wait summary).
        ValidationError for a bad period; Cancelled when ``progress`` returns False.
        """
        now = self._clock()
        with transaction(self._factory, write=False) as session:
            office = self._office_row(session)
            days_off = (
                session.connection()
                .execute(_statements()["days_off"], {"office_id": office.id})
                .all()
            )
            calendar = _calendar(office, days_off)
            today = calendar.to_local(now).date()
            check_period(start, end, today, self._first_day(session, office))
            target = _setting(session, "target_wait_minutes", office.id)
            rows = self._visit_rows(session, office.id, start, end, progress)
            standards = {
                ch: ChannelStandard.from_dict(ch, clocks)
                for ch, clocks in (office.standards or {}).items()
            }
            extra, extra_rows, channel_results = (
                ([], {}, {})
                if waits_only
                else self._extra_sections(session, office, calendar, start, end, now)
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
            closure_reasons={d.day: d.reason for d in days_off if d.kind == "closure"},
            extra_sections=extra,
            extra_rows=extra_rows,
            channel_results=channel_results,
        )

    # --- exporting ----------------------------------------------------------------------------

    def export(self, report: Report, path: Path, *, large_print: bool = False) -> list[Path]:
        """Write ``report`` to ``path`` (.pdf, or .csv with the visits beside it); returns the
        files written. Nothing is left behind if writing fails."""
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

    # --- internals ----------------------------------------------------------------------------

    def _office_row(self, session: Session) -> Row[Any]:
        """The office facts a report needs (a plain row: the whole record costs more to load)."""
        office = (
            session.connection()
            .execute(_statements()["office"], {"key": self._office_key})
            .one_or_none()
        )
        if office is None:
            from reception_app.domain.errors import NotFoundError

            raise NotFoundError(f"There is no office '{self._office_key}' in this database.")
        return office

    @staticmethod
    def _first_day(session: Session, office: Row[Any]) -> date | None:
        """The office-local day of its earliest visit, appointment, room booking, call-back
        message or piece of correspondence: an office that so far has only letters can still
        report on them. Tables this database does not have yet are left out."""
        row = (
            session.connection()
            .execute(_first_day_query(_tables_present(session)), {"office_id": office.id})
            .one()
        )
        first_visit, *stamps = row
        zone = ZoneInfo(office.timezone)
        days = [first_visit] + [at.astimezone(zone).date() for at in stamps if at is not None]
        return min((d for d in days if d is not None), default=None)

    @staticmethod
    def _visit_rows(
        session: Session, office_id: int, start: date, end: date, progress: Progress | None
    ) -> list[VisitRow]:
        base = _visits_query()
        chunks: list[tuple[date, date]] = []
        day = start
        while day <= end:
            last = min(day + timedelta(days=CHUNK_DAYS - 1), end)
            chunks.append((day, last))
            day = last + timedelta(days=1)
        rows: list[VisitRow] = []
        for done, (first, last) in enumerate(chunks):
            if progress is not None and not progress(done, len(chunks)):
                raise Cancelled("The report was cancelled.")
            result = session.connection().execute(
                base, {"office_id": office_id, "first": first, "last": last}
            )
            rows.extend(
                VisitRow(
                    id=r[0],
                    ticket=r[1],
                    day=r[2],
                    service=r[3],
                    status=r[4],
                    checked_in_at=r[5],
                    called_at=r[6],
                    served_at=r[7],
                    finished_at=r[8],
                    desk=r[9] or "",
                    officer=r[10] or "",
                    announced_wait_minutes=r[11],
                    resolved_first_contact=r[12],
                    kind=r[13],
                )
                for r in result
            )
        if progress is not None and not progress(len(chunks), len(chunks)):
            raise Cancelled("The report was cancelled.")
        return rows

    def _extra_sections(
        self,
        session: Session,
        office: Row[Any],
        calendar: OfficeCalendar,
        start: date,
        end: date,
        now: datetime,
    ) -> tuple[list[Section], dict[str, tuple[tuple[str, ...], ...]], dict[str, tuple[Share, int]]]:
        """Appointments, rooms, call-backs and correspondence of the period. A part whose tables
        this database does not have yet is shown as not available rather than failing."""
        begin, finish = local_day_bounds(calendar, start, end)
        sections: list[Section] = []
        extra: dict[str, tuple[tuple[str, ...], ...]] = {}
        results: dict[str, tuple[Share, int]] = {}
        present = _tables_present(session)
        readers: tuple[tuple[str, Callable[[], _Part]], ...] = (
            ("appointments", lambda: self._appointments(session, office, calendar, begin, finish)),
            ("rooms", lambda: self._rooms(session, office, calendar, start, end, begin, finish)),
            (
                "correspondence",
                lambda: self._correspondence(session, office, calendar, begin, finish, now),
            ),
        )
        for key, read in readers:
            if SECTION_TABLES[key] <= present:
                section, rows, channel_results = read()
            else:
                _key, title, why = next(p for p in PENDING_SECTIONS if p[0] == key)
                section, rows, channel_results = unavailable_section(key, title, why), {}, {}
            sections.append(section)
            extra.update(rows)
            results.update(channel_results)
        return sections, extra, results

    @staticmethod
    def _appointments(
        session: Session,
        office: Row[Any],
        calendar: OfficeCalendar,
        begin: datetime,
        finish: datetime,
    ) -> _Part:
        rows = [
            AppointmentRow(
                id=r[0],
                starts_at=r[1],
                ends_at=r[2],
                status=r[3],
                service=r[4],
                officer=r[5],
                arrived_at=r[6],
                seen_at=r[7],
                delay_told_at=r[8],
            )
            for r in session.connection().execute(
                _statements()["appointments"],
                {"office_id": office.id, "begin": begin, "finish": finish},
            )
        ]
        late = _setting(session, "appointment_late_prompt_minutes", office.id)
        section, extra = appointments_section(rows, late, calendar)
        return section, extra, {}

    @staticmethod
    def _rooms(
        session: Session,
        office: Row[Any],
        calendar: OfficeCalendar,
        start: date,
        end: date,
        begin: datetime,
        finish: datetime,
    ) -> _Part:
        rows = [
            RoomBookingRow(
                id=r[0], room=r[1], starts_at=r[2], ends_at=r[3], status=r[4], purpose=r[5]
            )
            for r in session.connection().execute(
                _statements()["rooms"], {"office_id": office.id, "begin": begin, "finish": finish}
            )
        ]
        rooms = list(
            session.connection().scalars(_statements()["room_names"], {"office_id": office.id})
        )
        open_hours = 0.0
        day = start
        while day <= end:
            for opens, closes in calendar.opening_intervals(day):
                open_hours += (closes - opens).total_seconds() / 3600
            day += timedelta(days=1)
        section, extra = rooms_section(rows, rooms, open_hours, calendar)
        return section, extra, {}

    @staticmethod
    def _correspondence(
        session: Session,
        office: Row[Any],
        calendar: OfficeCalendar,
        begin: datetime,
        finish: datetime,
        now: datetime,
    ) -> _Part:
        def item(r: Any) -> WorkItemRow:
            (
                id_,
                channel,
                received,
                extended,
                respond_on,
                respond_at,
                final_on,
                final_at,
                target,
                responded,
                closed,
                next_due,
            ) = r
            due_on, due_at = extended, None
            if due_on is None and respond_on is not None:
                due_on, due_at = respond_on, respond_at
            elif due_on is None and final_on is not None:
                due_on, due_at = final_on, final_at
            elif due_on is None:
                due_on = target
            return WorkItemRow(
                id=id_,
                kind="correspondence",
                channel=channel,
                received_at=received,
                due_on=due_on,
                due_at=due_at,
                answered_at=responded or closed,
                closed=closed is not None,
                next_due_on=next_due,
            )

        def message(r: Any) -> WorkItemRow:
            id_, taken, due_on, due_at, called, closed, status = r
            answered = min((t for t in (called, closed) if t is not None), default=None)
            return WorkItemRow(
                id=id_,
                kind="message",
                channel="callback",
                received_at=taken,
                due_on=due_on,
                due_at=due_at,
                answered_at=answered,
                closed=status != "open",
                next_due_on=due_on if status == "open" else None,
            )

        statements = _statements()
        period = {"office_id": office.id, "begin": begin, "finish": finish}
        in_period = [
            item(r) for r in session.connection().execute(statements["letters"], period)
        ] + [message(r) for r in session.connection().execute(statements["messages"], period)]
        mine = {"office_id": office.id}
        open_now = [
            item(r) for r in session.connection().execute(statements["open_letters"], mine)
        ] + [message(r) for r in session.connection().execute(statements["open_messages"], mine)]
        today = calendar.to_local(now).date()
        return correspondence_section(in_period, open_now, today, now, calendar)


@functools.cache
def _statements() -> dict[str, Executable]:
    """The later sections' queries, built once (see _visits_query)."""
    office_id: BindParameter[int] = bindparam("office_id")
    begin: BindParameter[datetime] = bindparam("begin")
    finish: BindParameter[datetime] = bindparam("finish")
    a, b = AppointmentRecord, RoomBookingRecord
    c, m = CorrespondenceRecord, MessageRecord
    first_call = (
        select(func.min(MessageCallbackRecord.at))
        .where(MessageCallbackRecord.message_id == m.id)
        .scalar_subquery()
    )
    letters = select(
        c.id,
        c.channel,
        c.received_at,
        c.extended_due_on,
        c.respond_due_on,
        c.respond_due_at,
        c.final_due_on,
        c.final_due_at,
        c.target_on,
        c.responded_at,
        c.closed_at,
        c.next_due_on,
    ).where(c.office_id == office_id)
    messages = select(
        m.id, m.taken_at, m.due_on, m.due_at, first_call, m.closed_at, m.status
    ).where(m.office_id == office_id, m.callback_expected)
    o = OfficeRecord
    return {
        "office": select(
            o.id, o.key, o.name, o.timezone, o.bank_holiday_region, o.opening_hours, o.standards
        ).where(o.key == bindparam("key")),
        "days_off": select(DayOffRecord.day, DayOffRecord.kind, DayOffRecord.reason).where(
            DayOffRecord.office_id == office_id
        ),
        "setting": select(SettingRecord.value).where(
            SettingRecord.key == bindparam("key"), SettingRecord.office_id == office_id
        ),
        "appointments": select(
            a.id,
            a.starts_at,
            a.ends_at,
            a.status,
            ServiceRecord.name,
            StaffRecord.full_name,
            a.arrived_at,
            a.seen_at,
            a.delay_told_at,
        )
        .join(ServiceRecord, ServiceRecord.id == a.service_id)
        .join(StaffRecord, StaffRecord.id == a.staff_id)
        .where(a.office_id == office_id, a.starts_at >= begin, a.starts_at < finish),
        "rooms": select(b.id, InterviewRoomRecord.name, b.starts_at, b.ends_at, b.status, b.purpose)
        .join(InterviewRoomRecord, InterviewRoomRecord.id == b.room_id)
        .where(b.office_id == office_id, b.starts_at >= begin, b.starts_at < finish),
        "room_names": select(InterviewRoomRecord.name).where(
            InterviewRoomRecord.office_id == office_id, InterviewRoomRecord.active
        ),
        "letters": letters.where(c.received_at >= begin, c.received_at < finish),
        "open_letters": letters.where(c.closed_at.is_(None), c.next_due_on.is_not(None)),
        "messages": messages.where(m.taken_at >= begin, m.taken_at < finish),
        "open_messages": messages.where(m.status == "open", m.due_on.is_not(None)),
    }


@functools.cache
def _first_day_query(present: frozenset[str]) -> Executable:
    """The earliest record of each kind a report covers, one column each (visits first, as a
    day; the others as instants), in one statement built once per set of tables present."""
    office_id: BindParameter[int] = bindparam("office_id")
    earliest: list[Any] = [
        select(func.min(VisitRecord.ticket_day))
        .where(VisitRecord.office_id == office_id)
        .scalar_subquery()
    ]
    if SECTION_TABLES["appointments"] <= present:
        a = AppointmentRecord
        earliest.append(
            select(func.min(a.starts_at)).where(a.office_id == office_id).scalar_subquery()
        )
    if SECTION_TABLES["rooms"] <= present:
        b = RoomBookingRecord
        earliest.append(
            select(func.min(b.starts_at)).where(b.office_id == office_id).scalar_subquery()
        )
    if SECTION_TABLES["correspondence"] <= present:
        c, m = CorrespondenceRecord, MessageRecord
        earliest.append(
            select(func.min(c.received_at)).where(c.office_id == office_id).scalar_subquery()
        )
        earliest.append(
            select(func.min(m.taken_at))
            .where(m.office_id == office_id, m.callback_expected)
            .scalar_subquery()
        )
    return select(*earliest)


@functools.cache
def _visits_query() -> Executable:
    """The walk-ins of an office between two local days, with service, desk and officer names.

    Built once: constructing a statement with aliases costs more than running it for a day.
    """
    desk = aliased(DeskRecord)
    staff = aliased(StaffRecord)
    v = VisitRecord
    return (
        select(
            v.id,
            v.ticket,
            v.ticket_day,
            ServiceRecord.name,
            v.status,
            v.checked_in_at,
            v.called_at,
            v.served_at,
            v.finished_at,
            desk.name,
            staff.full_name,
            v.announced_wait_minutes,
            v.resolved_first_contact,
            v.kind,
        )
        .join(ServiceRecord, ServiceRecord.id == v.service_id)
        .outerjoin(desk, desk.id == v.desk_id)
        .outerjoin(staff, staff.id == v.called_by)
        .where(
            v.office_id == bindparam("office_id"),
            v.ticket_day >= bindparam("first"),
            v.ticket_day <= bindparam("last"),
            v.kind == "walk_in",
        )
    )


def _setting(session: Session, key: str, office_id: int) -> int:
    """A per-office desk rule of domain.settings.SETTINGS, or its default (as read_setting)."""
    value = session.connection().scalar(
        _statements()["setting"], {"key": key, "office_id": office_id}
    )
    return SETTINGS[key].default if value is None else int(value)


def _calendar(office: Row[Any], days_off: Sequence[Any]) -> OfficeCalendar:
    return OfficeCalendar(
        region=office.bank_holiday_region,
        opening_hours=parse_hours(office.opening_hours, f"office {office.key} hours"),
        closure_days=[d.day for d in days_off if d.kind == "closure"],
        extra_bank_holidays={d.day: d.reason for d in days_off if d.kind == "bank_holiday"},
        timezone=office.timezone,
    )
