"""The parts every form dialog has: a growing form, Save and Cancel, and their column.

The column puts the dialog's general error line above the form and the buttons below.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QPushButton, QVBoxLayout

from reception_app.ui.widgets.field_errors import FieldErrors


def growing_form() -> QFormLayout:
    """A form whose fields grow with the dialog."""
    form = QFormLayout()
    form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
    return form


def save_cancel(
    dialog: QDialog, save_text: str, on_save: Callable[[], None]
) -> tuple[QDialogButtonBox, QPushButton]:
    """Save (named ``save_text``, running ``on_save``) and Cancel (rejecting ``dialog``):
    the button box and its Save button."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setText(save_text)
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons, save


def form_column(
    dialog: QDialog, errors: FieldErrors, form: QFormLayout, buttons: QDialogButtonBox
) -> QVBoxLayout:
    """The dialog's layout: the general error line, the form, the buttons."""
    layout = QVBoxLayout(dialog)
    layout.addWidget(errors.general)
    layout.addLayout(form)
    layout.addWidget(buttons)
    return layout
