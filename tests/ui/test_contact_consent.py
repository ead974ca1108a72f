"""The contact dialog: consent to be kept informed, and how, offered only once Notify is set up."""

from __future__ import annotations

from reception_app.domain.notifications import WHERE_TO_SET_UP, Channel
from reception_app.domain.people import Contact
from reception_app.ui.desk_state import DeskState
from reception_app.ui.dialogs.contact_dialog import ContactDialog


def test_without_notify_the_dialog_says_where_to_set_it_up(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    dialog = ContactDialog(lambda c: c, None)
    qtbot.addWidget(dialog)
    assert WHERE_TO_SET_UP in [
        label.text() for label in dialog.findChildren(type(dialog.errors.general))
    ]
    assert dialog.notify_by.parent() is None or not dialog.notify_by.isVisible()
    dialog.resize(1000, 600)
    dialog.grab().save("/tmp/contact_no_notify.png")


def test_a_landline_cannot_take_texts_and_the_reason_is_beside_the_phone(
    qtbot, state: DeskState
) -> None:  # type: ignore[no-untyped-def]
    contacts = state.services.contacts()
    dialog = ContactDialog(
        lambda c: contacts.save(c, state.actor),
        None,
        notify_channels=frozenset({Channel.SMS, Channel.EMAIL}),
    )
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.full_name.setText("Ann Lee")
    dialog.phone.setText("01603 301751")
    dialog.notify_by.setCurrentIndex(dialog.notify_by.findData(Channel.SMS.value))
    dialog.submit()
    assert dialog.result() == 0
    assert "must be their mobile" in dialog.errors.message_for("phone")
    dialog.phone.setText("07911 123456")
    dialog.submit()
    assert dialog.contact is not None and dialog.contact.notify_by is Channel.SMS
    reopened = ContactDialog(
        lambda c: c, dialog.contact, notify_channels=frozenset({Channel.SMS, Channel.EMAIL})
    )
    qtbot.addWidget(reopened)
    assert reopened.value().notify_by is Channel.SMS
    reopened.resize(1000, 600)
    reopened.grab().save("/tmp/contact_notify.png")


def test_a_choice_made_before_notify_was_switched_off_is_kept(qtbot, state: DeskState) -> None:  # type: ignore[no-untyped-def]
    dialog = ContactDialog(
        lambda c: c, Contact(3, "Ann Lee", email="a@example.org", notify_by=Channel.EMAIL)
    )
    qtbot.addWidget(dialog)
    assert dialog.value().notify_by is Channel.EMAIL
