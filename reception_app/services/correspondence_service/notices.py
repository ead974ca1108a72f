"""E-mails (or texts) to the writer of a letter or e-mail: the acknowledgement with the
reference, the named contact and the reply date, and a holding response with the same words as
the holding letter. Queued in the transaction of the action, only with the contact's consent."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy.orm import Session

from reception_app.domain.letters import LetterTemplate, parse_template
from reception_app.domain.letters.filling import fill
from reception_app.domain.notifications import NotificationKind
from reception_app.persistence.correspondence_records import CorrespondenceRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import ContactRecord, OfficeRecord
from reception_app.services.notifications.outbox import notify_contact

HOLDING_LETTER = "holding_response"
"""The letter whose words a holding response e-mail carries."""


def _letter_values(
    session: Session, office: OfficeRecord, record: CorrespondenceRecord
) -> dict[str, str]:
    # Imported here: the letter service brings ReportLab, which the desk does not need to start.
    from reception_app.services.letter_service.sources import BUILDERS, office_values

    found = BUILDERS["correspondence"](session, office, record.id)
    return {**office_values(office), **found.values}


def _notify(
    session: Session,
    office: OfficeRecord,
    record: CorrespondenceRecord,
    kind: NotificationKind,
    values: Mapping[str, str],
    now: datetime,
) -> NotificationRecord | None:
    contact = session.get(ContactRecord, record.contact_id) if record.contact_id else None
    if contact is None:
        return None
    return notify_contact(
        session,
        office=office,
        contact=contact,
        kind=kind,
        values=values,
        now=now,
        subject_kind="correspondence",
        subject_id=record.id,
    )


def notice_received(
    session: Session, office: OfficeRecord, record: CorrespondenceRecord, now: datetime
) -> NotificationRecord | None:
    """The acknowledgement: their reference, who is dealing with it, when to expect a reply."""
    letter = _letter_values(session, office, record)
    values = {
        name: letter.get(source, "")
        for name, source in (
            ("reference", "reference"),
            ("contact_name", "contact_name"),
            ("contact_phone", "contact_phone"),
            ("contact_email", "contact_email"),
            ("reply_date", "response_date"),
        )
    }
    return _notify(session, office, record, NotificationKind.CORRESPONDENCE_RECEIVED, values, now)


def holding_letter(template: LetterTemplate, values: Mapping[str, str]) -> str:
    """The holding letter's words as plain text: its paragraphs and headings, then the sign-off
    (no letterhead or postal address: the e-mail comes from the office and goes to them)."""
    known = defaultdict(str, values)  # a value the record lacks is left out, not an error
    parts = [fill(block.text, known).strip() for block in template.body]
    sign_off = [template.sign_off, values.get("contact_name", ""), values.get("office_name", "")]
    parts.append("\n".join(line for line in sign_off if line.strip()))
    return "\n\n".join(p for p in parts if p)


def notice_holding(
    session: Session, office: OfficeRecord, record: CorrespondenceRecord, now: datetime
) -> NotificationRecord | None:
    """A holding response by e-mail, in the words of the holding letter (recorded just before)."""
    from reception_app.services.letter_service import load_shipped_templates

    template = parse_template(HOLDING_LETTER, load_shipped_templates()[HOLDING_LETTER])
    values = _letter_values(session, office, record)
    text = holding_letter(template, values)
    extra = {"reference": values.get("reference", ""), "letter_text": text}
    return _notify(session, office, record, NotificationKind.HOLDING_RESPONSE, extra, now)
