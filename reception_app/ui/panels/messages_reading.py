"""What the Messages tab reads (on a worker thread when live) and how it shows one message."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from reception_app.domain.messages import Message
from reception_app.ui.models.correspondence_table_model import local_text


def message_details(message: Message, zone: tzinfo, due: str) -> str:
    """The whole message as plain text, exactly as typed (markup is not interpreted)."""
    flags = [
        w
        for w in (
            "Urgent" if message.urgency.value == "urgent" else "",
            "Confidential" if message.confidential else "",
        )
        if w
    ]
    lines = [f"Message #{message.id}" + (f"  ·  {'  ·  '.join(flags)}" if flags else "")]
    lines.append(f"For: {message.for_whom}")
    lines.append(f"Taken: {local_text(message.taken_at, zone)} by {message.taken_by_name or '—'}")
    lines.append(f"Caller: {message.caller_name}")
    phones = ", ".join(p for p in (message.caller_phone, message.caller_phone_other) if p)
    if phones:
        lines.append(f"Phone: {phones}")
    if message.caller_email:
        lines.append(f"Email: {message.caller_email}")
    if message.best_time:
        lines.append(f"Best time to call: {message.best_time}")
    if message.callback_expected:
        lines.append(f"Call back by: {due}")
    else:
        lines.append("No call-back wanted.")
    if message.escalated_to:
        lines.append(f"Overdue: escalated to {', '.join(message.escalated_to)}")
    lines += ["", f"Subject: {message.subject}", "", message.body or "(no message text)"]
    if message.attempts:
        lines += ["", "Call-back attempts:"]
        for attempt in message.attempts:
            note = f": {attempt.note}" if attempt.note else ""
            lines.append(
                f"  {local_text(attempt.at, zone)}  {attempt.staff_name}  "
                f"{attempt.outcome.label}{note}"
            )
    if message.closed_at is not None:
        lines += [
            "",
            f"Closed {local_text(message.closed_at, zone)}"
            + (f": {message.close_note}" if message.close_note else ""),
        ]
    return "\n".join(lines)


MessagesReading = tuple[list[Any], Any, Any, list[str]]
"""(rows, office status, deadline engine, teams)."""


def read_messages(services: Any, actor: Any, view: str, who: object) -> MessagesReading:
    """The messages of ``view`` (and, for the lists, ``who``): safe on a worker thread."""
    messages = services.messages()
    status = services.office.status()
    engine = messages.deadline_engine()
    teams = messages.teams()
    if view == "inbox":
        rows = messages.inbox(actor)
    elif view == "escalated_to_me":
        rows = messages.escalated_to(actor)
    else:
        recipient = who if isinstance(who, int) else None
        team = who[5:] if isinstance(who, str) and who.startswith("team:") else None
        rows = messages.list_messages(actor, view, recipient, team)
    return rows, status, engine, teams
