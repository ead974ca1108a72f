"""The office's contacts as the dialogs need them: search, and save a new one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from reception_app.domain.people import Contact

if TYPE_CHECKING:
    from reception_app.ui.desk_state import DeskState


@dataclass(frozen=True)
class ContactLookup:
    """The office's contacts as the dialogs need them: ``search(text, limit)`` by name, phone
    or postcode, and ``save(contact)`` for "New contact..." (ContactService bound to the actor)."""

    search: Callable[[str, int], list[Contact]]
    save: Callable[[Contact], Contact]

    @classmethod
    def from_state(cls, state: DeskState) -> ContactLookup:
        return cls(
            search=lambda text, limit: state.services.contacts().search(text, limit=limit),
            save=lambda contact: state.services.contacts().save(contact, state.actor),
        )

    @classmethod
    def near(cls, widget: QWidget | None) -> ContactLookup | None:
        """Through the DeskState of ``widget`` or a parent (the pages and panels keep theirs as
        ``state``); None when there is none, and the dialog then has no contact finder."""
        from reception_app.ui.desk_state import DeskState

        while widget is not None:
            state = getattr(widget, "state", None)
            if isinstance(state, DeskState):
                return cls.from_state(state)
            widget = widget.parentWidget()
        return None
