"""Phone messages for colleagues: checks, call-back deadlines, confidentiality and escalation.

Hellesdon 5.4: "When taking a call for a colleague, use an effective message taking system and
make sure the customer is called back". A message that is still open after its call-back day
escalates to the recipient's team lead (or, with no lead, to the managers): a flag on the
message and a list, never silently.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from reception_app.domain.deadlines import DeadlineEngine, deadline_passed
from reception_app.domain.errors import ValidationError
from reception_app.domain.people import StaffMember
from reception_app.domain.validation import (
    check_email,
    check_length,
    check_phone,
    check_required,
    check_uk_mobile,
)

CALLER_NAME_MAX = 200
SUBJECT_MAX = 200
BODY_MAX = 5000
BEST_TIME_MAX = 200
NOTE_MAX = 2000

CALLBACK_CHANNEL = "callback"
"""The DOMAIN.md section 3 channel whose clocks give a message's call-back deadline."""

CONFIDENTIAL_TEXT = "Confidential: only the recipient and managers can read this message."


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"

    @property
    def label(self) -> str:
        return "Urgent" if self is Urgency.URGENT else "Normal"


class MessageStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CallbackOutcome(StrEnum):
    SPOKE = "spoke"
    NO_ANSWER = "no_answer"
    LEFT_VOICEMAIL = "left_voicemail"
    WRONG_NUMBER = "wrong_number"
    EMAILED = "emailed"

    @property
    def label(self) -> str:
        return {
            "spoke": "Spoke to the caller",
            "no_answer": "No answer",
            "left_voicemail": "Left a voicemail",
            "wrong_number": "Wrong or unobtainable number",
            "emailed": "Replied by email",
        }[self.value]

    @property
    def reaches_caller(self) -> bool:
        """The caller heard back: the message can then be closed."""
        return self in (CallbackOutcome.SPOKE, CallbackOutcome.EMAILED)


@dataclass(frozen=True, slots=True)
class MessageDraft:
    """What the desk types when taking a message."""

    caller_name: str
    subject: str
    body: str = ""
    recipient_id: int | None = None
    recipient_team: str = ""
    caller_phone: str = ""
    caller_phone_other: str = ""
    caller_email: str = ""
    best_time: str = ""
    urgency: Urgency = Urgency.NORMAL
    confidential: bool = False
    callback_expected: bool = True
    contact_id: int | None = None
    text_confirmation: bool = False
    """The caller agreed to a text to ``caller_phone`` (a UK mobile) saying by when they will
    be called back."""


def clean_message(draft: MessageDraft) -> MessageDraft:
    """Check every field; ValidationError names the first field that is wrong.

    Text is kept exactly as typed (only surrounding spaces of one-line fields are trimmed);
    markup characters and emoji are ordinary text here.
    """
    if draft.recipient_id is None and not draft.recipient_team.strip():
        raise ValidationError("Choose who the message is for: a colleague or a team.", "recipient")
    phone = check_phone(draft.caller_phone, "caller_phone")
    other = check_phone(draft.caller_phone_other, "caller_phone_other")
    email = check_email(draft.caller_email, "caller_email")
    if draft.callback_expected and not (phone or other or email):
        raise ValidationError(
            "The caller expects a call back: add a phone number (or an email) to reach them on.",
            "caller_phone",
        )
    if draft.text_confirmation:
        if not draft.callback_expected:
            raise ValidationError(
                "A text says when they will be called back: tick that they expect a call back.",
                "text_confirmation",
            )
        try:
            phone = check_uk_mobile(draft.caller_phone, "caller_phone")
        except ValidationError:
            phone = ""
        if not phone:
            raise ValidationError(
                "A text needs their mobile number (07...) in Phone: type it there, or untick "
                "the text.",
                "caller_phone",
            )
    subject = check_required(draft.subject, "subject", "The subject", SUBJECT_MAX)
    if not draft.body.strip():
        body = ""
    else:
        body = check_length(draft.body, "body", "The message", BODY_MAX)
    return dataclasses.replace(
        draft,
        caller_name=check_required(
            draft.caller_name, "caller_name", "The caller's name", CALLER_NAME_MAX
        ),
        subject=subject,
        body=body,
        recipient_team=draft.recipient_team.strip() if draft.recipient_id is None else "",
        caller_phone=phone,
        caller_phone_other=other,
        caller_email=email,
        best_time=check_length(
            draft.best_time.strip(), "best_time", "The best time to call", BEST_TIME_MAX
        ),
    )


