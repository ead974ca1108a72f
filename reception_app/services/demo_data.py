"""Sample data for a first look and for benchmarks: staff, contacts and a history of activity.

Deterministic for a given seed. Later features add their own history (visits, appointments,
messages, correspondence) through ``DemoDataService.fill``'s day loop.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.errors import Cancelled, ReceptionError
from reception_app.domain.people import LARGE_PRINT_SIZES, PreferredFormat, Role
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import get_office, profile_from_record
from reception_app.persistence.records import (
    ContactRecord,
    DeskRecord,
    EventRecord,
    OfficeRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.persistence.settings_repository import get_setting, put_setting
from reception_app.services.context import ServiceContext
from reception_app.services.demo_appointments import add_sample_appointments
from reception_app.services.demo_correspondence import add_sample_correspondence

SAMPLE_DATA_DECLINED = "sample_data_declined"
DEMO_PASSWORD = "reception-demo"
"""Every sample staff account signs in with this password (shown in the first-start offer)."""

FIRST_NAMES = [
    "Amelia",
    "Oliver",
    "Zoë",
    "Łukasz",
    "Siobhán",
    "Mohammed",
    "Priya",
    "Gwenllïan",
    "Tomasz",
    "Chloe",
    "Jack",
    "Aisha",
    "Harry",
    "Isla",
    "Noah",
    "Fatima",
    "Ruth",
    "Dylan",
    "Niamh",
    "Kwame",
    "Eleanor",
    "Ahmed",
    "Grace",
    "Seán",
    "Ana",
    "Bartholomew",
    "Mei",
    "Rhys",
    "Chiara",
    "Oskar",
]
SURNAMES = [
    "Smith",
    "O'Neill",
    "Jones",
    "Nowak",
    "Patel",
    "Brown",
    "ap Ŵyn",
    "Taylor",
    "Williams",
    "Khan",
    "Davies",
    "Evans",
    "Wilson",
    "Thomas",
    "Roberts",
    "Johnson",
    "Lewis",
    "Walker",
    "Wright",
    "Green",
    "Hall",
    "Wood",
    "Clarke",
    "Kowalski",
    "Mensah",
    "Ní Bhriain",
    "Fitzgerald-Hughes",
    "Chen",
    "Ward",
]
STREETS = [
    "Woodview Road",
    "Middletons Lane",
    "Reepham Road",
    "Holt Road",
    "Church Street",
    "Cliff Avenue",
    "Links Road",
    "Overstrand Road",
    "Station Road",
    "Hall Lane",
    "Cromer Road",
    "Drayton High Road",
]
TOWNS = [
    ("Hellesdon", "NR6"),
    ("Drayton", "NR8"),
    ("Cromer", "NR27"),
    ("Sheringham", "NR26"),
    ("Holt", "NR25"),
    ("North Walsham", "NR28"),
    ("Norwich", "NR3"),
]
LANGUAGES = ["Polish", "Portuguese", "Lithuanian", "Arabic", "Romanian", "Bengali"]
TEAMS = [
    "Customer services",
    "Revenues and benefits",
    "Housing",
    "Planning",
    "Environmental services",
]


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
            existing_users = set(session.scalars(select(StaffRecord.username)))
            password_hash = self._hasher.hash(DEMO_PASSWORD)

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
                username = _ascii(first[0] + last)
                while username in existing_users:
                    username += str(index)
                existing_users.add(username)
                team = (
                    TEAMS[0]
                    if role in (Role.RECEPTIONIST, Role.CLERK)
                    else TEAMS[index % len(TEAMS)]
                )
                record = StaffRecord(
                    office_id=office.id,
                    username=username,
                    full_name=f"{first} {last}",
                    role=role.value,
                    team=team,
                    is_team_lead=index in (0, 5, 8),
                    phone=f"0118 496 0{index:03d}",
                    email=f"{username}@{profile.email.split('@')[1]}",
                    # A sample manager could change every setting with a published password, so
                    # it can sign in only on a database that has no manager of its own.
                    password_hash=None
                    if role is Role.MANAGER and has_real_manager
                    else password_hash,
                )
                session.add(record)
                staff.append(record)
            session.flush()

            working_days = _working_days_back(calendar, now.astimezone(zone).date(), days)
            contacts: list[ContactRecord] = []
            events = 0
            active_desks = [d for d in office.desks if d.active]
            officers = [s.id for s in staff if s.role == Role.OFFICER.value]
            visits = 0
            for done, day in enumerate(working_days):
                if progress is not None and not progress(done, len(working_days)):
                    raise Cancelled("Loading sample data was cancelled; nothing was added.")
                intervals = calendar.opening_intervals(day)
                if not intervals:
                    continue
                open_at, close_at = intervals[0][0], intervals[-1][1]
                span = int((close_at - open_at).total_seconds() // 60)
                for person in rng.sample(staff, k=min(len(staff), rng.randint(3, 6))):
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
                    events += 1
                visits += _day_of_visits(
                    session, rng, office, day, open_at, close_at, active_desks, officers
                )
                for _ in range(rng.randint(1, 4)):
                    contact = _random_contact(rng, office.id)
                    contact.created_at = (
                        open_at + timedelta(minutes=rng.randint(0, span - 1))
                    ).astimezone(UTC)
                    contact.updated_at = contact.created_at
                    session.add(contact)
                    contacts.append(contact)
            session.flush()
            add_sample_appointments(
                session,
                rng,
                office,
                calendar,
                [s for s in staff if s.role in (Role.OFFICER.value, Role.CLERK.value)],
                contacts,
                working_days,
                now,
            )
            add_sample_correspondence(session, rng, office, staff, contacts, working_days, now)
            for contact in contacts:
                session.add(
                    EventRecord(
                        at=contact.created_at,
                        office_id=office.id,
                        staff_id=rng.choice(staff[:5]).id,
                        action="created",
                        entity="contact",
                        entity_id=contact.id,
                        summary=f"Contact #{contact.id} added",
                    )
                )
                events += 1
            log_event(
                session,
                at=self._clock(),
                action="demo_data",
                entity="office",
                entity_id=office.id,
                office_id=office.id,
                summary=f"Sample data loaded: {days} working days, seed {seed}",
            )
            return DemoSummary(office_key, days, len(staff), len(contacts), events + 1, visits)


def _day_of_visits(
    session: Session,
    rng: random.Random,
    office: OfficeRecord,
    day: date,
    open_at: datetime,
    close_at: datetime,
    desks: list[DeskRecord],
    officers: list[int],
) -> int:
    """A realistic day of walk-ins: arrivals through the day, the first free desk that handles
    the service calls them, lognormal handling times around each service's usual length."""
    services = [s for s in office.services if s.active]
    if not services or not desks:
        return 0
    free_at = {d.id: open_at for d in desks}
    # Continue any numbering the day already has (sample data added with --force).
    numbers: dict[str, int] = {
        prefix: number
        for prefix, number in session.execute(
            select(VisitRecord.ticket_prefix, func.max(VisitRecord.ticket_number))
            .where(VisitRecord.office_id == office.id, VisitRecord.ticket_day == day)
            .group_by(VisitRecord.ticket_prefix)
        )
    }
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
        wait = (called - arrived).total_seconds() / 60
        record = VisitRecord(
            office_id=office.id,
            ticket=f"{service.ticket_prefix}{numbers[service.ticket_prefix]:03d}",
            ticket_prefix=service.ticket_prefix,
            ticket_number=numbers[service.ticket_prefix],
            ticket_day=day,
            service_id=service.id,
            display_name=rng.choice(FIRST_NAMES) if rng.random() < 0.8 else "anonymous",
            kind="walk_in",
            checked_in_at=arrived.astimezone(UTC),
            announced_wait_minutes=round(max(0.0, wait * rng.uniform(0.7, 1.3)), 1),
            position=float(position),
        )
        if wait > 25 and rng.random() < 0.3:
            record.status = "left"  # gave up waiting
            record.finished_at = (arrived + timedelta(minutes=wait * 0.6)).astimezone(UTC)
        else:
            record.status = "served"
            record.desk_id = desk.id
            record.called_at = called.astimezone(UTC)
            record.served_at = (called + timedelta(minutes=1)).astimezone(UTC)
            finished = called + timedelta(minutes=1 + minutes)
            record.finished_at = finished.astimezone(UTC)
            free_at[desk.id] = finished
            record.resolved_first_contact = rng.random() < 0.85
            if not record.resolved_first_contact and officers:
                record.follow_up_officer_id = rng.choice(officers)
                record.follow_up_target = day + timedelta(days=rng.randint(2, 10))
        session.add(record)
    return len(arrivals)


