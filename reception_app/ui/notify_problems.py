"""Telling the desk, in plain words, when a text or e-mail failed for good (a wrong number, a
bounced address, a template Notify refused): once per failure, in the status bar."""

from __future__ import annotations

from datetime import datetime, timedelta

from reception_app.domain.errors import ReceptionError
from reception_app.domain.reports.notifications import KIND_TITLES
from reception_app.services.container import AppServices

LOOK_BACK = timedelta(hours=12)
"""At start the desk hears of failures from this far back (the working day so far)."""


class NotifyProblemWatch:
    """``newest(services)`` gives the words for the newest failure not told yet, or ''."""

    def __init__(self) -> None:
        self._told: set[int] = set()
        self._since: datetime | None = None

    def newest(self, services: AppServices) -> str:
        try:
            now = services.context.clock()
            since = self._since or now - LOOK_BACK
            failed = services.notifications().problems(since)
        except ReceptionError:
            return ""
        self._since = since
        fresh = [n for n in failed if n.id not in self._told]
        self._told.update(n.id for n in failed)
        if not fresh:
            return ""
        latest = fresh[0]
        what = KIND_TITLES.get(latest.kind, latest.kind.value)
        more = f" ({len(fresh) - 1} more in the report)" if len(fresh) > 1 else ""
        return (
            f"{latest.channel.a_message.capitalize()} ({what}) could not be delivered: "
            f"{latest.problem}{more}"
        )
