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
