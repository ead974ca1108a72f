"""The desk is told once, in plain words, when a text failed for good."""

from __future__ import annotations

from datetime import timedelta

from reception_app.services.container import AppServices
from reception_app.ui.notify_problems import NotifyProblemWatch
from tests.conftest import FixedClock
from tests.notify_fixtures import NotifyOffice
from tests.services.notify_helpers import queue_text


def test_a_failure_is_told_once_in_plain_words(
    qapp, services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    watch = NotifyProblemWatch()
    assert watch.newest(services) == ""
    queue_text(services, "07700 900002")  # Notify's test number that fails for good
    sender = services.notifications().sender(per_second=0)
    sender.step()
    clock.now += timedelta(seconds=6)
    sender.step()
    said = watch.newest(services)
    assert said.startswith("A text message (Called to a desk) could not be delivered: ")
    assert "does not exist" in said or "number" in said
    assert watch.newest(services) == "", "told once"


def test_the_desk_reads_that_a_message_is_on_its_way_and_nothing_once_it_was_dropped(
    qapp, services: AppServices, notify: NotifyOffice, clock: FixedClock
) -> None:  # type: ignore[no-untyped-def]
    from reception_app.ui.notify_words import on_its_way

    assert on_its_way(services, "visit", 1) == ""
    queue_text(services)
    assert on_its_way(services, "visit", 1) == " A text message is on its way to them."
    clock.now += timedelta(minutes=2)
    assert on_its_way(services, "visit", 1) == "", "only what the action just queued"
