"""What every use-case receives: the session factory, a clock, and who is doing the work."""

from __future__ import annotations

from dataclasses import dataclass, field

from argon2 import PasswordHasher
from sqlalchemy.orm import Session, sessionmaker

from reception_app.domain.people import StaffMember
from reception_app.seams import Clock, Seams, system_clock

__all__ = ["Clock", "Seams", "ServiceContext", "actor_id", "system_clock"]


@dataclass(frozen=True)
class ServiceContext:
    session_factory: sessionmaker[Session]
    clock: Clock = system_clock
    hasher: PasswordHasher = field(default_factory=PasswordHasher)
    """Hashes and checks staff passwords (argon2; tests pass a cheap one)."""


def actor_id(actor: StaffMember | None) -> int | None:
    """The staff id to record; None for nobody and for the command line (no account)."""
    return actor.id if actor is not None and not actor.is_command_line else None
