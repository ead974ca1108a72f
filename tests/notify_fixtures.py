"""Fixtures for texts and e-mails: the session's stand-in Notify API, and an office set up to use it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from reception_app.domain.notifications import Channel
from reception_app.domain.people import StaffMember
from reception_app.paths import AppPaths
from reception_app.persistence.engine import transaction
from reception_app.persistence.office_repository import get_office
from reception_app.private_settings import PrivateSettings
from reception_app.services.container import AppServices
from reception_app.services.notifications.config import NotifyConfig, store_config
from reception_app.services.notifications.outbox import set_office_channels
from tests.notify_standin import EMAIL_TEMPLATE, SMS_TEMPLATE, TEST_KEY, NotifyStandIn


@pytest.fixture(scope="session")
def notify_server() -> Iterator[NotifyStandIn]:
    """One stand-in per test session (per xdist worker), on 127.0.0.1."""
    standin = NotifyStandIn().start()
    yield standin
    standin.stop()


@pytest.fixture
def notify_standin(notify_server: NotifyStandIn) -> NotifyStandIn:
    """The stand-in with nothing received and no failure waiting."""
    notify_server.reset()
    return notify_server


def standin_config(standin: NotifyStandIn) -> NotifyConfig:
    return NotifyConfig(TEST_KEY, SMS_TEMPLATE, EMAIL_TEMPLATE, standin.base_url)


@dataclass
class NotifyOffice:
    standin: NotifyStandIn
    config: NotifyConfig


@pytest.fixture
def notify(
    services: AppServices, manager: StaffMember, notify_standin: NotifyStandIn, paths: AppPaths
) -> NotifyOffice:
    """Hellesdon with texts and e-mails set up on this computer, sending to the stand-in."""
    config = standin_config(notify_standin)
    store_config(PrivateSettings(paths.private_settings_file), config)
    with transaction(services.database.session_factory) as session:
        office = get_office(session, "hellesdon")
        set_office_channels(session, office.id, frozenset({Channel.SMS, Channel.EMAIL}))
    return NotifyOffice(notify_standin, config)
