"""What the Contacts page shows, read in one go (on a worker thread when live: ui/live.py)."""

from __future__ import annotations

from dataclasses import dataclass

from reception_app.domain.errors import ReceptionError
from reception_app.domain.people import Contact
from reception_app.services.container import AppServices

SEARCH_LIMIT = 50


@dataclass(frozen=True)
class ContactsFound:
    text: str
    """What was searched for (the search box then)."""
    found: list[Contact]
    problem: str = ""
    """Why the search could not be made (nothing found then)."""
    held: tuple[int, bool] | None = None
    """The chosen contact's id and whether it is on legal hold (managers; read with the rest)."""


def read_contacts(
    services: AppServices, text: str, chosen: int | None = None, manager: bool = False
) -> ContactsFound:
    """The contacts matching ``text`` and, for a manager, whether the ``chosen`` one (if still
    found) is on legal hold. Touches no widget: safe on a worker thread."""
    try:
        found = services.contacts().search(text, limit=SEARCH_LIMIT)
    except (LookupError, ReceptionError) as exc:
        return ContactsFound(text, [], str(exc))
    held = None
    if manager and chosen is not None and any(c.id == chosen for c in found):
        held = (chosen, services.retention().legal_hold("contact", chosen))
    return ContactsFound(text, found, held=held)
