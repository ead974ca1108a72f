"""Errors raised by domain rules and use-cases, with messages fit to show a person."""

from __future__ import annotations


class ReceptionError(Exception):
    """Base class: the message is plain English and safe to show at the desk."""


class ValidationError(ReceptionError):
    """Input that breaks a rule; ``field`` names the input it belongs to, if any."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ProfileError(ReceptionError):
    """An office profile file or record is incomplete or malformed."""


class NotFoundError(ReceptionError):
    """A record that was asked for does not exist (any more)."""


class PermissionDenied(ReceptionError):
    """The signed-in person's role does not allow this action."""


class Cancelled(ReceptionError):
    """Long work stopped because the person pressed Cancel; nothing was saved."""


def write_problem(exc: OSError) -> str:
    """Why a file could not be written and what to do, in one sentence: the advice follows the
    actual cause (a full disk is the only one where freeing space helps)."""
    import errno

    reason = exc.strerror or str(exc)
    code = exc.errno
    if code in (errno.ENOSPC, errno.EDQUOT):
        advice = "Free some disk space or choose another drive."
    elif code in (errno.EACCES, errno.EPERM):
        advice = "Reception may not write there: choose another folder, such as Documents."
    elif code == errno.EROFS:
        advice = "That place is read-only: choose another folder, such as Documents."
    elif code in (errno.ENOENT, errno.ENOTDIR):
        advice = "Files cannot be saved in that place: choose another folder, such as Documents."
    else:
        advice = "Choose another folder, such as Documents."
    return f"{reason}. {advice}"
