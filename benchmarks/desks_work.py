"""What each process of benchmarks/desks.py does, and the checks on the database afterwards."""

from __future__ import annotations

import random
import time
from collections import Counter
from datetime import date, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from sqlalchemy import event, text
from sqlalchemy.engine import make_url

from reception_app.domain.changes import Change, Topic
from reception_app.domain.closing_time import NotSeenToday
from reception_app.domain.correspondence import CorrespondenceDraft
from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import DeskProfile
from reception_app.domain.people import Role, StaffMember
from reception_app.domain.standards import ChannelStandard
from reception_app.persistence.change_feed import ChangeFeed
from reception_app.persistence.database import Database, open_database
from reception_app.persistence.engine import make_engine, make_session_factory
from reception_app.seams import Seams
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest

USER, PASSWORD = "bench", "a bench password"
CHANNELS = ("email", "letter", "voicemail", "callback", "online_form", "social_media")
_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def _services(url: str, now: datetime) -> tuple[AppServices, list[int]]:
    parsed = make_url(url)
    engine = make_engine(parsed)
    statements = [0]

    def count(*_args: Any) -> None:
        statements[0] += 1

    event.listen(engine, "before_cursor_execute", count)
    database = Database(parsed, engine, make_session_factory(engine))
    return AppServices.create(database, seams=Seams(lambda: now, _HASHER)), statements


def prepare(url: str, now: datetime, desks: int) -> None:
    """A migrated office with a manager, ``desks`` desks, an officer and a request to pause."""
    database = open_database(make_url(url), backup_dir=None, now=now)
    services = AppServices.create(database, seams=Seams(lambda: now, _HASHER))
    office = services.office
    office.seed_shipped_profiles()
    manager = services.staff.create_first_manager(
        "hellesdon", "Bench Manager", USER, PASSWORD, PASSWORD
    )
    for i in range(desks):
        office.save_desk(DeskProfile(f"D{i + 1}", f"Desk {i + 1}"), manager)
    services.staff.save_staff(
        manager, "hellesdon", StaffMember(0, "officer", "Olu Officer", Role.OFFICER), "officer-pass"
    )
    services.correspondence().log(
        manager,
        CorrespondenceDraft(
            channel="sar",
            received_at=now - timedelta(days=3),
            from_name="Ann Lee",
            subject="Everything you hold about me",
            owner_id=manager.id,
        ),
    )
    database.dispose()


def _pause(bounds: tuple[float, float]) -> None:
    if bounds[1] > 0:
        time.sleep(random.uniform(*bounds))


def _error(errors: Counter[str], exc: BaseException) -> None:
    message = str(exc).split(".")[0][:80]
    errors[f"{type(exc).__name__}: {message}"] += 1


def run_role(
    role: str,
    args: tuple[Any, ...],
    url: str,
    now: datetime,
    start_at: float,
    seconds: float,
    queue: Any,
    index: int,
) -> None:
    random.seed(index)
    services, statements = _services(url, now)
    result: dict[str, Any] = {"role": role, "actions": 0, "errors": Counter()}
    try:
        time.sleep(max(0.0, start_at - time.time()))
        statements[0] = 0
        deadline = time.time() + seconds
        ROLES[role](services, result, deadline, *args)
    except BaseException as exc:  # noqa: BLE001 - reported, never lost
        _error(result["errors"], exc)
    result["statements"] = statements[0]
    result["errors"] = dict(result["errors"])
    services.database.dispose()
    queue.put(result)


def _desk(
    services: AppServices,
    result: dict[str, Any],
    deadline: float,
    desk: str,
    pause: tuple[float, float],
) -> None:
    actor = services.staff.sign_in(USER, PASSWORD)
    queue = services.queue()
    called: dict[str, float] = {}
    result["called_at"] = called
    while time.time() < deadline:
        try:
            visit = queue.call_next(actor, desk)
            result["actions"] += 1
            if visit is not None:
                called[visit.ticket] = time.time()
                _pause(pause)
                queue.start_serving(actor, visit.ticket)
                queue.mark_served(actor, visit.ticket, resolved_first_contact=True)
                result["actions"] += 2
            elif pause[1] == 0:
                time.sleep(0.01)  # nobody waiting: look again in a moment
        except ReceptionError as exc:
            _error(result["errors"], exc)
        _pause(pause)


def _kiosk(
    services: AppServices, result: dict[str, Any], deadline: float, pause: tuple[float, float]
) -> None:
    queue = services.queue()
    tickets: list[str] = []
    result["tickets"] = tickets
    while time.time() < deadline:
        try:
            tickets.append(check_in(services, queue, f"Visitor {len(tickets)}").ticket)
            result["actions"] += 1
        except NotSeenToday:
            # The queue is full for today: the kiosk says so and issues no ticket (issue 13
            # point 1). A right answer, not an error.
            result["actions"] += 1
        except ReceptionError as exc:
            _error(result["errors"], exc)
        _pause(pause)


def check_in(services: AppServices, queue: Any, name: str) -> Any:
    """The kiosk's check-in (one place, so the benchmark follows the service's signature)."""
    return queue.check_in(None, CheckInRequest("general", name))


