"""The outbox and its sender, with the real Notify client against the stand-in, on both engines.

Never lost (written with the action), never twice (the outbox reference is checked with Notify
before any second try), retried with backoff when Notify says so, and failures kept on the
record in plain words.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import Channel, NotificationKind, OutboxStatus
from reception_app.persistence.engine import transaction
from reception_app.persistence.office_repository import get_office
from reception_app.services.container import AppServices
from reception_app.services.notifications import queue_notification
from reception_app.services.notifications.claims import ROW_LEASE, claim, due
from reception_app.services.notifications.sender import NotificationSender
from tests.conftest import FixedClock
from tests.notify_fixtures import NotifyOffice
from tests.services.notify_helpers import queue_text


def _sender(
    services: AppServices, notify: NotifyOffice, clock: FixedClock, **kw: object
) -> NotificationSender:
    return services.notifications().sender(per_second=0, **kw)


def _row(services: AppServices, row_id: int):  # type: ignore[no-untyped-def]
    notification = services.notifications().get(row_id)
    assert notification is not None
    return notification


def test_a_queued_text_is_sent_with_its_outbox_reference_and_delivered(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    row_id = queue_text(services)
    sender = _sender(services, notify, clock)
    assert sender.step().sent == 1
    (received,) = notify.standin.received
    assert received.recipient == "+447700900123"
    assert (
        received.body
        == "Hellesdon Parish Council: ticket G001, it is your turn. Please go to Desk 1."
    )
    with transaction(services.database.session_factory, write=False) as session:
        from reception_app.persistence.notification_records import NotificationRecord

        record = session.get(NotificationRecord, row_id)
        assert record is not None and record.reference == received.reference
        assert record.notify_id == received.id
    assert _row(services, row_id).status is OutboxStatus.SENT
    clock.now += timedelta(seconds=6)
    assert sender.step().reports == 1
    assert _row(services, row_id).status is OutboxStatus.DELIVERED


def test_nothing_is_queued_when_the_action_is_rolled_back(
    services: AppServices, notify: NotifyOffice
) -> None:
    with pytest.raises(RuntimeError), transaction(services.database.session_factory) as session:
        queue_notification(
            session,
            office=get_office(session, "hellesdon"),
            kind=NotificationKind.CALLED,
            channel=Channel.SMS,
            address="07700 900123",
            values={},
            now=services.context.clock(),
            subject_kind="visit",
            subject_id=7,
        )
        raise RuntimeError("the check-in failed")
    assert services.notifications().about("visit", 7) == []


def test_nothing_is_queued_for_an_office_without_notify(
    services: AppServices, manager: object
) -> None:
    with transaction(services.database.session_factory) as session:
        record = queue_notification(
            session,
            office=get_office(session, "hellesdon"),
            kind=NotificationKind.CALLED,
            channel=Channel.SMS,
            address="07700 900123",
            values={},
            now=services.context.clock(),
        )
    assert record is None


def test_a_wrong_number_fails_for_good_in_plain_words(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    notify.standin.fail_next(400, "ValidationError", "phone_number Not a UK mobile number")
    row_id = queue_text(services)
    report = _sender(services, notify, clock).step()
    assert report.refused == 1
    failed = _row(services, row_id)
    assert failed.status is OutboxStatus.FAILED
    assert failed.problem == "The mobile number was refused by Notify: not a UK mobile number."
    assert services.notifications().problems(clock.now - timedelta(hours=1)) == [failed]


def test_a_rate_limit_is_retried_after_a_backoff_and_sent_once(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    notify.standin.fail_next(
        429,
        "RateLimitError",
        "Exceeded rate limit for key type TEST of 3000 requests per 60 seconds",
    )
    row_id = queue_text(services)
    sender = _sender(services, notify, clock)
    assert sender.step().refused == 1
    waiting = _row(services, row_id)
    assert waiting.status is OutboxStatus.QUEUED and "slow down" in waiting.problem
    assert sender.step().sent == 0, "not before the backoff"
    clock.now += timedelta(seconds=31)
    assert sender.step().sent == 1
    assert len(notify.standin.received) == 1


@pytest.mark.parametrize("status", [500, 0])
def test_an_answer_lost_after_notify_had_it_is_never_sent_twice(
    services: AppServices, notify: NotifyOffice, clock: FixedClock, status: int
) -> None:
    if status:
        notify.standin.fail_next(500, "Exception", "Internal server error")
    else:
        notify.standin.lose_next_answer()
    row_id = queue_text(services)
    sender = _sender(services, notify, clock)
    sender.step()
    assert _row(services, row_id).status is OutboxStatus.QUEUED
    clock.now += timedelta(minutes=1)
    sender.step()
    sent = _row(services, row_id)
    assert sent.status is OutboxStatus.SENT
    assert len(notify.standin.received) == 1, "sent exactly once"
    assert (
        "GET",
        "/v2/notifications?reference=" + _reference(services, row_id),
    ) in notify.standin.requests


def _reference(services: AppServices, row_id: int) -> str:
    from reception_app.persistence.notification_records import NotificationRecord

    with transaction(services.database.session_factory, write=False) as session:
        record = session.get(NotificationRecord, row_id)
        assert record is not None
        return record.reference


def test_a_desk_that_stopped_mid_send_loses_nothing_and_sends_nothing_twice(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    """Desk A claims two texts, hands one to Notify and stops before recording either; desk B
    takes over once both leases have run out: it finds the first by reference and sends only
    the second."""
    first, second = queue_text(services), queue_text(services, "07700 900456")
    factory = services.database.session_factory
    with transaction(factory) as session:
        claimed = claim(
            session, due(session, 1, frozenset({Channel.SMS}), clock.now, 10), clock.now
        )
    assert [c.id for c in claimed] == [first, second]
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(notify.config.api_key, base_url=notify.standin.base_url)
    client.send_sms_notification(
        claimed[0].recipient,
        notify.config.sms_template,
        {"body": claimed[0].body},
        claimed[0].reference,
    )
    # Desk A is gone. Desk B's lease is free, but the rows' own leases still hold.
    desk_b = _sender(services, notify, clock, holder="desk B")
    assert desk_b.step().sent == 0
    clock.now += ROW_LEASE + timedelta(seconds=1)
    assert desk_b.step().sent == 2
    assert sorted(r.recipient for r in notify.standin.received) == [
        "+447700900123",
        "+447700900456",
    ]
    assert {_row(services, i).status for i in (first, second)} == {OutboxStatus.SENT}


def test_a_refused_key_is_retried_and_said_plainly(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    notify.standin.fail_next(403, "AuthError", "Invalid token: API key not found")
    row_id = queue_text(services)
    sender = _sender(services, notify, clock)
    sender.step()
    assert "Settings > This computer > Texts and e-mails" in sender.last_problem
    assert _row(services, row_id).status is OutboxStatus.QUEUED


def test_delivery_reports_wrong_number_phone_off_and_technical_failure(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    wrong = queue_text(services, "07700 900002")
    phone_off = queue_text(services, "07700 900003")
    sender = _sender(services, notify, clock)
    assert sender.step().sent == 2
    clock.now += timedelta(seconds=6)
    sender.step()
    assert _row(services, wrong).status is OutboxStatus.FAILED
    assert "does not exist" in _row(services, wrong).problem
    assert "phone was off" in _row(services, phone_off).problem


def test_too_late_to_be_useful_is_not_sent(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    row_id = queue_text(
        services, kind=NotificationKind.NEARLY_UP, expires_at=clock.now - timedelta(seconds=1)
    )
    _sender(services, notify, clock).step()
    assert notify.standin.received == []
    assert _row(services, row_id).status is OutboxStatus.CANCELLED


def test_gives_up_after_the_last_try(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    notify.standin.fail_next(
        500, "Exception", "Internal server error", count=50, paths=("/v2/notifications/sms",)
    )
    row_id = queue_text(services)
    sender = _sender(services, notify, clock)
    for _ in range(10):
        sender.step()
        clock.now += timedelta(hours=1)
    failed = _row(services, row_id)
    assert failed.status is OutboxStatus.FAILED and "Gave up after 8 tries" in failed.problem
    assert notify.standin.received == []


def test_one_sender_per_office_until_its_lease_runs_out(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    desk_a = _sender(services, notify, clock, holder="desk A")
    desk_b = _sender(services, notify, clock, holder="desk B")
    queue_text(services)
    assert desk_a.step().holding
    queue_text(services)
    report = desk_b.step()
    assert not report.holding and report.sent == 0
    clock.now += timedelta(seconds=31)  # desk A went quiet
    assert desk_b.step().sent == 1
    assert not desk_a.step().holding


def test_a_desk_without_a_key_leaves_the_sending_to_one_that_has_it(
    services: AppServices, notify: NotifyOffice, clock: FixedClock, paths: object
) -> None:
    from reception_app.services.notifications.config import NotifyConfig

    queue_text(services)
    keyless = NotificationSender(
        services.database.session_factory, "hellesdon", NotifyConfig, clock=clock
    )
    assert not keyless.step().holding
    assert notify.standin.received == []


def test_the_sender_thread_sends_as_soon_as_a_commit_queues_something(
    services: AppServices, notify: NotifyOffice
) -> None:
    import time

    from reception_app.seams import system_clock

    sender = NotificationSender(
        services.database.session_factory,
        "hellesdon",
        lambda: notify.config,
        clock=system_clock,
        idle_seconds=30,
        per_second=0,
    )
    sender.start()
    try:
        time.sleep(0.2)  # the first (empty) step has run; the next waits up to 30 s
        queue_text(services)
        deadline = time.monotonic() + 5
        while not notify.standin.received and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(notify.standin.received) == 1
    finally:
        sender.stop()


def test_counts_for_the_report(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    queue_text(services)
    queue_text(services, "07700 900002")
    notify.standin.fail_next(400, "ValidationError", "phone_number Not a UK mobile number")
    sender = _sender(services, notify, clock)
    sender.step()
    queue_text(services)  # still queued
    clock.now += timedelta(seconds=6)
    sender.step()
    counts = services.notifications().counts(
        clock.now - timedelta(days=1), clock.now + timedelta(days=1)
    )
    # The refused one never reached Notify; the wrong number did, then failed; the third waits
    # for its report.
    assert (counts.sent, counts.delivered, counts.failed, counts.queued) == (2, 0, 2, 0)


def test_no_office_is_a_plain_error(services: AppServices, notify: NotifyOffice) -> None:
    sender = NotificationSender(services.database.session_factory, "nowhere", lambda: notify.config)
    with pytest.raises(ReceptionError, match="no office"):
        sender.step()


def test_the_sender_follows_an_office_change_and_hands_the_old_office_back(
    services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:
    from reception_app.services.notifications.outbox import set_office_channels

    with transaction(services.database.session_factory) as session:
        norfolk = get_office(session, "north-norfolk")
        set_office_channels(session, norfolk.id, frozenset({Channel.SMS}))
    running: list[str | None] = ["hellesdon"]
    desk_a = services.notifications().sender(
        office_key=lambda: running[0], per_second=0, holder="desk A"
    )
    desk_b = _sender(services, notify, clock, holder="desk B")  # Hellesdon's other desk
    queue_text(services)
    assert desk_a.step().sent == 1
    with transaction(services.database.session_factory) as session:
        queue_notification(
            session,
            office=get_office(session, "north-norfolk"),
            kind=NotificationKind.CALLED,
            channel=Channel.SMS,
            address="07700 900456",
            values={"ticket": "C001", "desk": "Desk 2"},
            now=clock.now,
            subject_kind="visit",
            subject_id=99,
        )
    queue_text(services, "07700 900789")
    running[0] = "north-norfolk"  # a manager changed the running office in Settings
    assert desk_a.step().sent == 1
    assert notify.standin.received[-1].body.startswith("North Norfolk District Council")
    # Hellesdon's lease was handed back at the change: its other desk sends at once.
    assert desk_b.step().sent == 1
    assert notify.standin.received[-1].recipient == "+447700900789"
    running[0] = None
    assert not desk_a.step().holding
