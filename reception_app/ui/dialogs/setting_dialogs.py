"""Add/edit dialogs for an office's services, desks and interview rooms (Settings page)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ValidationError
from reception_app.domain.offices import (
    WEEKDAYS,
    DeskProfile,
    Interval,
    RoomProfile,
    ServiceProfile,
)
from reception_app.ui.application_events import fit_when_shown
from reception_app.ui.pages.settings.hours_tab import hours_text, parse_day_hours
from reception_app.ui.pages.settings.tab import DAY_LABELS
from reception_app.ui.widgets.field_errors import FieldErrors

T = TypeVar("T")


def new_key(name: str, taken: Collection[str]) -> str:
    """A short key made from ``name`` that is not in ``taken``: 'Council Tax' -> 'council_tax'.

    Keys are how desks refer to services; people never type them, so they are derived."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")[:36] or "item"
    key, n = base, 2
    lowered = {k.lower() for k in taken}
    while key in lowered:
        key, n = f"{base}_{n}", n + 1
    return key


class _SaveDialog(QDialog, Generic[T]):
    """A form whose Save hands ``value()`` to ``save``; a rule broken keeps the dialog open."""

    _value: Callable[[], T]

    def __init__(self, title: str, save: Callable[[T], None], parent: QWidget | None) -> None:
        super().__init__(parent)
        fit_when_shown(self)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self._save = save
        self.saved: T | None = None
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors = FieldErrors()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(self.errors.general)
        self._layout.addLayout(self.form)

    def _finish_layout(self, value: Callable[[], T], *extra: QWidget) -> None:
        """Add ``extra`` below the form, then the buttons; ``value`` builds what Save saves."""
        self._value = value
        for widget in extra:
            self._layout.addWidget(widget)
        self._layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().height() * 34)  # grows with the text size

    def submit(self) -> None:
        def run() -> None:
            item = self._value()
            self._save(item)
            self.saved = item

        if self.errors.attempt(run):
            self.accept()


class ServiceDialog(_SaveDialog[ServiceProfile]):
    """A service (enquiry type): name, ticket letter, usual length, room, team, active."""

    def __init__(
        self,
        save: Callable[[ServiceProfile], None],
        existing: Sequence[ServiceProfile],
        service: ServiceProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit service" if service else "Add a service", save, parent)
        self._original = service
        self._others = [s for s in existing if service is None or s.key != service.key]
        self._keys = [s.key for s in existing]
        self.name = QLineEdit(service.name if service else "")
        self.prefix = QLineEdit(service.ticket_prefix if service else "")
        self.prefix.setMaxLength(3)
        self.prefix.setPlaceholderText("e.g. C")
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 480)
        self.minutes.setSuffix(" minutes")
        self.minutes.setValue(service.default_minutes if service else 10)
        self.needs_room = QCheckBox("Usually needs a &private interview room")
        self.needs_room.setChecked(service.needs_room if service else False)
        self.team = QLineEdit(service.team if service else "")
        self.active = QCheckBox("&Active (visitors can choose it)")
        self.active.setChecked(service.active if service else True)

        self.errors.add_row(self.form, "&Name:", "name", self.name)
        self.errors.add_row(self.form, "&Ticket letter:", "ticket_prefix", self.prefix)
        self.errors.add_row(self.form, "&Usual length:", "default_minutes", self.minutes)
        self.errors.add_row(self.form, "T&eam:", "team", self.team)
        self.form.addRow(self.needs_room)
        self.form.addRow(self.active)
        self._finish_layout(self.value)
        self.name.setFocus()

    def value(self) -> ServiceProfile:
        prefix = self.prefix.text().strip().upper()
        clash = next((s for s in self._others if s.ticket_prefix.upper() == prefix), None)
        if prefix and clash is not None:
            raise ValidationError(
                f"Tickets starting {prefix} are already used by {clash.name}; choose another "
                "letter so visitors' tickets are not confused.",
                "ticket_prefix",
            )
        key = self._original.key if self._original else new_key(self.name.text(), self._keys)
        return ServiceProfile(
            key=key,
            name=self.name.text(),
            ticket_prefix=prefix,
            default_minutes=self.minutes.value(),
            needs_room=self.needs_room.isChecked(),
            team=self.team.text(),
            active=self.active.isChecked(),
        )


