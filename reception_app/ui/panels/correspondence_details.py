"""The chosen correspondence item as plain text, for the Log tab's detail box."""

from __future__ import annotations

from datetime import datetime, tzinfo

from reception_app.domain.correspondence import STEP_LABELS, CorrespondenceItem
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.ui.dialogs.correspondence_dialog import deadline_lines
from reception_app.ui.models.correspondence_table_model import local_text
from reception_app.ui.text import day_text, due_text


def item_details(
    item: CorrespondenceItem, engine: DeadlineEngine, now: datetime, zone: tzinfo
) -> str:
    """Everything about one item as plain text, exactly as typed (``now``: the moment, so an
    hours clock is overdue from its moment here as in the list)."""
    lines = [f"{item.reference}  ·  {item.channel_name}  ·  {item.status.label}"]
    lines.append(f"Received: {local_text(item.received_at, zone)}")
    contact = ", ".join(p for p in (item.from_phone, item.from_email) if p)
    lines.append(f"From: {item.from_name}" + (f" ({contact})" if contact else ""))
    owner_contact = ", ".join(p for p in (item.owner_phone, item.owner_email) if p)
    lines.append(
        f"Owner (named contact): {item.owner_name}"
        + (f" ({owner_contact})" if owner_contact else "")
    )
    lines.append(f"Subject: {item.subject}")
    lines += ["", deadline_lines(engine, item.deadlines, now)]
    if item.open_pause is not None:
        lines.append(
            "(The clock is paused: these dates count as if the answer came today and move on "
            "each day it stays paused.)"
        )
    if item.next_step:
        lines.append(
            f"Next: {STEP_LABELS[item.next_step].lower()} by {due_text(engine, item.next_due, now)}"
            if item.next_due is not None
            else f"Next: {STEP_LABELS[item.next_step].lower()}"
        )
    return "\n".join(lines + history_lines(item, zone))


def history_lines(item: CorrespondenceItem, zone: tzinfo) -> list[str]:
    """What has happened to the item so far: extension, pauses, holding responses, answers."""
    lines = []
    if item.extension_reason:
        told = (
            f" (the person was told {day_text(item.extension_told_on)})"
            if item.extension_told_on
            else ""
        )
        lines.append(f"Extended: {item.extension_reason}{told}")
    for pause in item.pauses:
        until = f"answered {day_text(pause.answered_on)}" if pause.answered_on else "still waiting"
        lines.append(
            f"Clock paused from {day_text(pause.asked_on)}: {pause.reason.label.lower()}, {until}"
            + (f" ({pause.note})" if pause.note else "")
        )
    for held in item.holding_responses:
        reach = ", ".join(p for p in (held.contact_phone, held.contact_email) if p)
        lines.append(
            f"Holding response {local_text(held.sent_at, zone)}: {held.reason} Expected by "
            f"{day_text(held.expected_on)}; contact {held.contact_name} ({reach})"
        )
    if item.acknowledged_at:
        by_letter = " by letter" if item.acknowledged_letter_id is not None else ""
        lines.append(f"Acknowledged {local_text(item.acknowledged_at, zone)}{by_letter}")
    if item.responded_at:
        lines.append(
            f"Responded {local_text(item.responded_at, zone)}"
            + (" by letter" if item.responded_letter_id is not None else "")
            + (f": {item.response_note}" if item.response_note else "")
        )
    if item.closed_at:
        lines.append(
            f"Closed {local_text(item.closed_at, zone)}"
            + (f": {item.close_note}" if item.close_note else "")
        )
    if item.summary:
        lines += ["", item.summary]
    return lines
