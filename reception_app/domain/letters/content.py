"""The filled-in letter, ready to set on paper or in braille."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reception_app.domain.errors import ValidationError
from reception_app.domain.letters.filling import check_values, fill, written_dates
from reception_app.domain.letters.templates import Block, LetterTemplate


@dataclass(frozen=True, slots=True)
class LetterContent:
    """A letter ready to set on paper or in braille: all customer text still plain (unescaped)."""

    title: str
    """The PDF title."""
    author: str
    """The office (the PDF author)."""
    letterhead: tuple[str, ...]
    """The office's name first, then its address and how to reach it."""
    recipient: tuple[str, ...]
    """Name, address lines and postcode."""
    date_text: str
    reference: str
    contact_name: str
    subject: str
    blocks: tuple[Block, ...]
    sign_off: tuple[str, ...]
    """'Yours sincerely,', the contact's name, the office, phone and email."""
    contact_phone: str = ""
    contact_email: str = ""
    postal: bool = True
    """False: no postal address, the letter is for attaching to an e-mail reply (the address
    block says "By email: ...") and is left out of a batch sent to the printer."""


def build_content(
    template: LetterTemplate,
    values: Mapping[str, str],
    *,
    letterhead: Sequence[str],
    recipient_name: str,
    recipient_address: Sequence[str],
    recipient_postcode: str,
    author: str,
    recipient_email: str = "",
) -> LetterContent:
    """Check the values and fill the template; ValidationError names what is missing. With no
    postal address but an e-mail address (correspondence that came by e-mail) the letter is
    made for attaching to the reply."""
    if not recipient_name.strip():
        raise ValidationError("The letter needs the customer's name.", "customer_name")
    address = [line.strip() for line in recipient_address if line.strip()]
    email_to = recipient_email.strip()
    if not address and not email_to:
        raise ValidationError(
            f"{recipient_name.strip()[:60]} has no address on their record, so a letter cannot "
            "be posted. Add the address to the contact first.",
            "address",
        )
    values = written_dates(values)  # "2026-12-18" typed on the command line reads as a date
    check_values(template, values)
    lines = [recipient_name.strip(), *address]
    if recipient_postcode.strip():
        lines.append(recipient_postcode.strip())
    if not address:
        lines.append(f"By email: {email_to}")
    contact_name = values.get("contact_name", "").strip()
    phone = values.get("contact_phone", "").strip()
    email = values.get("contact_email", "").strip()
    # A signature starts with a capital ("The reception team"), though the same words read
    # "please call the reception team" in the body.
    signed = contact_name[:1].upper() + contact_name[1:]
    sign_off = [template.sign_off, signed, values.get("office_name", author)]
    if phone:
        sign_off.append(f"Phone: {phone}")
    if email:
        sign_off.append(f"Email: {email}")
    return LetterContent(
        title=f"{template.title} ({values.get('reference', '').strip()})".replace(" ()", ""),
        author=author,
        letterhead=tuple(line for line in letterhead if line.strip()),
        recipient=tuple(lines),
        date_text=values.get("today", ""),
        reference=values.get("reference", ""),
        contact_name=contact_name,
        subject=fill(template.subject, values),
        blocks=tuple(Block(b.kind, fill(b.text, values)) for b in template.body),
        sign_off=tuple(s for s in sign_off if s),
        contact_phone=phone,
        contact_email=email,
        postal=bool(address),
    )


def letter_lines(content: LetterContent) -> list[str]:
    """The letter as plain lines, in reading order ("" between blocks): for braille and search."""
    out: list[str] = [*content.letterhead, ""]
    out += [*content.recipient, ""]
    out.append(content.date_text)
    if content.reference:
        out.append(f"Our reference: {content.reference}")
    if content.contact_name:
        out.append(f"Please ask for: {content.contact_name}")
    out += ["", content.subject, ""]
    for block in content.blocks:
        out += block.text.split("\n")
        out.append("")
    out += list(content.sign_off)
    return out
