"""The Staff tab: the office's staff and their accounts, edited in the staff dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout

from reception_app.domain.offices import OfficeProfile
from reception_app.domain.people import StaffMember
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.staff_dialog import StaffDialog
from reception_app.ui.pages.settings.tab import (
    Tab,
    chain,
    fill,
    hint,
    make_button,
    make_table,
    selected,
    yes_no,
)


class StaffTab(Tab):
    def __init__(self, state: DeskState, after_save: Callable[[], None]) -> None:
        super().__init__(state, after_save)
        self.table = make_table(
            [
                "Name",
                "User name",
                "Role",
                "Team",
                "Team lead",
                "Phone",
                "Email",
                "Active",
                "Can sign in",
            ],
            "Staff",
            6,
        )
        self.table.activated.connect(lambda _index: self.edit())
        self.note = hint(
            "Only a manager can add staff or change their accounts; this list is read-only."
        )
        self.add_button = make_button("&Add a staff member...", self.add)
        self.edit_button = make_button("&Edit the chosen person...", self.edit)
        buttons = self.button_row(self.add_button, self.edit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.change_buttons = [self.add_button, self.edit_button]
        chain(self.table, self.add_button, self.edit_button)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.note.setVisible(not editable)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        key = office.active_office_key()
        staff = self.state.services.staff.list_staff(key) if key else []
        fill(
            self.table,
            [
                (
                    member,
                    [
                        member.full_name,
                        member.username,
                        member.role.label,
                        member.team,
                        yes_no(member.is_team_lead),
                        member.phone,
                        member.email,
                        yes_no(member.active),
                        yes_no(member.can_sign_in),
                    ],
                )
                for member in staff
            ],
        )

    def add(self) -> None:
        self._open(None)

    def edit(self) -> None:
        member = selected(self.table)
        if member is None:
            self.status.setText("Choose a person in the list first.")
            return
        self._open(member)

    def _open(self, member: StaffMember | None) -> None:
        if not self.state.is_manager:
            return
        self.status.clear()
        services = self.state.services
        key = services.office.active_office_key() or ""

        def save(value: StaffMember, password: str | None) -> StaffMember:
            return services.staff.save_staff(self.state.actor, key, value, password)

        dialog = StaffDialog(save, member, self)
        if dialog.exec() and dialog.member is not None:
            self.status.setText(
                f"{dialog.member.full_name} saved at {self.state.now().astimezone():%H:%M}."
            )
            self._after_save()
        dialog.deleteLater()