def callback_deadline(engine: DeadlineEngine, taken_at: datetime) -> date | datetime | None:
    """When the call-back is due by the office's standard; None when it has no fixed clock."""
    if CALLBACK_CHANNEL not in engine.standards:
        return None
    due = engine.due_dates_for(CALLBACK_CHANNEL, taken_at)
    return due.get("respond") or due.get("acknowledge") or due.get("final")


@dataclass(frozen=True, slots=True)
class CallbackAttempt:
    id: int
    at: datetime
    staff_name: str
    outcome: CallbackOutcome
    note: str = ""


@dataclass(frozen=True, slots=True)
class Message:
    """A message as a person may see it (``redacted`` when confidential and not theirs).

    The recipient's phone and email are here for the call-back confirmation letter.
    """

    id: int
    taken_at: datetime
    taken_by_name: str
    recipient_id: int | None
    recipient_name: str
    recipient_team: str
    caller_name: str
    subject: str
    body: str
    caller_phone: str = ""
    caller_phone_other: str = ""
    caller_email: str = ""
    best_time: str = ""
    urgency: Urgency = Urgency.NORMAL
    confidential: bool = False
    callback_expected: bool = True
    due_on: date | None = None
    due_at: datetime | None = None
    status: MessageStatus = MessageStatus.OPEN
    read_at: datetime | None = None
    closed_at: datetime | None = None
    close_note: str = ""
    attempts: tuple[CallbackAttempt, ...] = ()
    escalated_to: tuple[str, ...] = ()
    """Names of the people an overdue message is escalated to; empty when not overdue."""
    escalated_to_ids: tuple[int, ...] = ()
    """Their staff ids, in the same order (names are not unique: compare these)."""
    redacted: bool = False
    contact_id: int | None = None
    recipient_phone: str = ""
    recipient_email: str = ""

    @property
    def is_open(self) -> bool:
        return self.status is MessageStatus.OPEN

    @property
    def is_unread(self) -> bool:
        return self.read_at is None and self.is_open

    @property
    def for_whom(self) -> str:
        return (
            self.recipient_name if self.recipient_id is not None else f"{self.recipient_team} team"
        )

    @property
    def is_escalated(self) -> bool:
        return bool(self.escalated_to)

    def is_escalated_to(self, member_id: int) -> bool:
        return member_id in self.escalated_to_ids

    def is_for(self, member: StaffMember | None) -> bool:
        """The message is addressed to ``member``: to them by name, or to their team."""
        if member is None:
            return False
        if self.recipient_id is not None:
            return self.recipient_id == member.id
        return bool(member.team) and member.team == self.recipient_team

    def is_overdue(self, today: date, now: datetime | None = None) -> bool:
        """Overdue on ``today``; with ``now`` (aware), a call-back due at a time of day is
        overdue from that moment."""
        return is_overdue(self.due_on, today, self.is_open, self.due_at, now)


def is_overdue(
    due_on: date | None,
    today: date,
    is_open: bool = True,
    due_at: datetime | None = None,
    now: datetime | None = None,
) -> bool:
    """Still open after the end of its due day, or, when the clock counts hours (``due_at``)
    and ``now`` is given, from the due moment on."""
    if not is_open or due_on is None:
        return False
    return deadline_passed(due_on, due_at, today, now)


def can_read_in_full(viewer: StaffMember | None, recipient_id: int | None, team: str) -> bool:
    """A confidential message is for its recipient (or, for a team message, the team's members)
    and managers only."""
    if viewer is None:
        return False
    if viewer.is_manager or (recipient_id is not None and viewer.id == recipient_id):
        return True
    return recipient_id is None and bool(team) and viewer.team == team


def redact(message: Message) -> Message:
    """What someone else sees of a confidential message: who it is for, who called and how to
    reach them (so the desk can say it was passed on), never the subject or the text."""
    return dataclasses.replace(
        message,
        subject="Confidential message",
        body=CONFIDENTIAL_TEXT,
        best_time="",
        close_note="",
        attempts=tuple(dataclasses.replace(a, note="") for a in message.attempts),
        redacted=True,
    )


def escalation_targets(
    recipient: StaffMember | None, team: str, staff: Sequence[StaffMember]
) -> list[StaffMember]:
    """Who an overdue message goes to: the active team lead(s) of the recipient's team other
    than the recipient; with none, the active managers."""
    team = recipient.team if recipient is not None else team
    leads = [
        s
        for s in staff
        if s.active
        and s.is_team_lead
        and team
        and s.team == team
        and (recipient is None or s.id != recipient.id)
    ]
    if leads:
        return leads
    return [
        s
        for s in staff
        if s.active and s.is_manager and (recipient is None or s.id != recipient.id)
    ] or [s for s in staff if s.active and s.is_manager]
