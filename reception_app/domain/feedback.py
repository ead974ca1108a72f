"""Compliments, comments, concerns and complaints (Hellesdon 5.7) and the incident log (4.2).

Compliments are shared with the officer; a concern is resolved informally where possible,
otherwise it becomes a formal complaint with the complaint clocks; a serious complaint is
escalated to a manager. Aggressive or abusive behaviour is an incident; a threat of violence or
violence is reported to the police, or the reason it was not is written down.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from reception_app.domain.errors import ValidationError
from reception_app.domain.validation import check_length

DETAILS_MAX = 10_000
NOTE_MAX = 5000


class FeedbackKind(StrEnum):
    COMPLIMENT = "compliment"
    COMMENT = "comment"
    CONCERN = "concern"
    COMPLAINT = "complaint"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def can_be_serious(self) -> bool:
        """Only a concern or a complaint can be serious, and so escalated to a manager at once."""
        return self in (FeedbackKind.CONCERN, FeedbackKind.COMPLAINT)


class FeedbackStatus(StrEnum):
    OPEN = "open"
    SHARED = "shared"
    RESOLVED_INFORMALLY = "resolved_informally"
    FORMAL_COMPLAINT = "formal_complaint"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return {
            "open": "Open",
            "shared": "Shared with the officer",
            "resolved_informally": "Resolved informally",
            "formal_complaint": "Formal complaint",
            "closed": "Closed",
        }[self.value]

    @property
    def is_finished(self) -> bool:
        return self in (
            FeedbackStatus.SHARED,
            FeedbackStatus.RESOLVED_INFORMALLY,
            FeedbackStatus.CLOSED,
        )


class FeedbackAction(StrEnum):
    SHARE = "share"
    RESOLVE_INFORMALLY = "resolve_informally"
    MAKE_FORMAL = "make_formal"
    ESCALATE = "escalate"
    CLOSE = "close"


def allowed_actions(
    kind: FeedbackKind, status: FeedbackStatus, serious: bool
) -> set[FeedbackAction]:
    """What can be done next; the screen offers these and the service refuses anything else."""
    if status in (FeedbackStatus.SHARED, FeedbackStatus.RESOLVED_INFORMALLY, FeedbackStatus.CLOSED):
        return set()
    actions = {FeedbackAction.CLOSE}
    if kind is FeedbackKind.COMPLIMENT and status is FeedbackStatus.OPEN:
        actions.add(FeedbackAction.SHARE)
    if kind in (FeedbackKind.CONCERN, FeedbackKind.COMPLAINT) and status is FeedbackStatus.OPEN:
        actions |= {FeedbackAction.RESOLVE_INFORMALLY, FeedbackAction.MAKE_FORMAL}
    if kind in (FeedbackKind.CONCERN, FeedbackKind.COMPLAINT) and not serious:
        actions.add(FeedbackAction.ESCALATE)
    return actions


def refuse(kind: FeedbackKind, status: FeedbackStatus, action: FeedbackAction) -> ValidationError:
    """The plain-English reason an action is not possible now."""
    if status.is_finished:
        return ValidationError(f"This {kind.value} is already {status.label.lower()}.", "status")
    messages = {
        FeedbackAction.SHARE: "Only compliments are shared with the officer.",
        FeedbackAction.RESOLVE_INFORMALLY: "Only an open concern or complaint can be resolved "
        "informally.",
        FeedbackAction.MAKE_FORMAL: "Only an open concern or complaint can become a formal "
        "complaint.",
        FeedbackAction.ESCALATE: "Only a concern or complaint that is not escalated yet can be "
        "escalated to a manager.",
    }
    return ValidationError(messages.get(action, "That cannot be done now."), "status")


@dataclass(frozen=True, slots=True)
class Feedback:
    id: int
    kind: FeedbackKind
    channel: str
    received_at: datetime
    from_name: str
    details: str
    status: FeedbackStatus
    about_service: str = ""
    about_staff_id: int | None = None
    about_staff_name: str = ""
    from_phone: str = ""
    from_email: str = ""
    contact_id: int | None = None
    serious: bool = False
    escalated_to_name: str = ""
    escalated_at: datetime | None = None
    shared_at: datetime | None = None
    complaint_id: int | None = None
    outcome: str = ""
    recorded_by_name: str = ""
    closed_at: datetime | None = None

    def actions(self) -> set[FeedbackAction]:
        return allowed_actions(self.kind, self.status, self.serious)


def required_text(text: str, field: str, label: str, max_length: int) -> str:
    """Multi-line text kept exactly as typed (markup, emoji, blank lines), but not blank."""
    if not text.strip():
        raise ValidationError(f"{label} is needed.", field)
    return check_length(text, field, label, max_length)


def check_details(text: str) -> str:
    return required_text(text, "details", "The details", DETAILS_MAX)


# --- incidents ---------------------------------------------------------------------------------


class IncidentKind(StrEnum):
    VERBAL_ABUSE = "verbal_abuse"
    AGGRESSIVE_BEHAVIOUR = "aggressive_behaviour"
    THREAT_OF_VIOLENCE = "threat_of_violence"
    VIOLENCE = "violence"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "verbal_abuse": "Verbal abuse",
            "aggressive_behaviour": "Aggressive behaviour",
            "threat_of_violence": "Threat of violence",
            "violence": "Violence",
            "other": "Other unacceptable behaviour",
        }[self.value]

    @property
    def police_expected(self) -> bool:
        """Hellesdon 4.2: threats of violence are reported to the police."""
        return self in (IncidentKind.THREAT_OF_VIOLENCE, IncidentKind.VIOLENCE)


@dataclass(frozen=True, slots=True)
class IncidentDraft:
    occurred_at: datetime
    kind: IncidentKind
    description: str
    location: str = ""
    person: str = ""
    contact_id: int | None = None
    staff_involved: str = ""
    action_taken: str = ""
    police_told: bool = False
    police_reference: str = ""
    police_not_told_reason: str = ""
    witness_count: int = 0


@dataclass(frozen=True, slots=True)
class Incident:
    id: int
    occurred_at: datetime
    kind: IncidentKind
    description: str
    location: str
    person: str
    staff_involved: str
    action_taken: str
    police_told: bool
    police_reference: str
    police_not_told_reason: str
    witness_count: int
    recorded_by_name: str
    recorded_at: datetime


def clean_incident(draft: IncidentDraft, now: datetime) -> IncidentDraft:
    if draft.occurred_at > now:
        raise ValidationError("The incident cannot have happened in the future.", "occurred_at")
    description = required_text(draft.description, "description", "What happened", DETAILS_MAX)
    reason = check_length(
        draft.police_not_told_reason.strip(), "police_told", "The reason", NOTE_MAX
    )
    if draft.kind.police_expected and not draft.police_told and not reason:
        raise ValidationError(
            "Threats of violence and violence are reported to the police: tick 'Police told' "
            "or say why they were not.",
            "police_told",
        )
    if not 0 <= draft.witness_count <= 99:
        raise ValidationError("Witnesses: a number from 0 to 99.", "witness_count")
    return replace(
        draft,
        description=description,
        location=check_length(draft.location.strip(), "location", "The place", 200),
        person=check_length(draft.person.strip(), "person", "Who it was", 300),
        staff_involved=check_length(
            draft.staff_involved.strip(), "staff_involved", "Staff involved", 300
        ),
        action_taken=check_length(draft.action_taken, "action_taken", "Action taken", NOTE_MAX),
        police_reference=check_length(
            draft.police_reference.strip(), "police_reference", "The police reference", 60
        ),
        police_not_told_reason=reason,
    )


FEEDBACK_CHANNELS: dict[str, str] = {
    "in_person": "In person",
    "phone": "Phone",
    "email": "Email",
    "letter": "Letter",
    "online_form": "Online form",
    "social_media": "Social media",
    "web_chat": "Web chat",
}
"""How feedback reached the office."""


@dataclass(frozen=True, slots=True)
class FeedbackDraft:
    kind: FeedbackKind
    channel: str
    received_at: datetime
    details: str
    from_name: str = ""
    from_phone: str = ""
    from_email: str = ""
    contact_id: int | None = None
    about_service: str = ""
    about_staff_id: int | None = None
    serious: bool = False
    escalate_to_id: int | None = None
