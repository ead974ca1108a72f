"""Texts and e-mails through GOV.UK Notify: the outbox, the background sender, the set-up."""

from reception_app.services.notifications.outbox import (
    cancel_open,
    notify_contact,
    office_channels,
    queue_notification,
)

__all__ = ["cancel_open", "notify_contact", "office_channels", "queue_notification"]
