"""The background sender: one per office at a time, off the GUI thread, never sending twice.

Each step (``NotificationSender.step``): take or renew the office's sender lease; claim what is
due (rows left ``sending`` by a desk that stopped come back once their row lease runs out);
send each through Notify with the outbox row's reference, asking Notify for that reference
first when the row is being recovered; record Notify's id or its refusal; then ask Notify for
the delivery status of what was sent. ``start`` runs steps on a thread until ``stop``; a commit
in this process that queued something wakes it at once (``persistence.changes.on_commit``).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from reception_app.domain.changes import Change, Topic
from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import Channel, from_delivery_status
from reception_app.pauses import pause
from reception_app.persistence.changes import on_commit
from reception_app.persistence.engine import transaction
from reception_app.persistence.records import OfficeRecord
from reception_app.seams import Clock, system_clock
from reception_app.services.appointment_service.reminders import queue_reminders
from reception_app.services.notifications import claims
from reception_app.services.notifications.claims import Claim
from reception_app.services.notifications.config import NotifyConfig
from reception_app.services.notifications.gateway import Gateway, NotifyGateway, NotifyRefused

log = logging.getLogger(__name__)

GatewayFactory = Callable[[NotifyConfig], Gateway]
REMINDER_EVERY = timedelta(minutes=5)
"""How often the office's sender looks for appointment reminders that are due."""


def default_holder() -> str:
    """Which desk holds the lease, as a manager would recognise it."""
    return f"{socket.gethostname()[:80]} (process {os.getpid()})"


def _client_gateway(config: NotifyConfig) -> Gateway:
    key = config.key
    assert key is not None
    return NotifyGateway(key, config.api_url)


@dataclass
class StepReport:
    sent: int = 0
    refused: int = 0
    reports: int = 0
    holding: bool = False

    @property
    def worked(self) -> bool:
        return bool(self.sent or self.refused or self.reports)


@dataclass
class _Pacer:
    """At most ``per_second`` calls to Notify (its limit is 3,000 a minute per key type)."""

    per_second: float
    _next: float = field(default=0.0)

    def wait(self) -> None:
        if self.per_second <= 0:
            return
        now = time.monotonic()
        if self._next > now:
            time.sleep(self._next - now)
        self._next = max(now, self._next) + 1.0 / self.per_second


