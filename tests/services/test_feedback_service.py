"""Feedback (Hellesdon 5.7) and the incident log (4.2, managers only)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from reception_app.domain.errors import PermissionDenied, ValidationError
from reception_app.domain.feedback import (
    FeedbackAction,
    FeedbackDraft,
    FeedbackKind,
    FeedbackStatus,
    IncidentDraft,
    IncidentKind,
)
from reception_app.domain.people import StaffMember
from reception_app.services.container import AppServices

Staff = dict[str, StaffMember]
RECEIVED = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def _draft(kind: FeedbackKind, **fields: object) -> FeedbackDraft:
    values: dict[str, object] = {
        "kind": kind,
        "channel": "in_person",
        "received_at": RECEIVED,
        "details": "The <i>grass</i> by the play area 🌱 was not cut",
        "from_name": "Zoë Brown",
        "about_service": "Open spaces",
    }
    values.update(fields)
    return FeedbackDraft(**values)  # type: ignore[arg-type]


def test_a_compliment_is_shared_with_the_officer(services: AppServices, colleagues: Staff) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    feedback = services.feedback()
    praise = feedback.record(rita, _draft(FeedbackKind.COMPLIMENT, about_staff_id=tom.id))
    assert praise.actions() == {FeedbackAction.SHARE, FeedbackAction.CLOSE}
    assert praise.about_staff_name == "Tom Reed"
    shared = feedback.share(rita, praise.id)
    assert shared.status is FeedbackStatus.SHARED and shared.shared_at is not None
    with pytest.raises(ValidationError, match="already shared"):
        feedback.share(rita, praise.id)


def test_a_concern_resolved_informally_is_closed_as_such(
    services: AppServices, colleagues: Staff
) -> None:
    rita = colleagues["Rita"]
    feedback = services.feedback()
    concern = feedback.record(rita, _draft(FeedbackKind.CONCERN))
    assert concern.details == "The <i>grass</i> by the play area 🌱 was not cut"
    with pytest.raises(ValidationError) as caught:
        feedback.resolve_informally(rita, concern.id, "")
    assert caught.value.field == "outcome"
    done = feedback.resolve_informally(rita, concern.id, "Grass cut the same afternoon")
    assert done.status is FeedbackStatus.RESOLVED_INFORMALLY and done.closed_at is not None
    assert concern.id not in [f.id for f in feedback.list_feedback("open")]
    with pytest.raises(ValidationError):
        feedback.share(rita, concern.id)


def test_a_concern_becomes_a_formal_complaint_with_its_own_deadlines(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom = colleagues["Rita"], colleagues["Tom"]
    feedback = services.feedback()
    concern = feedback.record(rita, _draft(FeedbackKind.CONCERN, from_phone="01603 301751"))
    with pytest.raises(ValidationError) as caught:
        feedback.make_formal(rita, concern.id, None)
    assert caught.value.field == "owner"
    formal = feedback.make_formal(rita, concern.id, tom.id)
    assert formal.status is FeedbackStatus.FORMAL_COMPLAINT and formal.complaint_id is not None
    complaint = services.correspondence().get(formal.complaint_id)
    assert complaint.channel == "complaint" and complaint.owner_name == "Tom Reed"
    # Hellesdon's complaints procedure (Settings default): acknowledge in 5, respond in 20.
    assert complaint.deadlines.acknowledge == date(2026, 12, 1)
    assert complaint.deadlines.respond == date(2026, 12, 22)
    assert complaint.summary == concern.details and complaint.from_phone == "01603 301751"
    with pytest.raises(ValidationError, match="still open"):
        feedback.close(rita, concern.id)
    services.correspondence().respond(tom, complaint.id, "Apology and grass cut")
    services.correspondence().close(tom, complaint.id)
    assert feedback.close(rita, concern.id, "Upheld").status is FeedbackStatus.CLOSED


def test_a_serious_complaint_is_escalated_to_a_manager(
    services: AppServices, colleagues: Staff
) -> None:
    rita, tom, margaret = colleagues["Rita"], colleagues["Tom"], colleagues["Margaret"]
    feedback = services.feedback()
    with pytest.raises(ValidationError) as caught:
        feedback.record(rita, _draft(FeedbackKind.COMPLAINT, serious=True))
    assert caught.value.field == "escalate_to"
    with pytest.raises(ValidationError) as caught:
        feedback.record(rita, _draft(FeedbackKind.COMPLAINT, serious=True, escalate_to_id=tom.id))
    assert "not an active manager" in str(caught.value)
    serious = feedback.record(
        rita, _draft(FeedbackKind.COMPLAINT, serious=True, escalate_to_id=margaret.id)
    )
    assert serious.serious and serious.escalated_to_name == "Margaret Clerk"
    later = feedback.record(rita, _draft(FeedbackKind.CONCERN))
    escalated = feedback.escalate(rita, later.id, margaret.id)
    assert escalated.serious and FeedbackAction.ESCALATE not in escalated.actions()
    assert {f.id for f in feedback.list_feedback("serious")} == {serious.id, later.id}
    with pytest.raises(ValidationError) as caught:
        feedback.record(rita, _draft(FeedbackKind.COMPLIMENT, serious=True))
    assert caught.value.field == "serious"
    with pytest.raises(ValidationError) as caught:
        feedback.record(
            rita, _draft(FeedbackKind.COMMENT, received_at=datetime(2027, 1, 1, tzinfo=UTC))
        )
    assert caught.value.field == "received_at"


def test_incidents_are_recorded_by_anyone_and_read_only_by_managers(
    services: AppServices, colleagues: Staff
) -> None:
    rita, margaret = colleagues["Rita"], colleagues["Margaret"]
    feedback = services.feedback()
    threat = IncidentDraft(
        occurred_at=datetime(2026, 11, 24, 10, 0, tzinfo=UTC),
        kind=IncidentKind.THREAT_OF_VIOLENCE,
        description="Shouted <threats> at the desk & banged the screen",
        person="Man in a red coat",
    )
    with pytest.raises(ValidationError) as caught:
        feedback.record_incident(rita, threat)
    assert caught.value.field == "police_told"
    number = feedback.record_incident(rita, _with_police(threat))
    with pytest.raises(PermissionDenied):
        feedback.incidents(rita)
    logged = feedback.incidents(margaret)
    assert [i.id for i in logged] == [number]
    assert logged[0].description == "Shouted <threats> at the desk & banged the screen"
    assert logged[0].police_told and logged[0].police_reference == "NC-123"
    assert logged[0].recorded_by_name == "Rita Desk"
    # The shared event log says only that an incident was recorded.
    summaries = [e.summary for e in services.events.recent(colleagues["Margaret"], 10)]
    assert f"Incident #{number} recorded" in summaries
    assert not any("red coat" in s for s in summaries)
    with pytest.raises(ValidationError) as caught:
        feedback.record_incident(
            rita, _with_police(threat, occurred_at=datetime(2026, 11, 25, tzinfo=UTC))
        )
    assert caught.value.field == "occurred_at"


def _with_police(draft: IncidentDraft, **fields: object) -> IncidentDraft:
    import dataclasses

    return dataclasses.replace(draft, police_told=True, police_reference="NC-123", **fields)  # type: ignore[arg-type]
