"""The dialog for one step on a logged item, wired to the service: what Save calls, and the
new deadline it shows before saving (pause, resume, extension) or the limit it checks
against (holding response)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time

from PySide6.QtWidgets import QWidget

from reception_app.domain.correspondence import CorrespondenceItem, Deadlines
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ValidationError
from reception_app.domain.extensions import reply_limit
from reception_app.domain.people import StaffMember
from reception_app.services.correspondence_service import CorrespondenceService
from reception_app.ui.dialogs.correspondence_action_dialog import (
    EXTEND,
    HOLDING,
    PAUSE,
    REASSIGN,
    RESPOND,
    RESUME,
    CorrespondenceActionDialog,
)
from reception_app.ui.panels.correspondence_context import CorrespondenceContext
from reception_app.ui.text import day_text, due_text

Dialog = CorrespondenceActionDialog


def step_dialog(
    mode: str,
    item: CorrespondenceItem,
    log: CorrespondenceService,
    actor: StaffMember | None,
    context: CorrespondenceContext,
    parent: QWidget | None = None,
) -> Dialog:
    """The dialog for ``mode`` on ``item``; ``exec()`` it and read ``result_value``."""
    open_pause = item.open_pause
    engine = context.engine
    limit = reply_limit(engine, item.deadlines) if engine is not None else None
    return CorrespondenceActionDialog(
        mode,
        f"{item.reference} from {item.from_name}: {item.subject}",
        context.today,
        _saver(mode, item, log, actor),
        channel=item.channel,
        staff=context.staff,
        owner_id=item.owner_id,
        asked_on=open_pause.asked_on if open_pause else None,
        preview=_previewer(mode, item, log, engine, context) if engine is not None else None,
        limit_text=f"Final limit for the reply: {day_text(limit)}." if limit else "",
        parent=parent,
    )


def _saver(
    mode: str, item: CorrespondenceItem, log: CorrespondenceService, actor: StaffMember | None
) -> Callable[[Dialog], object]:
    def save(dialog: Dialog) -> object:
        if mode == HOLDING:
            return log.send_holding_response(
                actor,
                item.id,
                dialog.reason_text,
                dialog.expected_on,
                dialog.contact_id,
                beyond_limit=dialog.beyond_limit_ok,
            )
        if mode == PAUSE:
            return log.pause_clock(
                actor,
                item.id,
                dialog.pause_reason_key,
                dialog.asked_on_date,
                dialog.answered_on_date,
                dialog.note_text,
            )
        if mode == RESUME:
            answered = dialog.answered_on_date
            assert answered is not None
            return log.resume_clock(actor, item.id, answered)
        if mode == EXTEND:
            return log.extend(actor, item.id, dialog.reason_text, dialog.told_on_date)
        if mode == RESPOND:
            return log.respond(actor, item.id, dialog.note_text)
        if mode == REASSIGN:
            owner = dialog.contact_id
            if owner is None:
                raise ValidationError("Choose the new owner.", "owner")
            return log.reassign(actor, item.id, owner)
        return log.close(actor, item.id, dialog.note_text)

    return save


def _previewer(
    mode: str,
    item: CorrespondenceItem,
    log: CorrespondenceService,
    engine: DeadlineEngine,
    context: CorrespondenceContext,
) -> Callable[[Dialog], str] | None:
    """'New deadline: ...' as the fields stand, or why the step cannot be taken."""
    now = context.now or datetime.combine(context.today, time(0), context.zone)

    def respond_text(deadlines: Deadlines) -> str:
        due = deadlines.extended or deadlines.respond
        if due is None:
            return ""
        return f"New deadline for the reply: {due_text(engine, due, now)}"

    def preview(dialog: Dialog) -> str:
        try:
            if mode == EXTEND:
                extended = log.preview_extension(item.id)
                return f"New deadline for the reply: {due_text(engine, extended, now)}"
            if mode == PAUSE:
                return respond_text(
                    log.preview_pause(
                        item.id,
                        dialog.pause_reason_key,
                        dialog.asked_on_date,
                        dialog.answered_on_date,
                    )
                ) + ("" if dialog.answered_on_date else " (if the answer came today)")
            answered = dialog.answered_on_date
            assert answered is not None
            return respond_text(log.preview_resume(item.id, answered))
        except ValidationError as exc:
            return str(exc)

    return preview if mode in (EXTEND, PAUSE, RESUME) else None
