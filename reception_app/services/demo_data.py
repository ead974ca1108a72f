"""Sample data for a first look and for benchmarks: staff, contacts and a history of activity.

Deterministic for a given seed. Later features add their own history (visits, appointments,
messages, correspondence) through ``DemoDataService.fill``'s day loop.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import Cancelled, ReceptionError
from reception_app.domain.people import Role
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import get_office, profile_from_record
from reception_app.persistence.records import (
    ContactRecord,
    DeskRecord,
    EventRecord,
    OfficeRecord,
    ServiceRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.persistence.settings_repository import get_setting, put_setting
from reception_app.services.context import ServiceContext
from reception_app.services.demo_appointments import add_sample_appointments
from reception_app.services.demo_correspondence import add_sample_correspondence
from reception_app.services.demo_people import (
    FIRST_NAMES,
    SURNAMES,
    TEAMS,
    ascii_name,
    random_contact,
)

SAMPLE_DATA_DECLINED = "sample_data_declined"
DEMO_PASSWORD = "reception-demo"
"""Every sample staff account signs in with this password (shown in the first-start offer)."""


@dataclass(frozen=True)
class DemoSummary:
    office: str
    days: int
    staff: int
    contacts: int
    events: int
    visits: int = 0


class DemoDataService:
    def __init__(self, context: ServiceContext) -> None:
        self._factory = context.session_factory
        self._clock = context.clock
        self._hasher = context.hasher

    def is_empty(self, office_key: str) -> bool:
        """True when the office has no contacts and no staff besides the first manager."""
        with transaction(self._factory, write=False) as session:
            office = get_office(session, office_key)
            contacts = session.scalar(
                select(func.count())
                .select_from(ContactRecord)
                .where(ContactRecord.office_id == office.id)
            )
            staff = session.scalar(
                select(func.count())
                .select_from(StaffRecord)
                .where(StaffRecord.office_id == office.id)
            )
            return not contacts and (staff or 0) <= 1

    def offer_pending(self, office_key: str) -> bool:
        """Offer sample data? Yes while the office is empty and nobody has said no yet."""
        with transaction(self._factory, write=False) as session:
            office = get_office(session, office_key)
            if get_setting(session, SAMPLE_DATA_DECLINED, office.id):
                return False
        return self.is_empty(office_key)

    def record_declined(self, office_key: str) -> None:
        with transaction(self._factory) as session:
            office = get_office(session, office_key)
            put_setting(session, SAMPLE_DATA_DECLINED, True, office.id)

    def fill(
        self,
        office_key: str,
        days: int,
        seed: int = 1,
        progress: Callable[[int, int], bool] | None = None,
    ) -> DemoSummary:
        """Add ``days`` working days of sample history ending yesterday, in one transaction.

        ``progress(done, total)`` returning False cancels: Cancelled is raised, nothing is saved.
        """
        if days < 1 or days > 3000:
            raise ReceptionError("Choose between 1 and 3000 working days of sample data.")
        rng = random.Random(seed)
        now = self._clock()
        with transaction(self._factory) as session:
            office = get_office(session, office_key)
            profile = profile_from_record(office)
            calendar = OfficeCalendar.from_profile(profile)
            zone = ZoneInfo(profile.timezone)
            staff = _add_staff(session, office, profile.email, seed, self._hasher.hash)
            working_days = _working_days_back(calendar, now.astimezone(zone).date(), days)
            tickets = _ticket_numbers_so_far(session, office, working_days)
            history = _History(session, rng, office, calendar, staff, tickets)
            for done, day in enumerate(working_days):
                if progress is not None and not progress(done, len(working_days)):
                    raise Cancelled("Loading sample data was cancelled; nothing was added.")
                history.add_day(day)
            session.flush()
            add_sample_appointments(
                session,
                rng,
                office,
                calendar,
                [s for s in staff if s.role in (Role.OFFICER.value, Role.CLERK.value)],
                history.contacts,
                working_days,
                now,
            )
            add_sample_correspondence(
                session, rng, office, staff, history.contacts, working_days, now
            )
            history.log_contacts_created()
            log_event(
                session,
                at=self._clock(),
                action="demo_data",
                entity="office",
                entity_id=office.id,
                office_id=office.id,
                summary=f"Sample data loaded: {days} working days, seed {seed}",
            )
            return DemoSummary(
                office_key,
                days,
                len(staff),
                len(history.contacts),
                history.events + 1,
                history.visits,
            )


def _add_staff(
    session: Session,
    office: OfficeRecord,
    office_email: str,
    seed: int,
    hash_password: Callable[[str], str],
) -> list[StaffRecord]:
    """Twelve sample staff (receptionists, clerks, officers and a manager), named by the seed."""
    existing_users = set(session.scalars(select(StaffRecord.username)))
    password_hash = hash_password(DEMO_PASSWORD)
    staff: list[StaffRecord] = []
    has_real_manager = bool(
        session.scalar(
            select(func.count())
            .select_from(StaffRecord)
            .where(
                StaffRecord.role == Role.MANAGER.value,
                StaffRecord.password_hash.is_not(None),
            )
        )
    )
    roles = [Role.RECEPTIONIST] * 3 + [Role.CLERK] * 2 + [Role.OFFICER] * 6 + [Role.MANAGER]
    for index, role in enumerate(roles):
        first, last = (
            FIRST_NAMES[(index * 7 + seed) % len(FIRST_NAMES)],
            SURNAMES[(index * 5 + seed) % len(SURNAMES)],
        )
        username = ascii_name(first[0] + last)
        while username in existing_users:
            username += str(index)
        existing_users.add(username)
        team = TEAMS[0] if role in (Role.RECEPTIONIST, Role.CLERK) else TEAMS[index % len(TEAMS)]
        record = StaffRecord(
            office_id=office.id,
            username=username,
            full_name=f"{first} {last}",
            role=role.value,
            team=team,
            is_team_lead=index in (0, 5, 8),
            phone=f"0118 496 0{index:03d}",
            email=f"{username}@{office_email.split('@')[1]}",
            # A sample manager could change every setting with a published password, so
            # it can sign in only on a database that has no manager of its own.
            password_hash=None if role is Role.MANAGER and has_real_manager else password_hash,
        )
        session.add(record)
        staff.append(record)
    session.flush()
    return staff


class _History:
    """The day-by-day sample history: sign-ins, walk-ins and new contacts."""

    def __init__(
        self,
        session: Session,
        rng: random.Random,
        office: OfficeRecord,
        calendar: OfficeCalendar,
        staff: list[StaffRecord],
        tickets: dict[date, dict[str, int]],
    ) -> None:
        self.session, self.rng, self.office = session, rng, office
        self.calendar, self.staff = calendar, staff
        self.contacts: list[ContactRecord] = []
        self.events = 0
        self.visits = 0
        self.active_desks = [d for d in office.desks if d.active]
        self.officers = [s.id for s in staff if s.role == Role.OFFICER.value]
        self.tickets = tickets
        """Each day's last ticket number of each prefix so far (``_ticket_numbers_so_far``)."""

    def add_day(self, day: date) -> None:
        session, rng, office = self.session, self.rng, self.office
        intervals = self.calendar.opening_intervals(day)
        if not intervals:
            return
        open_at, close_at = intervals[0][0], intervals[-1][1]
        span = int((close_at - open_at).total_seconds() // 60)
        for person in rng.sample(self.staff, k=min(len(self.staff), rng.randint(3, 6))):
            at = open_at + timedelta(minutes=rng.randint(0, 20))
            session.add(
                EventRecord(
                    at=at.astimezone(UTC),
                    office_id=office.id,
                    staff_id=person.id,
                    action="signed_in",
                    entity="staff",
                    entity_id=person.id,
                    summary=f"{person.full_name} signed in",
                )
            )
            self.events += 1
        numbers = dict(self.tickets.get(day, {}))
        self.visits += _day_of_visits(
            session,
            rng,
            office,
            day,
            (open_at, close_at),
            numbers,
            self.active_desks,
            self.officers,
        )
        for _ in range(rng.randint(1, 4)):
            contact = random_contact(rng, office.id)
            contact.created_at = (open_at + timedelta(minutes=rng.randint(0, span - 1))).astimezone(
                UTC
            )
            contact.updated_at = contact.created_at
            session.add(contact)
            self.contacts.append(contact)

    def log_contacts_created(self) -> None:
        """A 'contact added' entry in the log for every sample contact, by one of the desk."""
        for contact in self.contacts:
            self.session.add(
                EventRecord(
                    at=contact.created_at,
                    office_id=self.office.id,
                    staff_id=self.rng.choice(self.staff[:5]).id,
                    action="created",
                    entity="contact",
                    entity_id=contact.id,
                    summary=f"Contact #{contact.id} added",
                )
            )
            self.events += 1


def _day_of_visits(
    session: Session,
    rng: random.Random,
    office: OfficeRecord,
    day: date,
    hours: tuple[datetime, datetime],
    numbers: dict[str, int],
    desks: list[DeskRecord],
    officers: list[int],
) -> int:
    """A realistic day of walk-ins: arrivals through the day, the first free desk that handles
    the service calls them, lognormal handling times around each service's usual length.
    ``numbers`` holds the day's last ticket number of each prefix so far."""
    services = [s for s in office.services if s.active]
    if not services or not desks:
        return 0
    open_at, close_at = hours
    free_at = {d.id: open_at for d in desks}
    minutes_open = (close_at - open_at).total_seconds() / 60
    arrivals = sorted(
        open_at + timedelta(minutes=rng.uniform(0, minutes_open - 20))
        for _ in range(rng.randint(5, 11) * len(desks))
    )
    for position, arrived in enumerate(arrivals):
        service = rng.choice(services)
        able = [
            d
            for d in desks
            if d.handles_all_services or any(s.id == service.id for s in d.services)
        ] or desks
        desk = min(able, key=lambda d: free_at[d.id])
        called = max(arrived, free_at[desk.id]) + timedelta(seconds=rng.randint(20, 90))
        minutes = max(1.0, rng.lognormvariate(0, 0.45) * service.default_minutes)
        numbers[service.ticket_prefix] = numbers.get(service.ticket_prefix, 0) + 1
        record = _walk_in(
            rng, office, day, service, numbers[service.ticket_prefix], arrived, called, position
        )
        finished = _serve_or_leave(rng, record, desk, arrived, called, minutes, day, officers)
        if finished is not None:
            free_at[desk.id] = finished
        session.add(record)
    return len(arrivals)


def _ticket_numbers_so_far(
    session: Session, office: OfficeRecord, days: list[date]
) -> dict[date, dict[str, int]]:
    """The last ticket number of each day and prefix over ``days`` (oldest first): sample
    data added with --force continues the numbering each day already has. One query for all
    the days, before any is added (a query per day flushed each day's rows on its own)."""
    found: dict[date, dict[str, int]] = {}
    if not days:
        return found
    for day, prefix, number in session.execute(
        select(
            VisitRecord.ticket_day,
            VisitRecord.ticket_prefix,
            func.max(VisitRecord.ticket_number),
        )
        .where(
            VisitRecord.office_id == office.id,
            VisitRecord.ticket_day.between(days[0], days[-1]),
        )
        .group_by(VisitRecord.ticket_day, VisitRecord.ticket_prefix)
    ):
        found.setdefault(day, {})[prefix] = number
    return found


def _walk_in(
    rng: random.Random,
    office: OfficeRecord,
    day: date,
    service: ServiceRecord,
    number: int,
    arrived: datetime,
    called: datetime,
    position: int,
) -> VisitRecord:
    """The ticket issued at ``arrived``, told a wait within 30% of the one to come."""
    wait = (called - arrived).total_seconds() / 60
    return VisitRecord(
        office_id=office.id,
        ticket=f"{service.ticket_prefix}{number:03d}",
        ticket_prefix=service.ticket_prefix,
        ticket_number=number,
        ticket_day=day,
        service_id=service.id,
        display_name=rng.choice(FIRST_NAMES) if rng.random() < 0.8 else "anonymous",
        kind="walk_in",
        checked_in_at=arrived.astimezone(UTC),
        announced_wait_minutes=round(max(0.0, wait * rng.uniform(0.7, 1.3)), 1),
        position=float(position),
    )


def _serve_or_leave(
    rng: random.Random,
    record: VisitRecord,
    desk: DeskRecord,
    arrived: datetime,
    called: datetime,
    minutes: float,
    day: date,
    officers: list[int],
) -> datetime | None:
    """Some of those waiting over 25 minutes give up; the rest are served at ``desk``, 85%
    resolved there and then. Returns when the desk is free again (None: the visitor left)."""
    wait = (called - arrived).total_seconds() / 60
    if wait > 25 and rng.random() < 0.3:
        record.status = "left"  # gave up waiting
        record.finished_at = (arrived + timedelta(minutes=wait * 0.6)).astimezone(UTC)
        return None
    record.status = "served"
    record.desk_id = desk.id
    record.called_at = called.astimezone(UTC)
    record.served_at = (called + timedelta(minutes=1)).astimezone(UTC)
    finished = called + timedelta(minutes=1 + minutes)
    record.finished_at = finished.astimezone(UTC)
    record.resolved_first_contact = rng.random() < 0.85
    if not record.resolved_first_contact and officers:
        record.follow_up_officer_id = rng.choice(officers)
        record.follow_up_target = day + timedelta(days=rng.randint(2, 10))
    return finished


def _working_days_back(calendar: OfficeCalendar, today: date, days: int) -> list[date]:
    """The ``days`` office working days before ``today``, oldest first."""
    found: list[date] = []
    day = today
    while len(found) < days:
        day -= timedelta(days=1)
        if calendar.is_office_working_day(day):
            found.append(day)
    return found[::-1]
