"""Letters produced and sent (issue 6).

Registered on Base.metadata with every other record module through all_records.py."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reception_app.persistence.base import Base, str40, str120

LETTER_SOURCE_KINDS = ("contact", "appointment", "correspondence", "message")
LETTER_FORMATS = ("standard", "large_print", "braille")
LETTER_STATUSES = ("sent", "awaiting_braille")
LETTER_DELIVERIES = ("printed", "pdf")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class LetterRecord(Base):
    """One letter printed or saved, recorded against the record it was written from.

    Written only after the printer or the file accepted the letter, so a failed or cancelled
    print leaves nothing marked as sent. ``source_kind``/``source_id`` point at a contact,
    appointment, correspondence item or message (no foreign key: the kinds live in different
    tables); ``contact_id`` is kept as well so a customer's letters can be listed.
    """

    __tablename__ = "letters_sent"
    __table_args__ = (
        Index("ix_letters_sent_source", "source_kind", "source_id"),
        CheckConstraint(_in("source_kind", LETTER_SOURCE_KINDS), name="source_kind_known"),
        CheckConstraint(_in("format", LETTER_FORMATS), name="format_known"),
        CheckConstraint(_in("status", LETTER_STATUSES), name="status_known"),
        CheckConstraint(_in("delivery", LETTER_DELIVERIES), name="delivery_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    source_kind: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int] = mapped_column(Integer)
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    template_key: Mapped[str40]
    template_title: Mapped[str120]
    reference: Mapped[str40] = mapped_column(default="")
    format: Mapped[str] = mapped_column(String(20))
    font_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    """Body size in points (None for braille-only)."""
    status: Mapped[str] = mapped_column(String(20))
    """'sent', or 'awaiting_braille' when braille was asked for but could not be produced here."""
    delivery: Mapped[str] = mapped_column(String(20))
    """'printed' or 'pdf' (saved as a file)."""
    file_name: Mapped[str] = mapped_column(Text, default="")
    """Where the PDF was saved (empty when printed)."""
    sent_at: Mapped[datetime]
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True
    )
