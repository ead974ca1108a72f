"""What the desk reads after an action that queued a text or e-mail to the person."""

from __future__ import annotations

from datetime import timedelta

from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import OutboxStatus
from reception_app.services.container import AppServices

_DROPPED = (OutboxStatus.CANCELLED, OutboxStatus.FAILED)


def on_its_way(services: AppServices, subject_kind: str, subject_id: int) -> str:
    """' An e-mail is on its way to them.' when the action just queued one, else ''."""
    try:
        about = services.notifications().about(subject_kind, subject_id)
    except ReceptionError:
        return ""
    # The sender may have sent it already: any queued in the last minute and not dropped.
    just = services.context.clock() - timedelta(minutes=1)
    waiting = [n for n in about if n.created_at >= just and n.status not in _DROPPED]
    if not waiting:
        return ""
    return f" {waiting[-1].channel.a_message.capitalize()} is on its way to them."
