"""Sample messages, correspondence, feedback and incidents for the sample-data history.

Called once from ``DemoDataService.fill`` inside its transaction. Older items are finished the
way a good office finishes them (called back, answered, closed); the last few days leave work
open, some of it overdue, so every list on the Messages and Correspondence pages has something
in it. Deterministic for a given random generator.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from reception_app.domain.correspondence import ClockPause, PauseReason
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.messages import callback_deadline
from reception_app.persistence.correspondence_records import (
    CorrespondencePauseRecord,
    CorrespondenceRecord,
    FeedbackRecord,
    HoldingResponseRecord,
    IncidentRecord,
    MessageCallbackRecord,
    MessageRecord,
    VisitFollowUpRecord,
)
from reception_app.persistence.office_repository import profile_from_record
from reception_app.persistence.records import (
    ContactRecord,
    OfficeRecord,
    StaffRecord,
    VisitRecord,
)
from reception_app.services.correspondence_service import recompute

SUBJECTS = [
    "Allotment waiting list",
    "Overgrown hedge on the footpath",
    "Hall booking for a party",
    "Streetlight not working",
    "Bench dedication",
    "Dog fouling near the play area",
    "Cemetery plot enquiry",
    "Parking on the verge",
    "Planning consultation <ref 26/0412>",
    "Grass cutting & litter 🌳",
]
BODIES = [
    "Please call back about this; they are at work until 3 pm.",
    "Wants to know when someone will come out to look at it.",
    "Asked whether the fee can be paid in instalments.",
    "Was not happy with the last reply & would like to speak to a manager.",
    "Rang twice already. Says it's urgent!",
]
CHANNEL_WEIGHTS = {
    "email": 30,
    "letter": 12,
    "online_form": 15,
    "social_media": 5,
    "voicemail": 12,
    "phone_unresolved": 6,
    "foi": 6,
    "eir": 2,
    "sar": 3,
    "complaint": 4,
}
OPEN_DAYS = 4
"""Items from the last few working days are left open."""


_CHANNELS, _WEIGHTS = zip(*CHANNEL_WEIGHTS.items(), strict=True)


@dataclass
class _Sampler:
    """The office, its people and the random generator every sample item draws on; counts the
    rows added."""

    session: Session
    rng: random.Random
    office: OfficeRecord
    engine: DeadlineEngine
    zone: ZoneInfo
    now: datetime
    today: date
    contacts: Sequence[ContactRecord]
    officers: list[StaffRecord]
    desk: list[StaffRecord]
    managers: list[StaffRecord]
    teams: list[str]
    added: int = 0
    waiting: list[tuple[Any, str, Any]] = field(default_factory=list)

    def moment(self, day: date, hour_from: int = 9, hour_to: int = 16) -> datetime:
        minute = self.rng.randint(hour_from * 60, hour_to * 60 - 1)
        return datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=self.zone)

    def add(self, record: Any) -> None:
        self.session.add(record)
        self.added += 1

    def add_under(self, record: Any, column: str, parent: Any) -> None:
        """Add ``record`` (a message's call-back, an item's pause) with ``column`` set to
        ``parent``'s id once it has one (``add_waiting``): one flush for every parent rather
        than one each, which was most of the time the sample data took."""
        self.waiting.append((record, column, parent))
        self.added += 1

    def add_waiting(self) -> None:
        """Give the parents their ids and add what waits for them, in the order it came."""
        self.session.flush()
        for record, column, parent in self.waiting:
            setattr(record, column, parent.id)
            self.session.add(record)
        self.waiting.clear()


def add_sample_correspondence(
    session: Session,
    rng: random.Random,
    office: OfficeRecord,
    staff: Sequence[StaffRecord],
    contacts: Sequence[ContactRecord],
    days: Sequence[date],
    now: datetime,
) -> int:
    """Add sample items for each of ``days`` (office working days, oldest first); returns how
    many rows were added."""
    if not staff or not days:
        return 0
    profile = profile_from_record(office)
    zone = ZoneInfo(profile.timezone)
    officers = [s for s in staff if s.role in ("officer", "clerk")] or list(staff)
    sample = _Sampler(
        session=session,
        rng=rng,
        office=office,
        engine=DeadlineEngine.from_profile(profile),
        zone=zone,
        now=now,
        today=now.astimezone(zone).date(),
        contacts=contacts,
        officers=officers,
        desk=[s for s in staff if s.role in ("receptionist", "clerk")] or list(staff),
        managers=[s for s in staff if s.role == "manager"],
        teams=sorted({s.team for s in officers if s.team}),
    )
    recent = set(days[-OPEN_DAYS:])
    for day in days:
        is_recent = day in recent
        for _ in range(rng.randint(1, 4)):
            _add_message(sample, day, is_recent)
        for _ in range(rng.randint(1, 3)):
            _add_correspondence(sample, day, is_recent)
        if rng.random() < 0.35:
            _add_feedback(sample, day, is_recent)
        if rng.random() < 0.03:
            _add_incident(sample, day)
    sample.add_waiting()
    _close_follow_ups(sample, days)
    return sample.added


def _add_message(sample: _Sampler, day: date, is_recent: bool) -> None:
    """A message taken on ``day``; older ones called back (some after a first try) and closed."""
    rng, engine, contacts = sample.rng, sample.engine, sample.contacts
    taken = sample.moment(day)
    contact = rng.choice(contacts) if contacts and rng.random() < 0.6 else None
    for_team = sample.teams and rng.random() < 0.15
    recipient = None if for_team else rng.choice(sample.officers)
    callback = rng.random() < 0.85
    due = callback_deadline(engine, taken) if callback else None
    record = MessageRecord(
        office_id=sample.office.id,
        taken_at=taken.astimezone(UTC),
        taken_by_id=rng.choice(sample.desk).id,
        recipient_id=recipient.id if recipient else None,
        recipient_team=rng.choice(sample.teams) if for_team else "",
        caller_name=contact.full_name if contact else rng.choice(["Mr Patel", "Mrs Green", "Jo"]),
        caller_phone=(contact.phone if contact and contact.phone else "0161 496 0123"),
        caller_email=contact.email if contact else "",
        contact_id=contact.id if contact else None,
        best_time=rng.choice(["", "mornings", "after 2 pm", "any time"]),
        subject=rng.choice(SUBJECTS),
        body=rng.choice(BODIES),
        urgency="urgent" if rng.random() < 0.1 else "normal",
        confidential=rng.random() < 0.05,
        callback_expected=callback,
        due_on=engine.due_day(due) if due is not None else None,
        due_at=due if isinstance(due, datetime) else None,
        status="open",
        close_note="",
    )
    sample.add(record)
    if is_recent and rng.random() < 0.7:
        return  # still open (and overdue if its day has passed)
    _answer_message(sample, record, recipient, taken)


def _answer_message(
    sample: _Sampler, record: MessageRecord, recipient: StaffRecord | None, taken: datetime
) -> None:
    """Called back within the day (some after a first try without an answer), then closed."""
    rng = sample.rng
    callback = record.callback_expected
    handler = recipient or rng.choice(sample.officers)
    at = taken + timedelta(hours=rng.randint(1, 20))
    if callback and rng.random() < 0.3:
        sample.add_under(
            MessageCallbackRecord(
                at=at.astimezone(UTC), staff_id=handler.id, outcome="no_answer", note=""
            ),
            "message_id",
            record,
        )
        at += timedelta(hours=2)
    if callback:
        sample.add_under(
            MessageCallbackRecord(
                at=at.astimezone(UTC),
                staff_id=handler.id,
                outcome=rng.choice(["spoke", "spoke", "emailed"]),
                note="",
            ),
            "message_id",
            record,
        )
    record.status = "closed"
    record.read_at = record.closed_at = at.astimezone(UTC)
    record.read_by_id = record.closed_by_id = handler.id
    record.close_note = "" if callback else "For information only"


def _add_correspondence(sample: _Sampler, day: date, is_recent: bool) -> None:
    """A piece of correspondence received on ``day`` on a channel the office has a standard for;
    older ones acknowledged and answered, a subject access request sometimes waiting for
    proof of identity."""
    rng = sample.rng
    channel = rng.choices(_CHANNELS, _WEIGHTS)[0]
    if channel not in sample.engine.standards:
        return
    received = (
        sample.moment(day, 0, 24) if channel in ("email", "online_form") else sample.moment(day)
    )
    contact = rng.choice(sample.contacts) if sample.contacts and rng.random() < 0.7 else None
    owner = rng.choice(sample.officers)
    item = CorrespondenceRecord(
        office_id=sample.office.id,
        channel=channel,
        received_at=received.astimezone(UTC),
        logged_at=(received + timedelta(minutes=rng.randint(5, 90))).astimezone(UTC),
        logged_by_id=rng.choice(sample.desk).id,
        contact_id=contact.id if contact else None,
        from_name=contact.full_name if contact else "Resident",
        from_email=contact.email if contact else "",
        from_phone=contact.phone if contact else "",
        subject=rng.choice(SUBJECTS),
        summary=rng.choice(BODIES),
        owner_id=owner.id,
        target_on=day + timedelta(days=rng.randint(3, 10))
        if channel in ("phone_unresolved", "web_chat_unresolved")
        else None,
        extension_reason="",
        response_note="",
        close_note="",
        next_step="",
    )
    sample.add(item)
    pauses = _identity_pause(sample, item, owner, day, is_recent) if channel == "sar" else []
    _answer_correspondence(sample, item, owner, received, day, is_recent, pauses)
    recompute(item, sample.engine, pauses, sample.today)


def _identity_pause(
    sample: _Sampler,
    item: CorrespondenceRecord,
    owner: StaffRecord,
    day: date,
    is_recent: bool,
) -> list[ClockPause]:
    """Half the subject access requests wait for proof of identity (still, in the last days)."""
    rng = sample.rng
    if rng.random() >= 0.5:
        return []
    asked = day + timedelta(days=1)
    answered = None if is_recent else asked + timedelta(days=rng.randint(2, 9))
    if asked > sample.today or (answered is not None and answered > sample.today):
        return []
    pause = CorrespondencePauseRecord(
        reason="identity", asked_on=asked, answered_on=answered, note="", staff_id=owner.id
    )
    sample.add_under(pause, "correspondence_id", item)
    # The deadlines do not read a pause's id (it has none until the flush): 0 stands in.
    return [ClockPause(0, PauseReason.IDENTITY, asked, answered)]


def _answer_correspondence(
    sample: _Sampler,
    item: CorrespondenceRecord,
    owner: StaffRecord,
    received: datetime,
    day: date,
    is_recent: bool,
    pauses: Sequence[ClockPause],
) -> None:
    """Older items acknowledged and answered (a few after a holding response); a recent one
    answered now and then, or only acknowledged."""
    rng = sample.rng
    if not is_recent or rng.random() < 0.2:
        done = received + timedelta(days=rng.randint(1, 6), hours=rng.randint(1, 5))
        done = min(done, sample.now.astimezone(sample.zone) - timedelta(minutes=5))
        if done > received and not any(p.is_open for p in pauses):
            item.acknowledged_at = received.astimezone(UTC) + timedelta(hours=2)
            item.acknowledged_by_id = owner.id
            if rng.random() < 0.08:
                sample.add_under(
                    HoldingResponseRecord(
                        sent_at=item.acknowledged_at + timedelta(days=1),
                        staff_id=owner.id,
                        reason="We are waiting for information from another department.",
                        expected_on=day + timedelta(days=14),
                        contact_staff_id=owner.id,
                        contact_name=owner.full_name,
                        contact_phone=owner.phone,
                        contact_email=owner.email,
                    ),
                    "correspondence_id",
                    item,
                )
            item.responded_at = item.closed_at = done.astimezone(UTC)
            item.responded_by_id = item.closed_by_id = owner.id
    elif rng.random() < 0.5:
        item.acknowledged_at = received.astimezone(UTC) + timedelta(hours=1)
        item.acknowledged_by_id = owner.id


def _add_feedback(sample: _Sampler, day: date, is_recent: bool) -> None:
    rng = sample.rng
    kind = rng.choices(["compliment", "comment", "concern", "complaint"], [4, 2, 3, 1])[0]
    contact = rng.choice(sample.contacts) if sample.contacts and rng.random() < 0.5 else None
    about = rng.choice(sample.officers)
    status = (
        "open"
        if is_recent
        else {
            "compliment": "shared",
            "comment": "closed",
            "concern": "resolved_informally",
            "complaint": "closed",
        }[kind]
    )
    managers = sample.managers
    serious = kind == "complaint" and rng.random() < 0.3 and bool(managers)
    at = sample.moment(day)
    sample.add(
        FeedbackRecord(
            office_id=sample.office.id,
            kind=kind,
            channel=rng.choice(["in_person", "phone", "email", "letter"]),
            received_at=at.astimezone(UTC),
            recorded_at=at.astimezone(UTC),
            recorded_by_id=rng.choice(sample.desk).id,
            contact_id=contact.id if contact else None,
            from_name=contact.full_name if contact else "",
            about_staff_id=about.id if kind == "compliment" else None,
            about_service="" if kind == "compliment" else rng.choice(SUBJECTS)[:40],
            details=rng.choice(BODIES),
            status=status,
            serious=serious,
            escalated_to_id=managers[0].id if serious else None,
            escalated_at=at.astimezone(UTC) if serious else None,
            outcome="" if status == "open" else "Dealt with at the time",
        )
    )


def _add_incident(sample: _Sampler, day: date) -> None:
    rng = sample.rng
    at = sample.moment(day)
    threat = rng.random() < 0.4
    sample.add(
        IncidentRecord(
            office_id=sample.office.id,
            occurred_at=at.astimezone(UTC),
            recorded_at=(at + timedelta(minutes=30)).astimezone(UTC),
            recorded_by_id=rng.choice(sample.desk).id,
            kind="threat_of_violence" if threat else "verbal_abuse",
            location="Front desk",
            person="Man, about 40, grey jacket",
            description="Shouted at the receptionist about a parking fine and swore.",
            action_taken="Asked to leave; left after five minutes.",
            police_told=threat,
            police_reference=f"NC-2026-{rng.randint(1, 9999):04d}" if threat else "",
            police_not_told_reason="" if threat else "No threat made; left when asked.",
        )
    )


def _close_follow_ups(sample: _Sampler, days: Sequence[date]) -> None:
    """Walk-in follow-ups (made by the visits sample data) are done, except the last few days'."""
    session, rng = sample.session, sample.rng
    session.flush()
    for visit in session.scalars(
        select(VisitRecord).where(
            VisitRecord.office_id == sample.office.id,
            VisitRecord.resolved_first_contact.is_(False),
            VisitRecord.ticket_day < days[-min(OPEN_DAYS, len(days))],
        )
    ):
        if rng.random() < 0.95 and visit.finished_at is not None:
            sample.add(
                VisitFollowUpRecord(
                    visit_id=visit.id,
                    closed_at=visit.finished_at + timedelta(days=rng.randint(1, 5)),
                    closed_by_id=visit.follow_up_officer_id,
                    note=rng.choice(["Rang back and sorted", "Wrote with the answer"]),
                )
            )
