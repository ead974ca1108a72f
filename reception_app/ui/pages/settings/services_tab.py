"""The Services tab: what visitors come about, with its ticket letter and usual length."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reception_app.domain.offices import OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.setting_dialogs import ServiceDialog
from reception_app.ui.pages.settings.list_tab import ListTab
from reception_app.ui.pages.settings.tab import yes_no


class ServicesTab(ListTab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        office = state.services.office
        super().__init__(
            state,
            after_save,
            intro="What visitors come about. The ticket letter starts their queue ticket "
            "(C14); the usual length helps estimate waits.",
            headers=["Service", "Ticket", "Usual length", "Needs a room", "Team", "Active"],
            noun="service",
            rows=_service_rows,
            dialog=lambda profile, service, parent: ServiceDialog(
                lambda s: office.save_service(s, state.actor), profile.services, service, parent
            ),
            stretch=0,
        )


def _service_rows(profile: OfficeProfile) -> list[tuple[Any, Sequence[str]]]:
    return [
        (
            service,
            [
                service.name,
                service.ticket_prefix,
                f"{service.default_minutes} min",
                yes_no(service.needs_room),
                service.team,
                yes_no(service.active),
            ],
        )
        for service in profile.services
    ]
