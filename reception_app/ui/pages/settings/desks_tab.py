"""The Desks tab: the desks of this office and what each handles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reception_app.domain.offices import OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.setting_dialogs import DeskDialog
from reception_app.ui.pages.settings.list_tab import ListTab
from reception_app.ui.pages.settings.tab import yes_no


class DesksTab(ListTab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        office = state.services.office
        super().__init__(
            state,
            after_save,
            intro="The desks of this office and what each handles. A desk that is not in use "
            "stays in past records; untick Active instead of removing it.",
            headers=["Desk", "Handles", "Active"],
            noun="desk",
            rows=_desk_rows,
            dialog=lambda profile, desk, parent: DeskDialog(
                lambda d: office.save_desk(d, state.actor),
                profile.services,
                [d.key for d in profile.desks],
                desk,
                parent,
            ),
            stretch=1,
        )


def _desk_rows(profile: OfficeProfile) -> list[tuple[Any, Sequence[str]]]:
    names = {s.key: s.name for s in profile.services}
    return [
        (
            desk,
            [
                desk.name,
                "Every service"
                if desk.services is None
                else ", ".join(names.get(k, k) for k in desk.services),
                yes_no(desk.active),
            ],
        )
        for desk in profile.desks
    ]
