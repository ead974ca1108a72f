"""The change hub: a desk's own action and another desk's reach the screens once, merged."""

from __future__ import annotations

from reception_app.domain.changes import Topic
from reception_app.domain.people import StaffMember
from reception_app.persistence.database import Database
from reception_app.persistence.engine import make_engine, make_session_factory
from reception_app.services.container import AppServices
from reception_app.services.queue import CheckInRequest
from reception_app.ui.changes import ChangeHub
from tests.ui.live_fixtures import newest_change, wait_told


def _hub(qtbot, services: AppServices) -> tuple[ChangeHub, list[frozenset[Topic]]]:  # type: ignore[no-untyped-def]
    hub = ChangeHub()
    heard: list[frozenset[Topic]] = []
    hub.changed.connect(heard.append)
    hub.start(services)
    qtbot.waitUntil(lambda: hub._feed is not None and hub._feed.connected, timeout=5000)  # type: ignore[union-attr]
    return hub, heard


def test_the_desk_s_own_action_is_heard_once_though_the_feed_hears_it_too(
    qtbot,
    services: AppServices,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    hub, heard = _hub(qtbot, services)
    services.queue().check_in(None, CheckInRequest("general", "Ann Lee"))
    qtbot.waitUntil(lambda: heard == [frozenset({Topic.QUEUE})], timeout=2000)
    # the feed hears the same change a little later: it is not told again
    wait_told(qtbot, hub, newest_change(services))
    assert heard == [frozenset({Topic.QUEUE})]
    hub.stop()


def test_changes_arriving_together_are_told_once_merged(
    qtbot,
    services: AppServices,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    hub, heard = _hub(qtbot, services)
    services.queue().check_in(None, CheckInRequest("general", "Ann Lee"))
    services.office.put_setting("idle_lock_minutes", 9, manager)
    qtbot.waitUntil(lambda: bool(heard), timeout=2000)
    assert heard[0] >= {Topic.QUEUE, Topic.SETTINGS}
    hub.stop()


def test_another_desk_s_change_arrives_within_a_second(
    qtbot,
    services: AppServices,
    database: Database,
    manager: StaffMember,  # type: ignore[no-untyped-def]
) -> None:
    hub, heard = _hub(qtbot, services)
    engine = make_engine(database.url)
    other = AppServices.create(Database(database.url, engine, make_session_factory(engine)))
    other.office.put_setting("idle_lock_minutes", 11, manager)
    qtbot.waitUntil(lambda: any(Topic.SETTINGS in t for t in heard), timeout=1000)
    hub.stop()
    engine.dispose()