class DeskDialog(_SaveDialog[DeskProfile]):
    """A desk: its name, whether it is in use, and which services it handles."""

    def __init__(
        self,
        save: Callable[[DeskProfile], None],
        services: Sequence[ServiceProfile],
        existing_keys: Collection[str],
        desk: DeskProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Edit desk" if desk else "Add a desk", save, parent)
        self._original = desk
        self._keys = list(existing_keys)
        self.name = QLineEdit(desk.name if desk else "")
        self.active = QCheckBox("&Active (staffed and shown on the Today page)")
        self.active.setChecked(desk.active if desk else True)
        self.every = QCheckBox("Handles &every service")
        self.every.setChecked(desk is None or desk.services is None)

        self.errors.add_row(self.form, "&Name:", "name", self.name)
        self.form.addRow(self.active)

        box = QGroupBox("Services this desk handles")
        column = QVBoxLayout(box)
        column.addWidget(self.every)
        self.service_boxes: dict[str, QCheckBox] = {}
        chosen = set(desk.services or ()) if desk else set()
        for service in services:
            label = service.name if service.active else f"{service.name} (not in use)"
            check = QCheckBox(label.replace("&", "&&"))
            check.setChecked(service.key in chosen)
            column.addWidget(check)
            self.service_boxes[service.key] = check
        self.services_error = QLabel()
        self.services_error.setProperty("role", "error")
        self.services_error.setWordWrap(True)
        self.services_error.hide()
        column.addWidget(self.services_error)
        self.every.toggled.connect(self._every_toggled)
        self._every_toggled(self.every.isChecked())
        self._finish_layout(self.value, box)
        self.name.setFocus()

    def _every_toggled(self, every: bool) -> None:
        for check in self.service_boxes.values():
            check.setEnabled(not every)

    def value(self) -> DeskProfile:
        services: tuple[str, ...] | None = None
        if not self.every.isChecked():
            services = tuple(k for k, check in self.service_boxes.items() if check.isChecked())
            if not services:
                raise ValidationError(
                    "Tick the services this desk handles, or tick 'Handles every service'.",
                    "services",
                )
        key = self._original.key if self._original else new_key(self.name.text(), self._keys)
        return DeskProfile(
            key=key, name=self.name.text(), services=services, active=self.active.isChecked()
        )

    def submit(self) -> None:
        self.services_error.hide()
        try:
            self.value()
        except ValidationError as exc:
            if exc.field == "services":
                self.errors.clear()
                self.services_error.setText(str(exc))
                self.services_error.show()
                self.every.setFocus()
                return
        super().submit()


class RoomDialog(_SaveDialog[RoomProfile]):
    """A private interview room: name, where it is, size, facilities, the gap between bookings
    and, when they differ from the office's, the times it can be booked."""

    def __init__(
        self,
        save: Callable[[RoomProfile], None],
        existing_keys: Collection[str],
        room: RoomProfile | None = None,
        parent: QWidget | None = None,
        office_hours: Mapping[int, tuple[Interval, ...]] | None = None,
    ) -> None:
        super().__init__("Edit interview room" if room else "Add an interview room", save, parent)
        self._original = room
        self._keys = list(existing_keys)
        self._office_hours = office_hours or {}
        self.name = QLineEdit(room.name if room else "")
        self.location = QLineEdit(room.location if room else "")
        self.location.setPlaceholderText("e.g. Ground floor, first door on the left")
        self.capacity = QSpinBox()
        self.capacity.setRange(1, 500)
        self.capacity.setSuffix(" people")
        self.capacity.setValue(room.capacity if room else 2)
        self.buffer = QSpinBox()
        self.buffer.setRange(0, 120)
        self.buffer.setSuffix(" minutes")
        self.buffer.setValue(room.buffer_minutes if room else 10)
        self.hearing_loop = QCheckBox("&Hearing loop")
        self.hearing_loop.setChecked(room.hearing_loop if room else False)
        self.wheelchair = QCheckBox("&Wheelchair access")
        self.wheelchair.setChecked(room.wheelchair_access if room else False)
        self.has_screen = QCheckBox("&Screen for presentations")
        self.has_screen.setChecked(room.screen if room else False)
        self.active = QCheckBox("&Active (can be booked)")
        self.active.setChecked(room.active if room else True)

        self.errors.add_row(self.form, "&Name:", "name", self.name)
        self.errors.add_row(self.form, "&Location:", "location", self.location)
        self.errors.add_row(self.form, "&Capacity:", "capacity", self.capacity)
        self.errors.add_row(self.form, "&Gap between bookings:", "buffer_minutes", self.buffer)
        checks = QGridLayout()  # two by two: at large text seven day rows follow
        for index, check in enumerate(
            (self.hearing_loop, self.wheelchair, self.has_screen, self.active)
        ):
            checks.addWidget(check, index // 2, index % 2)
        self.form.addRow(checks)
        hours_box = self._hours_box(room.hours if room else None)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("Sa&ve")
        self._finish_layout(self.value, hours_box)
        self.name.setFocus()

    def _hours_box(self, hours: Mapping[int, tuple[Interval, ...]] | None) -> QGroupBox:
        """'Same as the office' (the default) or the room's own times, one line per weekday
        typed like the opening hours; the office's hours are the starting point and tooltip."""
        box = QGroupBox("When it can be booked")
        column = QVBoxLayout(box)
        self.same_hours = QRadioButton("Same as the &office (whenever it is open)")
        self.own_hours = QRadioButton("Only at these &times:")
        group = QButtonGroup(box)  # one or the other, though they sit in different rows
        group.addButton(self.same_hours)
        group.addButton(self.own_hours)
        self.same_hours.setChecked(hours is None)
        self.own_hours.setChecked(hours is not None)
        choice = QFormLayout()
        choice.addRow(self.same_hours)
        self.errors.add_row(choice, "", "hours", self.own_hours)
        self.own_hours.setAccessibleName("Only at these times")
        column.addLayout(choice)
        days = QFormLayout()
        days.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.day_hours: list[QLineEdit] = []
        for weekday, label in enumerate(DAY_LABELS):
            office = self._office_hours.get(weekday, ())
            shown = hours if hours is not None else self._office_hours
            edit = QLineEdit(hours_text(shown.get(weekday, ())))
            edit.setPlaceholderText("Not bookable")
            edit.setToolTip(
                f"The office is open {hours_text(office) if office else 'closed'} on "
                f"{WEEKDAYS[weekday].capitalize()}s; the room can only be booked inside that."
            )
            # Alt+letter of a day would clash with the form's own keys: the labels are plain.
            self.errors.add_row(days, f"{label.replace('&', '')}:", WEEKDAYS[weekday], edit)
            self.day_hours.append(edit)
        column.addLayout(days)
        note = QLabel(
            "Type the times like 09:30-12:30, 13:30-16:00. A day left empty: the room cannot "
            "be booked that day. Bank holidays and closure days are closed whatever is typed."
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        column.addWidget(note)
        self.own_hours.toggled.connect(self._own_hours_toggled)
        self._own_hours_toggled(self.own_hours.isChecked())
        return box

    def _own_hours_toggled(self, own: bool) -> None:
        for edit in self.day_hours:
            edit.setEnabled(own)

    def room_hours(self) -> dict[int, tuple[Interval, ...]] | None:
        """The typed times (ValidationError next to the bad day), or None for the office's."""
        if not self.own_hours.isChecked():
            return None
        hours = {}
        for weekday, edit in enumerate(self.day_hours):
            try:
                hours[weekday] = parse_day_hours(edit.text(), weekday)
            except ValidationError as exc:
                message = (
                    str(exc)
                    .replace("when the office is closed", "when it cannot be booked")
                    .replace("the opening times overlap", "the times overlap")
                )
                raise ValidationError(message, exc.field) from None
        return hours

    def value(self) -> RoomProfile:
        key = self._original.key if self._original else new_key(self.name.text(), self._keys)
        return RoomProfile(
            key=key,
            name=self.name.text(),
            capacity=self.capacity.value(),
            hearing_loop=self.hearing_loop.isChecked(),
            wheelchair_access=self.wheelchair.isChecked(),
            screen=self.has_screen.isChecked(),
            buffer_minutes=self.buffer.value(),
            location=self.location.text(),
            active=self.active.isChecked(),
            hours=self.room_hours(),
        )
