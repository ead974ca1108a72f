"""What the Correspondence page's panels share: the office's clock and calendar, and its staff."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo

from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.people import StaffMember


@dataclass
class CorrespondenceContext:
    """Re-read by the page on each refresh (zone, today, now, staff) and by the log (engine);
    every panel reads the same object, so they show one moment and one calendar."""

    zone: tzinfo
    today: date
    now: datetime | None = None
    engine: DeadlineEngine | None = None
    staff: list[StaffMember] = field(default_factory=list)
