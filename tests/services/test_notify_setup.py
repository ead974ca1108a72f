"""Settings > Texts and e-mails: the key checked with Notify, kept owner-only; consent on contacts."""

from __future__ import annotations

import os
import stat

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import Channel, OutboxStatus
from reception_app.domain.people import Contact, StaffMember
from reception_app.paths import AppPaths
from reception_app.services.container import AppServices
from reception_app.services.notifications.config import BASE_URL_VARIABLE
from tests.notify_fixtures import NotifyOffice
from tests.notify_standin import (
    EMAIL_TEMPLATE,
    SMS_TEMPLATE,
    SMS_WITHOUT_BODY,
    TEST_KEY,
    WRONG_SECRET_KEY,
    NotifyStandIn,
)
from tests.services.notify_helpers import queue_text


@pytest.fixture
def standin_url(notify_standin: NotifyStandIn, monkeypatch: pytest.MonkeyPatch) -> NotifyStandIn:
    monkeypatch.setenv(BASE_URL_VARIABLE, notify_standin.base_url)
    return notify_standin


def test_a_manager_sets_up_notify_and_the_key_is_kept_owner_only(
    services: AppServices, manager: StaffMember, standin_url: NotifyStandIn, paths: AppPaths
) -> None:
    notifications = services.notifications()
    assert notifications.channels() == frozenset()
    checked = notifications.set_up(manager, TEST_KEY, SMS_TEMPLATE, EMAIL_TEMPLATE)
    assert checked.templates[Channel.SMS].name == "Reception text"
    assert notifications.channels() == {Channel.SMS, Channel.EMAIL}
    assert notifications.config().api_key == TEST_KEY
    private = paths.private_settings_file
    assert TEST_KEY in private.read_text()
    if os.name == "posix":
        assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert (
        TEST_KEY not in paths.machine_settings_file.read_text()
        if paths.machine_settings_file.exists()
        else True
    )


@pytest.mark.parametrize(
    ("key", "sms", "email", "field", "words"),
    [
        ("not a key", SMS_TEMPLATE, "", "api_key", "too short"),
        (WRONG_SECRET_KEY, SMS_TEMPLATE, "", "api_key", "Notify refused this API key"),
        (
            TEST_KEY,
            "6c0d8e1a-2b3c-4d5e-8f90-1a2b3c4d5e6f",
            "",
            "sms_template",
            "no template with the id",
        ),
        (TEST_KEY, EMAIL_TEMPLATE, "", "sms_template", "is an email template"),
        (TEST_KEY, SMS_WITHOUT_BODY, "", "sms_template", r"needs \(\(body\)\)"),
        (TEST_KEY, "", "", "sms_template", "Give the id"),
        (TEST_KEY, "banana", "", "sms_template", "not a template id"),
    ],
)
def test_what_notify_refuses_is_named_against_its_field_and_nothing_is_saved(
    services: AppServices,
    manager: StaffMember,
    standin_url: NotifyStandIn,
    paths: AppPaths,
    key: str,
    sms: str,
    email: str,
    field: str,
    words: str,
) -> None:
    notifications = services.notifications()
    with pytest.raises(ValidationError, match=words) as caught:
        notifications.set_up(manager, key, sms, email)
    assert caught.value.field == field
    assert notifications.channels() == frozenset()
    assert not paths.private_settings_file.exists()


def test_only_a_manager_sets_it_up(
    services: AppServices, colleagues: dict[str, StaffMember], standin_url: NotifyStandIn
) -> None:
    from reception_app.domain.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.notifications().set_up(colleagues["Rita"], TEST_KEY, SMS_TEMPLATE, "")


def test_a_test_message_goes_now_and_is_followed_like_any_other(
    services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:
    sent = services.notifications().send_test(manager, Channel.EMAIL, "margaret@example.org")
    assert sent.status is OutboxStatus.SENT
    (received,) = notify.standin.received
    assert received.subject == "Test message from Reception"
    assert "Hellesdon Parish Council" in received.body
    with pytest.raises(ValidationError, match="not a mobile"):
        services.notifications().send_test(manager, Channel.SMS, "01603 301751")


def test_switching_off_cancels_what_waits_and_forgets_the_key(
    services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:
    row = queue_text(services)
    services.notifications().switch_off(manager)
    assert services.notifications().channels() == frozenset()
    assert services.notifications().config().api_key == ""
    assert services.notifications().get(row).status is OutboxStatus.CANCELLED  # type: ignore[union-attr]


def test_consent_needs_a_uk_mobile_for_texts_and_an_address_for_e_mails(
    services: AppServices, manager: StaffMember
) -> None:
    contacts = services.contacts()
    with pytest.raises(ValidationError, match="must be their mobile") as caught:
        contacts.save(
            Contact(None, "Ann Lee", phone="01603 301751", notify_by=Channel.SMS), manager
        )
    assert caught.value.field == "phone"
    with pytest.raises(ValidationError, match="email address") as caught:
        contacts.save(Contact(None, "Ann Lee", notify_by=Channel.EMAIL), manager)
    assert caught.value.field == "email"
    saved = contacts.save(
        Contact(None, "Ann Lee", phone="07911 123456", notify_by=Channel.SMS), manager
    )
    assert contacts.get(saved.id or 0).notify_by is Channel.SMS


def test_withdrawing_consent_cancels_what_is_queued_and_what_is_claimed_later(
    services: AppServices, manager: StaffMember, notify: NotifyOffice
) -> None:
    import dataclasses

    contacts = services.contacts()
    ann = contacts.save(
        Contact(None, "Ann Lee", phone="07911 123456", notify_by=Channel.SMS), manager
    )
    assert ann.id is not None
    first = queue_text(services, contact_id=ann.id)
    contacts.save(dataclasses.replace(ann, notify_by=Channel.NONE), manager)
    cancelled = services.notifications().get(first)
    assert cancelled is not None and cancelled.status is OutboxStatus.CANCELLED
    assert "withdrew their consent" in cancelled.problem
    services.notifications().sender(per_second=0).step()
    assert notify.standin.received == []
