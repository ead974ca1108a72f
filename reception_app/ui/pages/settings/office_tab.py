"""The Office tab: which office this database works for, and that office's details."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reception_app.domain.errors import ReceptionError
from reception_app.domain.offices import BANK_HOLIDAY_REGIONS, OfficeProfile
from reception_app.ui.desk_state import DeskState
from reception_app.ui.forms import FieldErrors
from reception_app.ui.pages.settings.tab import (
    Confirm,
    Tab,
    chain,
    hint,
    make_button,
)
from reception_app.ui.widgets import Heading, TextBox


class OfficeTab(Tab):
    def __init__(
        self,
        state: DeskState,
        after_save: Callable[[], None],
        office_switched: Callable[[], None],
        confirm: Confirm,
    ) -> None:
        super().__init__(state, after_save)
        self._office_switched = office_switched
        self._confirm = confirm
        office_row = self._build_office_choice()
        self._build_fields()
        self.errors = FieldErrors()
        columns = self._build_columns()
        self.save_button = make_button("&Save office details", self._save)
        self.undo_button = make_button("&Undo changes", self._undo)
        buttons = self.button_row(self.save_button, self.undo_button)
        self._lay_out(office_row, columns, buttons)

        fields: list[QWidget] = [
            self.name,
            self.site,
            self.address,
            self.postcode,
            self.phone,
            self.email,
            self.website,
            self.region,
            self.out_of_hours,
            self.directions,
            self.complaints,
        ]
        self.editing = [self.office, *fields]
        self.change_buttons = [self.save_button, self.undo_button]
        self.watch(*fields)
        chain(self.office, *fields, self.save_button, self.undo_button)

    def _build_office_choice(self) -> QHBoxLayout:
        """Which office every desk on this database works for."""
        self.office = QComboBox()
        self.office.setAccessibleName("Office in use")
        self.office.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.office.activated.connect(self._office_chosen)
        office_label = QLabel("Office &in use at every desk on this database:")
        office_label.setBuddy(self.office)
        office_row = QHBoxLayout()
        office_row.addWidget(office_label)
        office_row.addWidget(self.office)
        office_row.addStretch(1)
        return office_row

    def _build_fields(self) -> None:
        self.name = QLineEdit()
        self.site = QLineEdit()
        self.address = TextBox(5)
        self.postcode = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.website = QLineEdit()
        self.region = QComboBox()
        for code, region in BANK_HOLIDAY_REGIONS.items():
            self.region.addItem(region, code)
        self.out_of_hours = TextBox(4)
        self.directions = TextBox(4)
        self.complaints = TextBox(6)

    def _build_columns(self) -> QHBoxLayout:
        """The office's contact details on the left; what visitors are told on the right."""
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(left, "&Name:", "name", self.name)
        self.errors.add_row(left, "&Building:", "site", self.site)
        self.errors.add_row(left, "&Address\n(a line each):", "address", self.address)
        self.errors.add_row(left, "&Postcode:", "postcode", self.postcode)
        self.errors.add_row(left, "&Telephone:", "phone", self.phone)
        self.errors.add_row(left, "&Email:", "email", self.email)
        self.errors.add_row(left, "&Website:", "website", self.website)
        self.errors.add_row(left, "Bank holi&days of:", "bank_holiday_region", self.region)
        right = QFormLayout()
        right.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.errors.add_row(
            right, "&Out-of-hours emergency contact:", "out_of_hours", self.out_of_hours
        )
        self.errors.add_row(right, "Di&rections for visitors:", "directions", self.directions)
        self.errors.add_row(
            right, "&Complaints procedure:", "complaints_procedure", self.complaints
        )
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addSpacing(self.fontMetrics().averageCharWidth() * 3)
        columns.addLayout(right, 1)
        return columns

    def _lay_out(self, office_row: QHBoxLayout, columns: QHBoxLayout, buttons: QHBoxLayout) -> None:
        """Everything in a scroll area, so large text on a small screen still reaches Save."""
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(office_row)
        layout.addWidget(
            hint(
                "Every desk, kiosk and display using this database works for the office chosen "
                "here. Below are its details as visitors and letters see them."
            )
        )
        layout.addWidget(Heading("Office details"))
        layout.addWidget(self.errors.general)
        layout.addLayout(columns)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName("Office details")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def refresh(self, profile: OfficeProfile | None = None) -> None:
        office = self.state.services.office
        names = office.office_names()
        key = office.active_office_key()
        self.office.blockSignals(True)
        self.office.clear()
        for office_key, name in names.items():
            self.office.addItem(name, office_key)
        self.office.setCurrentIndex(self.office.findData(key))
        # Style sheets make AdjustToContents unreliable: size the box for the longest name.
        self.office.setMinimumContentsLength(max((len(n) for n in names.values()), default=20))
        self.office.blockSignals(False)
        if self.dirty:
            return
        profile = profile or office.profile()
        self._loading = True
        try:
            self.name.setText(profile.name)
            self.site.setText(profile.site)
            self.address.setPlainText("\n".join(profile.address))
            self.postcode.setText(profile.postcode)
            self.phone.setText(profile.phone)
            self.email.setText(profile.email)
            self.website.setText(profile.website)
            self.region.setCurrentIndex(self.region.findData(profile.bank_holiday_region))
            self.out_of_hours.setPlainText(profile.out_of_hours)
            self.directions.setPlainText(profile.directions)
            self.complaints.setPlainText(profile.complaints_procedure)
        finally:
            self._loading = False

    def details(self, profile: OfficeProfile) -> OfficeProfile:
        """``profile`` (read just now) with the office-level fields of the form."""
        return replace(
            profile,
            name=self.name.text(),
            site=self.site.text(),
            address=tuple(
                line.strip() for line in self.address.toPlainText().splitlines() if line.strip()
            ),
            postcode=self.postcode.text(),
            phone=self.phone.text(),
            email=self.email.text(),
            website=self.website.text().strip(),
            bank_holiday_region=str(self.region.currentData()),
            out_of_hours=self.out_of_hours.toPlainText(),
            directions=self.directions.toPlainText().strip(),
            complaints_procedure=self.complaints.toPlainText().strip(),
        )

    def _save(self) -> None:
        office = self.state.services.office
        # Re-read first: update_details also writes hours and standards, which another desk (or
        # the Opening hours tab) may have changed since this form was filled.
        self.save(
            self.errors,
            self.status,
            lambda: office.update_details(self.details(office.profile()), self.state.actor),
            "Office details saved",
        )

    def _undo(self) -> None:
        self.errors.clear()
        self.status.clear()
        self.dirty = False
        self.refresh()

    def _office_chosen(self, index: int) -> None:
        office = self.state.services.office
        key = self.office.itemData(index)
        current = office.active_office_key()
        if key == current:
            return
        name = self.office.itemText(index)
        question = (
            f"Switch every desk on this database to {name}?\n\nThe opening hours, desks, "
            "services and staff shown everywhere will be that office's."
        )
        if not self._confirm(self, "Change the office in use", question):
            self.office.setCurrentIndex(self.office.findData(current))
            return
        self.errors.clear()
        try:
            office.set_active_office(str(key), self.state.actor)
        except ReceptionError as exc:
            self.errors.show(str(exc))
            self.office.setCurrentIndex(self.office.findData(current))
            return
        self.status.setText(f"{name} is now the office in use.")
        self._office_switched()
