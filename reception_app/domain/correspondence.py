"""The correspondence log: statuses, the clocks of each item, pauses and extensions.

Due dates come from the deadline engine (docs/deadlines.md). A SAR, FOI or EIR clock waits
while the council waits for something from the requester (DOMAIN.md 2), in one of two ways:

- the clock **starts** when the answer arrives (that day is day 0, as a day of receipt): a SAR
  waiting for proof of identity (UK GDPR Art. 12(6), ICO: the time limit starts when the
  identity is received), an FOI or EIR request waiting for a clarification (FOIA s.10(6)(b),
  EIR reg. 9(4));
- the clock **stops**: the days after the question up to and including the day of the answer
  do not count: a SAR clarification, an FOI fees notice (FOIA s.10(2)), an EIR advance payment
  (EIR reg. 8).

A pause still waiting for its answer is counted as if answered today, so the dates shown move
on each day it stays open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from reception_app.domain.deadlines import DeadlineEngine, Pause
from reception_app.domain.errors import ValidationError
from reception_app.domain.standards import CHANNELS, ClockKind, ClockRule
from reception_app.domain.validation import check_email, check_length, check_phone, check_required

SUBJECT_MAX = 200
FROM_NAME_MAX = 300
SUMMARY_MAX = 10_000
NOTE_MAX = 5000

PAUSE_REASONS_BY_CHANNEL: dict[str, tuple[str, ...]] = {
    "sar": ("identity", "clarification"),
    "foi": ("clarification", "fee"),
    "eir": ("clarification", "fee"),
}
"""Which waits stop which statutory clock (UK GDPR Art. 12, FOIA s.1(3) and s.9, EIR reg. 8-9)."""

CLOCK_STARTS_ON_ANSWER: frozenset[tuple[str, str]] = frozenset(
    {("sar", "identity"), ("foi", "clarification"), ("eir", "clarification")}
)
"""(channel, reason) pairs where the clock starts on the day of the answer instead of pausing:
until then the council does not have a request it can answer."""


def pause_starts_clock(channel: str, reason: str) -> bool:
    """True if the answer to this wait starts the clock afresh (its day is day 0); False if the
    waiting days are only left out of the count."""
    return (channel, str(reason)) in CLOCK_STARTS_ON_ANSWER


FOI_EXTENDED = ClockRule(ClockKind.STATUTORY_WORKING_DAYS, 40)
"""FOI public-interest test: ICO guidance allows up to 20 further working days (40 in all)."""

STEP_LABELS = {
    "acknowledge": "Acknowledge",
    "respond": "Respond",
    "final": "Final reply",
    "target": "Agreed target",
}


class PauseReason(StrEnum):
    IDENTITY = "identity"
    CLARIFICATION = "clarification"
    FEE = "fee"

    @property
    def label(self) -> str:
        return {
            "identity": "Waiting for proof of identity",
            "clarification": "Waiting for a clarification",
            "fee": "Waiting for a fee (fees notice issued)",
        }[self.value]


class CorrespondenceStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    ACKNOWLEDGED = "acknowledged"
    HOLDING = "holding"
    RESPONDED = "responded"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "open": "New",
            "paused": "Clock paused",
            "acknowledged": "Acknowledged",
            "holding": "Holding response sent",
            "responded": "Responded",
            "closed": "Closed",
        }[self.value]


def channel_can_pause(channel: str) -> bool:
    return channel in PAUSE_REASONS_BY_CHANNEL


def channel_can_extend(channel: str) -> bool:
    return channel in ("sar", "foi", "eir")


@dataclass(frozen=True, slots=True)
class ClockPause:
    id: int
    reason: PauseReason
    asked_on: date
    answered_on: date | None = None
    note: str = ""

    def as_engine_pause(self, today: date) -> Pause:
        """(asked, answered) for the engine; an open pause counts as answered ``today``."""
        return (self.asked_on, self.answered_or(today))

    def answered_or(self, today: date) -> date:
        return self.answered_on or max(today, self.asked_on)

    @property
    def is_open(self) -> bool:
        return self.answered_on is None


@dataclass(frozen=True, slots=True)
class HoldingResponse:
    id: int
    sent_at: datetime
    reason: str
    expected_on: date
    contact_name: str
    contact_phone: str = ""
    contact_email: str = ""
    staff_name: str = ""


@dataclass(frozen=True, slots=True)
class Deadlines:
    """The due date of each clock; dates for day clocks, datetimes for hour clocks."""

    acknowledge: date | datetime | None = None
    respond: date | datetime | None = None
    final: date | datetime | None = None
    extended: date | None = None
    target: date | None = None

    def clocks(self) -> dict[str, date | datetime]:
        out: dict[str, date | datetime] = {}
        for name in ("acknowledge", "respond", "final", "extended", "target"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        return out


def compute_deadlines(
    engine: DeadlineEngine,
    channel: str,
    received: datetime,
    pauses: Sequence[ClockPause] = (),
    today: date | None = None,
    extended: bool = False,
    target: date | None = None,
) -> Deadlines:
    """Every clock of ``channel`` for an item received at ``received``, with its pauses.

    A wait that starts the clock (``pause_starts_clock``: SAR identity, FOI/EIR clarification)
    makes the day of its answer the start (the latest such answer if there are several); the
    other waits leave their days out of the count. ``extended`` adds the statutory extension
    (SAR three months, FOI and EIR 40 working days) from the same start.
    """
    day = today or engine.calendar.local_date(received)
    starts = [p.answered_or(day) for p in pauses if pause_starts_clock(channel, p.reason)]
    starts_on = max(starts) if starts else None
    engine_pauses = [
        p.as_engine_pause(day) for p in pauses if not pause_starts_clock(channel, p.reason)
    ]
    due = (
        engine.due_dates_for(channel, received, engine_pauses, starts_on=starts_on)
        if channel in engine.standards
        else {}
    )
    extended_on: date | None = None
    if extended:
        extended_on = extended_deadline(engine, channel, received, engine_pauses, starts_on)
    return Deadlines(
        acknowledge=due.get("acknowledge"),
        respond=due.get("respond"),
        final=due.get("final"),
        extended=extended_on,
        target=target,
    )


def extended_deadline(
    engine: DeadlineEngine,
    channel: str,
    received: datetime,
    pauses: Sequence[Pause] = (),
    starts_on: date | None = None,
) -> date:
    if channel == "sar":
        return engine.sar_extended(received, pauses, starts_on=starts_on)
    if channel == "eir":
        return engine.eir_extended(received, pauses, starts_on=starts_on)
    if channel == "foi":
        result = engine.compute(FOI_EXTENDED, received, pauses, starts_on=starts_on)
        assert isinstance(result, date)
        return result
    raise ValidationError(
        f"Only subject access, FOI and EIR requests can be extended, not "
        f"{CHANNELS.get(channel, channel).lower()}.",
        "extension",
    )


def next_step(
    deadlines: Deadlines,
    *,
    acknowledged: bool,
    responded: bool,
    closed: bool,
    paused: bool,
) -> tuple[str, date | datetime] | None:
    """The next thing to do and when it is due; None when closed, paused or with no clock.

    Order: acknowledge (until acknowledged or answered), respond (the extended date replaces
    the standard one; an agreed target stands in where there is no clock), then the final
    reply (until closed).
    """
    if closed or paused:
        return None
    if not acknowledged and not responded and deadlines.acknowledge is not None:
        return "acknowledge", deadlines.acknowledge
    if not responded:
        if deadlines.extended is not None:
            return "respond", deadlines.extended
        if deadlines.respond is not None:
            return "respond", deadlines.respond
        if deadlines.final is None and deadlines.target is not None:
            return "target", deadlines.target
    if deadlines.final is not None:
        return "final", deadlines.final
    return None


def status_of(
    *,
    closed: bool,
    paused: bool,
    responded: bool,
    holding: bool,
    acknowledged: bool,
) -> CorrespondenceStatus:
    if closed:
        return CorrespondenceStatus.CLOSED
    if paused:
        return CorrespondenceStatus.PAUSED
    if responded:
        return CorrespondenceStatus.RESPONDED
    if holding:
        return CorrespondenceStatus.HOLDING
    if acknowledged:
        return CorrespondenceStatus.ACKNOWLEDGED
    return CorrespondenceStatus.OPEN


@dataclass(frozen=True, slots=True)
class CorrespondenceDraft:
    channel: str
    received_at: datetime
    from_name: str
    subject: str
    owner_id: int | None
    summary: str = ""
    from_email: str = ""
    from_phone: str = ""
    contact_id: int | None = None
    target_on: date | None = None


def clean_correspondence(draft: CorrespondenceDraft, now: datetime) -> CorrespondenceDraft:
    """Check a new item; ValidationError names the field. Text is kept exactly as typed."""
    if draft.channel not in CHANNELS:
        raise ValidationError(
            f"Choose the channel it came by ({', '.join(CHANNELS.values())}).", "channel"
        )
    if draft.received_at.tzinfo is None:
        raise ValidationError("The received time must say which time zone it is in.", "received_at")
    if draft.received_at > now + timedelta(minutes=1):
        raise ValidationError(
            "The received date and time is in the future: correspondence can only be logged "
            "once it has arrived.",
            "received_at",
        )
    if draft.owner_id is None:
        raise ValidationError("Choose the officer who will answer it (the named contact).", "owner")
    summary = check_length(draft.summary, "summary", "The summary", SUMMARY_MAX)
    return dataclasses.replace(
        draft,
        from_name=check_required(draft.from_name, "from_name", "Who it is from", FROM_NAME_MAX),
        subject=check_required(draft.subject, "subject", "The subject", SUBJECT_MAX),
        summary=summary if summary.strip() else "",
        from_email=check_email(draft.from_email, "from_email"),
        from_phone=check_phone(draft.from_phone, "from_phone"),
    )


def check_pause(
    channel: str,
    reason: str,
    asked_on: date,
    answered_on: date | None,
    received_on: date,
    today: date,
) -> PauseReason:
    """A pause must suit the channel, start on or after receipt and not in the future, and not
    end before it starts."""
    allowed = PAUSE_REASONS_BY_CHANNEL.get(channel)
    if allowed is None:
        raise ValidationError("Only subject access, FOI and EIR clocks can be paused.", "reason")
    try:
        chosen = PauseReason(reason)
    except ValueError:
        chosen = None
    if chosen is None or chosen.value not in allowed:
        words = " or ".join(PauseReason(r).label.lower() for r in allowed)
        raise ValidationError(f"For this request the clock stops only when {words}.", "reason")
    if asked_on < received_on:
        raise ValidationError(
            f"The clock cannot stop before the request arrived ({received_on:%d %B %Y}).",
            "asked_on",
        )
    if asked_on > today:
        raise ValidationError("The day you asked cannot be in the future.", "asked_on")
    if answered_on is not None:
        if answered_on < asked_on:
            raise ValidationError(
                f"The answer cannot arrive ({answered_on:%d %B %Y}) before you asked for it "
                f"({asked_on:%d %B %Y}).",
                "answered_on",
            )
        if answered_on > today:
            raise ValidationError("The day of the answer cannot be in the future.", "answered_on")
    return chosen


def check_holding(reason: str, expected_on: date, today: date) -> str:
    text = check_required(reason, "reason", "The reason for the delay", NOTE_MAX)
    if expected_on < today:
        raise ValidationError("The expected date cannot be in the past.", "expected_on")
    return text


REFERENCE_PREFIXES = {
    "email": "EM",
    "online_form": "OF",
    "social_media": "SM",
    "letter": "LT",
    "voicemail": "VM",
    "callback": "CB",
    "phone_unresolved": "PH",
    "web_chat_unresolved": "WC",
    "foi": "FOI",
    "eir": "EIR",
    "sar": "SAR",
    "complaint": "CMP",
}


def reference(channel: str, item_id: int) -> str:
    """'FOI-000123': quoted on the phone and in letters."""
    return f"{REFERENCE_PREFIXES.get(channel, 'C')}-{item_id:06d}"


@dataclass(frozen=True, slots=True)
class CorrespondenceItem:
    """One logged item as the screens and the letters see it.

    The owner is the named contact; their phone and email are here for the letters.
    """

    id: int
    channel: str
    received_at: datetime
    from_name: str
    subject: str
    owner_id: int
    owner_name: str
    deadlines: Deadlines
    status: CorrespondenceStatus
    next_step: str = ""
    next_due: date | datetime | None = None
    summary: str = ""
    from_email: str = ""
    from_phone: str = ""
    contact_id: int | None = None
    owner_phone: str = ""
    owner_email: str = ""
    acknowledged_at: datetime | None = None
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    response_note: str = ""
    close_note: str = ""
    extension_reason: str = ""
    acknowledged_letter_id: int | None = None
    responded_letter_id: int | None = None
    """The letters recorded as the evidence of those steps (None: recorded by hand)."""
    extension_told_on: date | None = None
    pauses: tuple[ClockPause, ...] = ()
    holding_responses: tuple[HoldingResponse, ...] = ()
    holding_expected_on: date | None = None
    """The date given in the latest holding response."""
    logged_by_name: str = ""

    @property
    def reference(self) -> str:
        return reference(self.channel, self.id)

    @property
    def channel_name(self) -> str:
        return CHANNELS.get(self.channel, self.channel)

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def open_pause(self) -> ClockPause | None:
        return next((p for p in self.pauses if p.is_open), None)


STEPS = ("acknowledge", "holding", "respond", "close", "pause", "resume", "extend", "reassign")
"""What the desk can record on a logged item, in the order the buttons show them."""


def available_steps(item: CorrespondenceItem) -> frozenset[str]:
    """The STEPS that can be recorded on ``item`` as it stands: nothing once it is closed, no
    answer while its clock is paused, a pause or an extension only on a statutory request not
    yet answered (and one extension only)."""
    if not item.is_open:
        return frozenset()
    paused = item.status is CorrespondenceStatus.PAUSED
    unanswered = item.responded_at is None
    steps = {"close", "reassign"}
    if item.acknowledged_at is None:
        steps.add("acknowledge")
    if unanswered:
        steps.add("holding")
    if unanswered and not paused:
        steps.add("respond")
    if paused:
        steps.add("resume")
    elif unanswered and channel_can_pause(item.channel):
        steps.add("pause")
    if unanswered and channel_can_extend(item.channel) and not item.extension_reason:
        steps.add("extend")
    return frozenset(steps)


@dataclass(frozen=True, slots=True)
class FollowUp:
    """A walk-in enquiry not resolved at first contact: a named officer and an agreed date."""

    visit_id: int
    ticket: str
    visit_day: date
    visitor: str
    service_name: str
    officer_id: int | None
    officer_name: str
    target_on: date | None
    note: str = ""
    closed_at: datetime | None = None
    close_note: str = ""
    contact_id: int | None = None

    @property
    def is_open(self) -> bool:
        return self.closed_at is None
