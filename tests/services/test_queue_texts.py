"""Walk-ins who leave a mobile: texted when about two from the front and when called."""

from __future__ import annotations

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import NotificationKind, OutboxStatus
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from tests.notify_fixtures import NotifyOffice


def _kinds(services: AppServices, visit_id: int) -> list[tuple[NotificationKind, OutboxStatus]]:
    return [(n.kind, n.status) for n in services.notifications().about("visit", visit_id)]


def test_a_mobile_at_check_in_brings_the_nearly_up_and_called_texts(
    services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:
    queue = services.queue()
    first = queue.check_in(None, CheckInRequest("general", "Ann"))
    second = queue.check_in(None, CheckInRequest("general", "Ben", mobile="07700 900123"))
    third = queue.check_in(None, CheckInRequest("general", "Cat", mobile="07700 900456"))
    called = queue.call_next(manager, "R1")
    assert called is not None and called.ticket == first.ticket
    assert _kinds(services, second.id) == [(NotificationKind.NEARLY_UP, OutboxStatus.QUEUED)]
    assert _kinds(services, third.id) == [(NotificationKind.NEARLY_UP, OutboxStatus.QUEUED)]
    queue.mark_served(manager, first.ticket, resolved_first_contact=True)
    queue.call_next(manager, "R1")
    # Called before the first text went: that one is no use any more.
    assert _kinds(services, second.id) == [
        (NotificationKind.NEARLY_UP, OutboxStatus.CANCELLED),
        (NotificationKind.CALLED, OutboxStatus.QUEUED),
    ]
    assert services.notifications().sender(per_second=0).step().sent == 2
    bodies = [r.body for r in notify.standin.received]
    assert f"ticket {second.ticket}, it is your turn. Please go to" in bodies[-1]
    assert "nearly your turn (about" in bodies[0]
    assert _kinds(services, first.id) == [], "no mobile, no text"


def test_a_landline_at_check_in_is_refused_in_plain_words(
    services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:
    with pytest.raises(ValidationError, match="cannot receive texts") as caught:
        services.queue().check_in(None, CheckInRequest("general", "Ann", mobile="01603 301751"))
    assert caught.value.field == "mobile"
    assert services.queue().waiting() == []


def test_without_notify_nothing_is_queued(services: AppServices, manager: StaffMember) -> None:
    queue = services.queue()
    visit = queue.check_in(None, CheckInRequest("general", "Ann", mobile="07700 900123"))
    queue.call_next(manager, "R1")
    assert _kinds(services, visit.id) == []


def test_an_office_that_rewrote_a_text_sends_its_own_words_and_a_broken_file_is_passed_over(
    services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:
    from reception_app.services.notifications.wording_book import office_folder

    folder = office_folder("hellesdon")
    folder.mkdir(parents=True)
    (folder / "called.toml").write_text(
        'title = "Called"\nsms = "{office_name}: {ticket}, come to {desk} now please."\n',
        encoding="utf-8",
    )
    (folder / "nearly_up.toml").write_text('sms = "{unknown"\n', encoding="utf-8")
    queue = services.queue()
    ann = queue.check_in(None, CheckInRequest("general", "Ann", mobile="07700 900123"))
    ben = queue.check_in(None, CheckInRequest("general", "Ben", mobile="07700 900456"))
    queue.call_next(manager, "R1")
    services.notifications().sender(per_second=0).step()
    bodies = [r.body for r in notify.standin.received]
    assert f"Hellesdon Parish Council: {ann.ticket}, come to Reception window now please." in bodies
    assert any("nearly your turn" in b for b in bodies), "the shipped words stand in"
    assert _kinds(services, ben.id)[0][0] is NotificationKind.NEARLY_UP