class NotificationSender:
    def __init__(
        self,
        factory: sessionmaker[Session],
        office_key: str | Callable[[], str | None],
        config: Callable[[], NotifyConfig],
        *,
        clock: Clock = system_clock,
        gateway_factory: GatewayFactory = _client_gateway,
        holder: str | None = None,
        lease: timedelta = timedelta(seconds=30),
        idle_seconds: float = 1.0,
        per_second: float = 45.0,
        batch: int = 25,
    ) -> None:
        self._factory = factory
        # A callable follows the desk's running office: a manager may change it while it runs.
        self._office_key_of = office_key if callable(office_key) else (lambda: office_key)
        self._office_key: str | None = None
        self._config = config
        self._clock = clock
        self._gateway_factory = gateway_factory
        self.holder = holder or default_holder()
        self._lease = lease
        self._idle = idle_seconds
        self._pacer = _Pacer(per_second)
        self._batch = batch
        self._office_id: int | None = None
        self._reminded_at: datetime | None = None
        self._gateway: tuple[NotifyConfig, Gateway] | None = None
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unhook: Callable[[], None] | None = None
        self.last_problem = ""
        """The last reason nothing could be sent (a refused key, a lost database), or ''."""

    # --- one step -----------------------------------------------------------------------------

    def step(self) -> StepReport:
        """Send what is due and ask about what was sent; safe to call from one thread only."""
        report = StepReport()
        config = self._config()
        channels = config.channels
        if not channels:
            return report  # no key on this desk: leave the sending to a desk that has one
        if not self._follow_office():
            return report  # no office chosen yet
        gateway = self._gateway_for(config)
        self._remind()
        claimed = self._claim(channels)
        if claimed is None:
            return report
        report.holding = True
        for item in claimed:
            self._send(gateway, config, item, report)
        self._ask_for_reports(gateway, report)
        return report

    def _gateway_for(self, config: NotifyConfig) -> Gateway:
        if self._gateway is None or self._gateway[0] != config:
            self._gateway = (config, self._gateway_factory(config))
        return self._gateway[1]

    def _follow_office(self) -> bool:
        """Send for the desk's office as it is now: after a change, hand the old office's lease
        back (another desk of that office takes over) and start afresh. False: none chosen."""
        key = self._office_key_of()
        if key == self._office_key:
            return key is not None
        if self._office_id is not None:
            old = self._office_id
            with transaction(self._factory) as session:
                claims.release_lease(session, old, self.holder)
            log.info("sender follows the office change to %s", key)
        self._office_key, self._office_id, self._reminded_at = key, None, None
        return key is not None

    def _office(self, session: Session) -> int:
        if self._office_id is None:
            office_id = session.scalar(
                select(OfficeRecord.id).where(OfficeRecord.key == self._office_key)
            )
            if office_id is None:
                raise ReceptionError(f"There is no office '{self._office_key}'.")
            self._office_id = int(office_id)
        return self._office_id

    def _remind(self) -> None:
        """Every few minutes, as the office's sender: queue the reminders due (the working
        day before each appointment)."""
        now = self._clock()
        if self._reminded_at is not None and now - self._reminded_at < REMINDER_EVERY:
            return
        self._reminded_at = now  # a desk that is not the sender looks again later, not each step
        with transaction(self._factory, write=False) as session:  # most desks are not it
            if claims.lease_state(session, self._office(session), self.holder, now) is None:
                return
        with transaction(self._factory) as session:
            office_id = self._office(session)
            if not claims.hold_lease(session, office_id, self.holder, now, self._lease):
                return
            office = session.get(OfficeRecord, office_id)
            if office is not None:
                queue_reminders(session, office, now)

    def _claim(self, channels: frozenset[Channel]) -> list[Claim] | None:
        """None when another desk is the office's sender; else what this desk must send now."""
        now = self._clock()
        with transaction(self._factory, write=False) as session:  # most steps find nothing
            office_id = self._office(session)
            left = claims.lease_state(session, office_id, self.holder, now)
            if left is None:
                return None
            if left > self._lease / 2 and not claims.anything_due(
                session, office_id, channels, now
            ):
                return []
        with transaction(self._factory) as session:
            if not claims.hold_lease(session, office_id, self.holder, now, self._lease):
                return None
            rows = claims.due(session, office_id, channels, now, self._batch)
            return claims.claim(session, rows, now)

    def _send(
        self, gateway: Gateway, config: NotifyConfig, item: Claim, report: StepReport
    ) -> None:
        try:
            notify_id, status = self._deliver(gateway, config, item)
        except NotifyRefused as exc:
            if exc.outcome.wrong_key:
                self.last_problem = exc.outcome.words
            with transaction(self._factory) as session:
                claims.record_refused(session, item, exc.outcome, self._clock())
            report.refused += 1
            return
        with transaction(self._factory) as session:
            claims.record_sent(session, item, notify_id, status, self._clock())
        self.last_problem = ""
        report.sent += 1

    def _deliver(self, gateway: Gateway, config: NotifyConfig, item: Claim) -> tuple[str, str]:
        if item.recovering:
            self._pacer.wait()
            found = gateway.find_by_reference(item.reference)
            if found is not None:  # the desk that stopped had sent it: never twice
                log.info("outbox %s was already with Notify as %s", item.id, found.id)
                return found.id, found.status
        template = config.template_for(item.channel)
        values = {"body": item.body}
        self._pacer.wait()
        if item.channel is Channel.SMS:
            return gateway.send_sms(item.recipient, template, values, item.reference), "created"
        values["subject"] = item.subject
        return gateway.send_email(item.recipient, template, values, item.reference), "created"

    def _ask_for_reports(self, gateway: Gateway, report: StepReport) -> None:
        with transaction(self._factory, write=False) as session:
            waiting = claims.awaiting_report(
                session, self._office(session), self._clock(), self._batch
            )
        for row_id, notify_id in waiting:
            self._pacer.wait()
            try:
                status = gateway.status(notify_id)
            except NotifyRefused:
                with transaction(self._factory) as session:
                    claims.report_later(session, row_id, self._clock(), timedelta(minutes=1))
                continue
            with transaction(self._factory) as session:
                claims.record_report(
                    session, row_id, status, from_delivery_status(status), self._clock()
                )
            report.reports += 1

    # --- the thread ---------------------------------------------------------------------------

    def wake(self) -> None:
        self._wake.set()

    def _heard(self, change: Change) -> None:
        if Topic.NOTIFICATIONS in change.topics:
            self._wake.set()

    def start(self) -> None:
        if self._thread is not None:
            return
        self._unhook = on_commit(self._factory, self._heard)
        self._thread = threading.Thread(target=self._run, name="notify-sender", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        """Stop after the call in hand (a row half-sent is recovered by reference later)."""
        self._stop.set()
        self._wake.set()
        if self._unhook is not None:
            self._unhook()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        try:
            if self._office_id is not None:
                with transaction(self._factory) as session:
                    claims.release_lease(session, self._office_id, self.holder)
        except ReceptionError as exc:
            log.info("could not hand back the sender lease: %s", exc)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                worked = self.step().worked
            except ReceptionError as exc:  # the database went away: say so, try again
                self.last_problem = str(exc)
                log.info("notification sender waiting: %s", exc)
                worked = False
            except Exception:  # noqa: BLE001 - a bug must not end sending for the day
                log.exception("notification sender step failed")
                worked = False
            if not worked:
                pause(self._wake, self._idle)
                self._wake.clear()
