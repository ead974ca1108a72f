"""Staff members and customers (contacts) as plain immutable values."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reception_app.domain.notifications.kinds import Channel


class Role(StrEnum):
    RECEPTIONIST = "receptionist"
    CLERK = "clerk"
    MANAGER = "manager"
    OFFICER = "officer"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class PreferredFormat(StrEnum):
    STANDARD = "standard"
    LARGE_PRINT = "large_print"
    BRAILLE = "braille"
    EMAIL = "email"

    @property
    def label(self) -> str:
        return {
            "standard": "Standard print",
            "large_print": "Large print",
            "braille": "Braille",
            "email": "Email",
        }[self.value]


LARGE_PRINT_SIZES = (16, 18, 20, 24)


@dataclass(frozen=True, slots=True)
class StaffMember:
    id: int
    username: str
    full_name: str
    role: Role
    team: str = ""
    is_team_lead: bool = False
    phone: str = ""
    email: str = ""
    active: bool = True
    can_sign_in: bool = False

    @property
    def is_manager(self) -> bool:
        return self.role is Role.MANAGER

    @property
    def is_command_line(self) -> bool:
        """The command line acting without ``--staff`` (see COMMAND_LINE)."""
        return self.username == COMMAND_LINE_USERNAME and self.id == 0


COMMAND_LINE_USERNAME = "(command line)"
"""Not a valid user name (check_username refuses brackets), so no account can be it."""


COMMAND_LINE = StaffMember(0, COMMAND_LINE_USERNAME, "the command line", Role.MANAGER)
"""Who `reception-app COMMAND` acts as without ``--staff``: whoever can run it can already read
and replace the database file, so it may do what a manager may; the log names it."""


def suggest_username(full_name: str) -> str:
    """'Sam O'Neill' -> 'soneill': first initial and surname, letters and digits only."""
    parts = full_name.lower().split()
    suggestion = (parts[0][0] + parts[-1]) if len(parts) > 1 else (parts[0] if parts else "")
    return "".join(c for c in suggestion if c.isascii() and c.isalnum())


def team_lead_text(member: StaffMember, staff: Sequence[StaffMember]) -> str:
    """Who to pass a message to when ``member`` is away: their team's lead(s), in words."""
    if not member.team.strip():
        return "—"
    if member.is_team_lead:
        return "Leads this team"
    leads = [s.full_name for s in staff if s.is_team_lead and s.team == member.team]
    return ", ".join(leads) if leads else "None named"


@dataclass(frozen=True, slots=True)
class ContactNeeds:
    """Specific requirements to identify and meet (Hellesdon 5.2)."""

    preferred_format: PreferredFormat = PreferredFormat.STANDARD
    large_print_size: int | None = None
    braille: bool = False
    hearing_loop: bool = False
    interpreter_language: str = ""
    bsl: bool = False
    wheelchair_access: bool = False
    private_room: bool = False

    def labels(self) -> list[str]:
        """Short words for the needs that are set, e.g. ['Large print 18 pt', 'Hearing loop']."""
        out = []
        if self.preferred_format is PreferredFormat.LARGE_PRINT or self.large_print_size:
            out.append(f"Large print {self.large_print_size or 18} pt")
        if self.braille or self.preferred_format is PreferredFormat.BRAILLE:
            out.append("Braille")
        if self.hearing_loop:
            out.append("Hearing loop")
        if self.interpreter_language:
            out.append(f"Interpreter ({self.interpreter_language})")
        if self.bsl:
            out.append("BSL interpreter")
        if self.wheelchair_access:
            out.append("Wheelchair access")
        if self.private_room:
            out.append("Private room")
        return out


@dataclass(frozen=True, slots=True)
class Contact:
    id: int | None
    full_name: str
    phone: str = ""
    email: str = ""
    address: tuple[str, ...] = ()
    postcode: str = ""
    needs: ContactNeeds = ContactNeeds()
    notes: str = ""
    notify_by: Channel = Channel.NONE
    """Their consent to be kept informed, and how: text, e-mail, or neither."""
