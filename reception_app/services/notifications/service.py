"""Texts and e-mails of one office: its set-up, what was sent about a record, the figures."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import datetime

from sqlalchemy import func, select, update

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import (
    Channel,
    FilledMessage,
    Notification,
    NotificationCounts,
    NotificationKind,
    OutboxStatus,
    fill,
)
from reception_app.domain.people import StaffMember
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.private_settings import PrivateSettings
from reception_app.services.context import ServiceContext, actor_id
from reception_app.services.notifications import wording_book
from reception_app.services.notifications.config import NotifyConfig, load_config, store_config
from reception_app.services.notifications.gateway import Gateway, NotifyGateway, NotifyRefused
from reception_app.services.notifications.outbox import (
    notification_from_record,
    notifications_about,
    office_channels,
    recipient_for,
    set_office_channels,
)
from reception_app.services.notifications.sender import NotificationSender
from reception_app.services.notifications.setup import CheckedSetup, check_setup
from reception_app.services.office_scoped import OfficeScoped
from reception_app.services.office_service import require_manager


def client_gateway(config: NotifyConfig) -> Gateway:
    key = config.key
    if key is None:
        raise ValidationError("There is no Notify API key on this computer.", "api_key")
    return NotifyGateway(key, config.api_url)


class NotificationService(OfficeScoped):
    def __init__(
        self,
        context: ServiceContext,
        office_key: str,
        private: PrivateSettings,
        gateway_for: Callable[[NotifyConfig], Gateway] = client_gateway,
    ) -> None:
        super().__init__(context, office_key)
        self._private = private
        self._gateway_for = gateway_for

    # --- set-up -------------------------------------------------------------------------------

    def config(self) -> NotifyConfig:
        """This computer's key and templates (private.json)."""
        return load_config(self._private)

    def channels(self) -> frozenset[Channel]:
        """What the office's screens offer: the channels a manager set up (none: nothing)."""
        with transaction(self._factory, write=False) as session:
            return office_channels(session, self._office(session).id)

    def set_up(
        self, actor: StaffMember, key_text: str, sms_template: str, email_template: str
    ) -> CheckedSetup:
        """Check the key and templates with Notify, then keep them (owner-only) and tell every
        desk of the office that texts and e-mails are on. Slow (calls Notify): off the GUI thread."""
        require_manager(actor)
        checked = check_setup(
            key_text, sms_template, email_template, self._gateway_for, self.config().base_url
        )
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session)
            set_office_channels(session, office.id, checked.config.channels)
            log_event(
                session,
                at=self._clock(),
                action="updated",
                entity="settings",
                entity_id=None,
                office_id=office.id,
                staff_id=actor_id(actor),
                summary="Texts and e-mails (GOV.UK Notify) set up",
            )
            store_config(self._private, checked.config)
        return checked

    def switch_off(self, actor: StaffMember) -> None:
        """Forget the key on this computer and stop offering texts and e-mails at the office."""
        require_manager(actor)
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session)
            set_office_channels(session, office.id, frozenset())
            session.execute(
                update(NotificationRecord)
                .where(
                    NotificationRecord.office_id == office.id,
                    NotificationRecord.status == OutboxStatus.QUEUED.value,
                )
                .values(
                    status=OutboxStatus.CANCELLED.value,
                    problem="Texts and e-mails were switched off, so it was not sent.",
                    completed_at=self._clock(),
                )
            )
            store_config(self._private, NotifyConfig())

    def send_test(self, actor: StaffMember, channel: Channel, address: str) -> Notification:
        """Send the test message now (slow: off the GUI thread); the sender then follows its
        delivery like any other. NotifyRefused's message says what went wrong."""
        require_manager(actor)
        config = self.config()
        if channel not in config.channels:
            raise ValidationError(f"Set up {channel.label.lower()}s first.", "test")
        recipient = recipient_for(channel, address)
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            name, phone, key = office.name, office.phone, office.key
        wording = wording_book.for_office(key)[NotificationKind.TEST]
        filled = fill(wording, channel, {"office_name": name, "office_phone": phone})
        reference = str(uuid.uuid4())
        notify_id = self._send_now(config, filled, recipient, reference)
        return self._record_test(filled, recipient, reference, notify_id, actor)

    def _send_now(
        self, config: NotifyConfig, filled: FilledMessage, recipient: str, reference: str
    ) -> str:
        gateway = self._gateway_for(config)
        template = config.template_for(filled.channel)
        if filled.channel is Channel.SMS:
            return gateway.send_sms(recipient, template, {"body": filled.body}, reference)
        values = {"body": filled.body, "subject": filled.subject}
        return gateway.send_email(recipient, template, values, reference)

    def _record_test(
        self,
        filled: FilledMessage,
        recipient: str,
        reference: str,
        notify_id: str,
        actor: StaffMember,
    ) -> Notification:
        now = self._clock()
        with transaction(self._factory) as session:
            office = self._office(session)
            record = NotificationRecord(
                reference=reference,
                office_id=office.id,
                kind=NotificationKind.TEST.value,
                channel=filled.channel.value,
                recipient=recipient,
                subject_kind="test",
                subject_id=actor.id,
                subject=filled.subject,
                body=filled.body,
                status=OutboxStatus.SENT.value,
                attempts=1,
                next_attempt_at=now,
                notify_id=notify_id,
                notify_status="created",
                problem="",
                created_at=now,
                sent_at=now,
            )
            session.add(record)
            session.flush()
            return notification_from_record(record)

    # --- what the screens show ----------------------------------------------------------------

    def about(self, subject_kind: str, subject_id: int) -> list[Notification]:
        with transaction(self._factory, write=False) as session:
            return notifications_about(session, subject_kind, subject_id)

    def get(self, notification_id: int) -> Notification | None:
        with transaction(self._factory, write=False) as session:
            record = session.get(NotificationRecord, notification_id)
            return notification_from_record(record) if record is not None else None

    def texted(self, subject_kind: str, subject_ids: Iterable[int]) -> dict[int, OutboxStatus]:
        """The newest text's status for each record that has one (the queue's 'texted' mark)."""
        ids = list(subject_ids)
        if not ids:
            return {}
        with transaction(self._factory, write=False) as session:
            rows = session.execute(
                select(NotificationRecord.subject_id, NotificationRecord.status)
                .where(
                    NotificationRecord.office_id == self._office(session).id,
                    NotificationRecord.subject_kind == subject_kind,
                    NotificationRecord.subject_id.in_(ids),
                    NotificationRecord.channel == Channel.SMS.value,
                )
                .order_by(NotificationRecord.id)
            ).all()
        return {int(i): OutboxStatus(s) for i, s in rows if i is not None}

    def problems(self, since: datetime) -> list[Notification]:
        """What failed for good since ``since``, newest first (the desk is told in plain words)."""
        with transaction(self._factory, write=False) as session:
            rows = session.scalars(
                select(NotificationRecord)
                .where(
                    NotificationRecord.office_id == self._office(session).id,
                    NotificationRecord.status == OutboxStatus.FAILED.value,
                    NotificationRecord.completed_at >= since,
                )
                .order_by(NotificationRecord.completed_at.desc())
                .limit(50)
            )
            return [notification_from_record(r) for r in rows]

    def counts(self, start: datetime, end: datetime) -> NotificationCounts:
        """Notifications queued in [start, end), by where they stand now (the report's figures)."""
        reached = NotificationRecord.notify_id.is_not(None)
        with transaction(self._factory, write=False) as session:
            rows = session.execute(
                select(NotificationRecord.status, reached, func.count())
                .where(
                    NotificationRecord.office_id == self._office(session).id,
                    NotificationRecord.kind != NotificationKind.TEST.value,
                    NotificationRecord.created_at >= start,
                    NotificationRecord.created_at < end,
                )
                .group_by(NotificationRecord.status, reached)
            ).all()
        counts: dict[str, int] = {}
        for status, with_notify, number in rows:
            counts[status] = counts.get(status, 0) + int(number)
            if with_notify:
                counts["reached"] = counts.get("reached", 0) + int(number)
        return NotificationCounts(
            queued=counts.get("queued", 0) + counts.get("sending", 0),
            sent=counts.get("reached", 0),
            delivered=counts.get("delivered", 0),
            failed=counts.get("failed", 0),
            cancelled=counts.get("cancelled", 0),
        )

    def sender(
        self, office_key: Callable[[], str | None] | None = None, **options: object
    ) -> NotificationSender:
        """The background sender for this office on this computer (not started);
        ``office_key`` makes it follow the desk's running office as it changes."""
        return NotificationSender(
            self._factory,
            office_key or self._office_key,
            self.config,
            clock=self._clock,
            gateway_factory=self._gateway_for,
            **options,  # type: ignore[arg-type]
        )


__all__ = ["NotificationService", "NotifyRefused", "client_gateway"]
