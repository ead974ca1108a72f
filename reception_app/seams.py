"""What the entry points let a caller replace: the clock and the cost of hashing passwords.

Kept free of the data layer so the desk window can import it before the database opens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argon2 import PasswordHasher

Clock = Callable[[], datetime]
"""Returns the current time as an aware datetime (UTC); tests pass a fixed one."""


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class Seams:
    """Production uses the real clock and argon2's recommended cost (``hasher=None``); tests pass
    a fixed clock and a cheap hasher, so nothing depends on today's date and a sign-in is cheap.
    """

    clock: Clock = system_clock
    hasher: PasswordHasher | None = None
    ask_password: Callable[[str], str] | None = None
    """How the command line asks for ``--staff``'s password (None: getpass on the terminal,
    refused without one); in-process tests type it here."""
