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
