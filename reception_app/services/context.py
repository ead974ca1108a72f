"""What every use-case receives: the session factory, a clock, and who is doing the work."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session, sessionmaker

from reception_app.domain.people import StaffMember

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime (UTC); tests pass a fixed one."""


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ServiceContext:
    session_factory: sessionmaker[Session]
    clock: Clock = system_clock


def actor_id(actor: StaffMember | None) -> int | None:
    return actor.id if actor is not None else None
