"""Which office a command works on (``--office``, else the running office)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reception_app.domain.errors import ReceptionError

if TYPE_CHECKING:
    from reception_app.services.container import AppServices


def chosen_office(services: AppServices, given: str | None) -> str:
    """The office a command works on: ``--office`` if given (it must exist), else the running
    office; each refusal says what is actually wrong."""
    keys = services.office.office_keys()
    choices = " or ".join(keys)
    if given is not None:
        if given not in keys:
            raise ReceptionError(f"There is no office '{given}': use --office {choices}.")
        return given
    office = services.office.active_office_key()
    if office is None:
        raise ReceptionError(
            f"No office has been chosen yet: start the app once, or pass --office ({choices})."
        )
    return office
