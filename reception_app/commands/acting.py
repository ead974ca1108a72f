"""Who a command acts as: "the command line", or with ``--staff USER`` that person, once they
have typed their password on the terminal (the same sign-in as the desk: logged, locked out
after repeated failures)."""

from __future__ import annotations

import getpass
import sys
from typing import TYPE_CHECKING

from reception_app.domain.errors import PermissionDenied
from reception_app.domain.people import COMMAND_LINE, StaffMember
from reception_app.seams import Seams

if TYPE_CHECKING:
    from reception_app.services.container import AppServices


def terminal_password(prompt: str) -> str:
    """The password typed on this terminal (not echoed); refused when there is no terminal."""
    if sys.stdin is None or not sys.stdin.isatty():
        raise PermissionDenied(
            "--staff needs that person's password typed on a terminal, and there is none here, "
            "so nothing was done; leave out --staff to act as the command line."
        )
    try:
        return getpass.getpass(prompt)
    except (EOFError, KeyboardInterrupt):
        raise PermissionDenied("No password was typed, so nothing was done.") from None


def command_actor(services: AppServices, username: str | None, seams: Seams) -> StaffMember:
    """COMMAND_LINE without ``username``; else that person after their password is checked."""
    if not username:
        return COMMAND_LINE
    ask = seams.ask_password or terminal_password
    password = ask(f"Password for {username.strip()}: ")
    return services.staff.sign_in(username, password)