def _clerk(
    services: AppServices, result: dict[str, Any], deadline: float, pause: tuple[float, float]
) -> None:
    actor = services.staff.sign_in(USER, PASSWORD)
    log = services.correspondence()
    sar = next(i for i in log.list_items("all") if i.channel == "sar")
    paused = False
    day = date(2026, 11, 23)
    while time.time() < deadline:
        try:
            if paused:
                log.resume_clock(actor, sar.id, day)
            else:
                log.pause_clock(actor, sar.id, "identity", day)
            paused = not paused
            log.log(
                actor,
                CorrespondenceDraft(
                    channel="email",
                    received_at=datetime(2026, 11, 24, 9, tzinfo=now_zone()),
                    from_name="A Writer",
                    subject="Bins",
                    owner_id=actor.id,
                ),
            )
            result["actions"] += 2
        except ReceptionError as exc:
            _error(result["errors"], exc)
        _pause(pause)
    result["sar_paused"] = paused


def now_zone() -> Any:
    from datetime import UTC

    return UTC


def _manager(
    services: AppServices, result: dict[str, Any], deadline: float, pause: tuple[float, float]
) -> None:
    actor = services.staff.sign_in(USER, PASSWORD)
    office = services.office
    last: dict[str, int] = {}
    result["standards"] = last
    n = 0
    while time.time() < deadline:
        channel = CHANNELS[n % len(CHANNELS)]
        n += 1
        value = 1 + n % 9
        try:
            current = office.profile().standards[channel]
            changed = {**current.to_dict(), "respond": {"kind": "working_days", "amount": value}}
            office.set_standard(ChannelStandard.from_dict(channel, changed), actor)
            last[channel] = value
            office.put_setting("idle_lock_minutes", 5 + n % 20, actor)
            result["actions"] += 2
        except ReceptionError as exc:
            _error(result["errors"], exc)
        _pause(pause)


def _booker(
    services: AppServices, result: dict[str, Any], deadline: float, pause: tuple[float, float]
) -> None:
    from reception_app.services.appointment_service import BookingRequest

    actor = services.staff.sign_in(USER, PASSWORD)
    appointments = services.appointments()
    booked = 0
    while time.time() < deadline:
        try:
            slots = appointments.free_slots("general", count=5)
            slot = random.choice(slots)
            appointments.book(
                actor,
                BookingRequest(
                    service_key="general",
                    start=slot.start,
                    customer_name="Booked Customer",
                    staff_id=slot.staff_id,
                ),
            )
            booked += 1
            result["actions"] += 2
        except ReceptionError as exc:
            if "no longer free" not in str(exc) and "already" not in str(exc):
                _error(result["errors"], exc)
        _pause(pause)
    result["booked"] = booked


def _watcher(services: AppServices, result: dict[str, Any], deadline: float, name: str) -> None:
    """Another desk's Today model, or the display: re-read who is at the desks on each change."""
    queue = services.queue()
    seen: dict[str, float] = {}
    result.update(watcher=name, seen_at=seen)

    def changed(changes: list[Change]) -> None:
        if any(Topic.QUEUE in c.topics for c in changes):
            now = time.time()
            for visit in queue.at_desks():
                seen.setdefault(visit.ticket, now)

    feed = ChangeFeed(services.database.url, changed)
    feed.start()
    while time.time() < deadline:
        time.sleep(0.1)
    feed.stop()


ROLES: dict[str, Any] = {
    "desk": _desk,
    "kiosk": _kiosk,
    "clerk": _clerk,
    "manager": _manager,
    "booker": _booker,
    "watcher": _watcher,
}


def check_database(url: str, results: list[dict[str, Any]]) -> dict[str, int]:
    """What must hold however the processes interleaved: counted, 0 is right."""
    engine = make_engine(make_url(url))
    checks: dict[str, int] = {}
    with engine.connect() as c:
        checks["duplicate tickets"] = len(
            c.execute(
                text(
                    "SELECT ticket_day, ticket FROM visits GROUP BY office_id, ticket_day, ticket "
                    "HAVING COUNT(*) > 1"
                )
            ).all()
        )
        checks["shared queue positions"] = len(
            c.execute(
                text(
                    "SELECT position FROM visits WHERE status = 'waiting' GROUP BY office_id, position "
                    "HAVING COUNT(*) > 1"
                )
            ).all()
        )
        checks["visitors called twice"] = len(
            c.execute(
                text(
                    "SELECT entity_id FROM event_log WHERE action = 'called' AND entity = 'visit' "
                    "GROUP BY entity_id HAVING COUNT(*) > 1"
                )
            ).all()
        )
        checks["double bookings"] = c.execute(
            text(
                "SELECT COUNT(*) FROM appointments a JOIN appointments b ON a.staff_id = b.staff_id "
                "AND a.id < b.id AND a.status <> 'cancelled' AND b.status <> 'cancelled' "
                "AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at"
            )
        ).scalar_one()
        open_pauses = c.execute(
            text("SELECT COUNT(*) FROM correspondence_pauses WHERE answered_on IS NULL")
        ).scalar_one()
        standards_raw = c.execute(
            text("SELECT standards FROM offices WHERE key = 'hellesdon'")
        ).scalar_one()
    engine.dispose()
    import json

    standards = json.loads(standards_raw) if isinstance(standards_raw, str) else standards_raw
    lost = 0
    for result in results:
        for channel, value in result.get("standards", {}).items():
            if standards[channel]["respond"]["amount"] != value:
                lost += 1
        if "sar_paused" in result and int(result["sar_paused"]) != open_pauses:
            lost += 1
    checks["lost updates"] = lost
    checks["open pauses over one"] = max(0, open_pauses - 1)
    return checks
