"""What each desk process does in the multi-process race tests (tests/processes.py runs them).

Module-level functions only, so a child process can import them. Each gets its own services on
the shared database, with the test's fixed clock and the tests' cheap password hasher.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.engine import make_url
from sqlalchemy.orm import configure_mappers

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import StaffMember
from reception_app.domain.standards import ChannelStandard
from reception_app.persistence.database import Database, open_database
from reception_app.persistence.engine import make_engine, make_session_factory
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests.hashing import TEST_HASHER


def _seams(now: datetime) -> Seams:
    return Seams(lambda: now, TEST_HASHER)


def desk_services(url: str, now: datetime) -> AppServices:
    """One desk's services on an already migrated database."""
    parsed = make_url(url)
    engine = make_engine(parsed)
    return AppServices.create(
        Database(parsed, engine, make_session_factory(engine)), seams=_seams(now)
    )


def _signed_in(services: AppServices, username: str, password: str) -> StaffMember:
    return services.staff.sign_in(username, password)


def check_in_many(services: AppServices, index: int, count: int) -> list[tuple[str, int]]:
    """A kiosk issuing ``count`` tickets as fast as it can: (ticket, queue position) each."""
    queue = services.queue()
    tickets = [
        queue.check_in(None, CheckInRequest("general", f"Kiosk {index} visitor {n}"))
        for n in range(count)
    ]
    return [(visit.ticket, visit.position) for visit in tickets]


def call_until_empty(
    services: AppServices, index: int, desk_key: str, username: str, password: str
) -> list[str]:
    """A desk calling, serving and finishing visitors until nobody is left for it."""
    actor = _signed_in(services, username, password)
    queue = services.queue()
    called = []
    while (visit := queue.call_next(actor, desk_key)) is not None:
        called.append(visit.ticket)
        queue.start_serving(actor, visit.ticket)
        queue.mark_served(actor, visit.ticket, resolved_first_contact=True)
    return called


def book_officer(
    services: AppServices, index: int, username: str, password: str, staff_id: int, start: str
) -> str:
    """A desk booking one officer at one time: 'booked' or the reason it was refused."""
    from reception_app.services.appointment_service import BookingRequest

    actor = _signed_in(services, username, password)
    request = BookingRequest(
        service_key="general",
        start=datetime.fromisoformat(start),
        customer_name=f"Customer {index}",
        staff_id=staff_id,
    )
    try:
        services.appointments().book(actor, request)
    except ReceptionError as exc:
        return f"refused: {exc}"
    return "booked"


def book_room(
    services: AppServices, index: int, username: str, password: str, room_id: int, start: str
) -> str:
    """A desk booking one interview room at one time: 'booked' or the reason it was refused."""
    actor = _signed_in(services, username, password)
    try:
        services.rooms().book(actor, room_id, datetime.fromisoformat(start), 30, f"Desk {index}")
    except ReceptionError as exc:
        return f"refused: {exc}"
    return "booked"


def pause_clock(
    services: AppServices, index: int, username: str, password: str, item_id: int, asked: str
) -> str:
    """A clerk pausing a request's clock for proof of identity: 'paused' or why not."""
    actor = _signed_in(services, username, password)
    try:
        services.correspondence().pause_clock(actor, item_id, "identity", date.fromisoformat(asked))
    except ReceptionError as exc:
        return f"refused: {exc}"
    return "paused"


def change_standard(
    services: AppServices, index: int, username: str, password: str, channel: str, times: int
) -> int:
    """A manager setting one channel's response clock ``times`` times; the last value set."""
    actor = _signed_in(services, username, password)
    office = services.office
    last = 0
    for n in range(1, times + 1):
        current = office.profile().standards[channel]
        last = 1 + (n + index) % 15
        respond = {"kind": "working_days", "amount": last}
        office.set_standard(
            ChannelStandard.from_dict(channel, {**current.to_dict(), "respond": respond}), actor
        )
    return last


def first_start(url: str, now: datetime, index: int) -> list[str]:
    """A desk started on a new (or older) database: migrate, load the offices, choose one."""
    messages: list[str] = []
    database = open_database(make_url(url), backup_dir=None, now=now, on_wait=messages.append)
    try:
        services = AppServices.create(database, seams=_seams(now))
        services.office.seed_shipped_profiles()
        services.office.ensure_active_office()
        return [*services.office.office_keys(), *messages]
    finally:
        database.dispose()


first_start.opens_the_database = True  # type: ignore[attr-defined]


def send_until_done(
    services: AppServices, index: int, api_key: str, sms: str, email: str, base_url: str
) -> int:
    """A desk running the office's sender until nothing is left to send: how many it sent."""
    import time

    from sqlalchemy import func, select

    from reception_app.persistence.engine import transaction
    from reception_app.persistence.notification_records import NotificationRecord
    from reception_app.services.notifications.config import NotifyConfig
    from reception_app.services.notifications.sender import NotificationSender

    config = NotifyConfig(api_key, sms, email, base_url)
    factory = services.database.session_factory
    sender = NotificationSender(
        factory,
        "hellesdon",
        lambda: config,
        clock=services.context.clock,
        holder=f"desk {index}",
        per_second=0,
    )
    sent, deadline = 0, time.monotonic() + 60
    while time.monotonic() < deadline:
        sent += sender.step().sent
        with transaction(factory, write=False) as session:
            left = session.scalar(
                select(func.count()).where(NotificationRecord.status.in_(["queued", "sending"]))
            )
        if not left:
            return sent
        time.sleep(0.01)
    raise TimeoutError("the outbox never emptied")


def wrong_passwords(services: AppServices, index: int, username: str, count: int) -> list[str]:
    """A desk typing ``count`` wrong passwords for ``username``: the message each time."""
    said = []
    for n in range(count):
        try:
            services.staff.sign_in(username, f"wrong {index} {n}")
        except ReceptionError as exc:
            said.append(str(exc))
    return said


configure_mappers()  # in the fork server (tests/processes.py), not again in every desk process