def _ascii(name: str) -> str:
    """'Ní Bhriain' -> 'nibhriain': email addresses in sample data stay plain ASCII."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.lower() if c.isalnum())


def _working_days_back(calendar: OfficeCalendar, today: date, days: int) -> list[date]:
    """The ``days`` office working days before ``today``, oldest first."""
    found: list[date] = []
    day = today
    while len(found) < days:
        day -= timedelta(days=1)
        if calendar.is_office_working_day(day):
            found.append(day)
    return found[::-1]


def _random_contact(rng: random.Random, office_id: int) -> ContactRecord:
    first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    town, district = rng.choice(TOWNS)
    postcode = f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
    fmt = rng.choices(
        [
            PreferredFormat.STANDARD,
            PreferredFormat.LARGE_PRINT,
            PreferredFormat.BRAILLE,
            PreferredFormat.EMAIL,
        ],
        weights=[80, 8, 2, 10],
    )[0]
    # Ofcom's numbers reserved for drama: valid to phonenumbers, never a real person's line.
    phone = (
        rng.choice(["0113 496 0", "0121 496 0", "0161 496 0", "020 7946 0"])
        + f"{rng.randint(0, 999):03d}"
    )
    return ContactRecord(
        office_id=office_id,
        full_name=f"{first} {last}",
        name_key=f"{first} {last}".casefold(),
        phone=phone,
        email=f"{_ascii(first)}.{_ascii(last)}@example.org"
        if rng.random() < 0.6 or fmt is PreferredFormat.EMAIL
        else "",
        address=f"{rng.randint(1, 180)} {rng.choice(STREETS)}\n{town}",
        postcode=postcode,
        preferred_format=fmt.value,
        large_print_size=rng.choice(LARGE_PRINT_SIZES)
        if fmt is PreferredFormat.LARGE_PRINT
        else None,
        braille=fmt is PreferredFormat.BRAILLE,
        hearing_loop=rng.random() < 0.06,
        interpreter_language=rng.choice(LANGUAGES) if rng.random() < 0.05 else "",
        bsl=rng.random() < 0.01,
        wheelchair_access=rng.random() < 0.05,
        private_room=rng.random() < 0.04,
    )
