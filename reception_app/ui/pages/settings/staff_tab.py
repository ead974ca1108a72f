"""The Staff tab: the office's staff and their accounts, edited in the staff dialog."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout

from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import OfficeProfile
from reception_app.domain.people import StaffMember
from reception_app.services.sign_in import LockedName
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
                "Sign-in",
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
        self.unlock_button = make_button("&Unlock the chosen person's sign-in", self.unlock)
        self.strangers = hint("")
        buttons = self.button_row(self.add_button, self.edit_button, self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.strangers)
        layout.addLayout(buttons)
        self.change_buttons = [self.add_button, self.edit_button, self.unlock_button]
        chain(self.table, self.add_button, self.edit_button, self.unlock_button)

    def set_editable(self, editable: bool) -> None:
        super().set_editable(editable)
        self.note.setVisible(not editable)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        key = office.active_office_key()
        staff = self.state.services.staff.list_staff(key) if key else []
        locks = self._locks()
        known = {member.username for member in staff}
        waiting = [lock.username for lock in locks.values() if lock.username not in known]
        self.strangers.setText(
            "User names nobody has, with wrong passwords against them: " + ", ".join(waiting)
            if waiting
            else ""
        )
        self.strangers.setVisible(bool(waiting))
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
                        self._lock_words(locks.get(member.username)),
                    ],
                )
                for member in staff
            ],
        )

    def _locks(self) -> dict[str, LockedName]:
        if not self.state.is_manager:
            return {}
        return {
            lock.username: lock for lock in self.state.services.staff.locked_names(self.state.actor)
        }

    def _lock_words(self, lock: LockedName | None) -> str:
        if lock is None:
            return ""
        now = self.state.now()
        if lock.locked_until is not None and now < lock.locked_until:
            return f"Waiting until {lock.locked_until.astimezone():%H:%M}"
        return f"{lock.failures} wrong password{'s' if lock.failures != 1 else ''}"

    def unlock(self) -> None:
        member = selected(self.table)
        if member is None:
            self.status.setText("Choose a person in the list first.")
            return
        if not self.state.is_manager:
            return
        try:
            self.state.services.staff.unlock_sign_in(self.state.actor, member.username)
        except ReceptionError as exc:
            self.status.setText(str(exc))
            return
        self.status.setText(f"{member.full_name} can sign in again at once.")
        self.refresh()

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
