"""Appointments, officer working patterns, absences and interview room bookings (issue 4).

Registered on Base.metadata with every other record module through all_records.py."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reception_app.persistence.base import Base, str120, str255
from reception_app.persistence.records import (
    ContactRecord,
    InterviewRoomRecord,
    ServiceRecord,
    StaffRecord,
    VisitRecord,
    utcnow,
)

APPOINTMENT_STATUSES = ("booked", "arrived", "seen", "no_show", "cancelled")
PLACES = ("desk", "room", "phone", "home")
ROOM_BOOKING_STATUSES = ("booked", "released", "cancelled")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class StaffHoursRecord(Base):
    """One line of an officer's working pattern; an officer with none works the office's hours."""

    __tablename__ = "staff_hours"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_known"),
        CheckConstraint('start < "end"', name="start_before_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    start: Mapped[str] = mapped_column(String(5))
    """'HH:MM' office-local, zero-padded."""
    end: Mapped[str] = mapped_column(String(5))


class StaffAbsenceRecord(Base):
    """Leave, training or sickness: no appointments from ``first_day`` to ``last_day``."""

    __tablename__ = "staff_absences"
    __table_args__ = (CheckConstraint("first_day <= last_day", name="days_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="CASCADE"), index=True)
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    reason: Mapped[str120] = mapped_column(default="")


class AppointmentRecord(Base):
    """A booked meeting with a customer: who, when, where, and what happened."""

    __tablename__ = "appointments"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        CheckConstraint(_in("status", APPOINTMENT_STATUSES), name="status_known"),
        CheckConstraint(_in("place", PLACES), name="place_known"),
        CheckConstraint("people > 0", name="people_positive"),
        Index("ix_appointments_staff_id_starts_at", "staff_id", "starts_at"),
        Index("ix_appointments_office_id_starts_at", "office_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    customer_name: Mapped[str] = mapped_column(String(300))
    """As booked (kept when the contact record is later removed)."""
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id", ondelete="RESTRICT"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id", ondelete="RESTRICT"))
    any_officer: Mapped[bool] = mapped_column(Boolean, default=False)
    """Booked with "any officer of the team": the desk may hand it to a colleague."""
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(10), default="desk")
    home_address: Mapped[str] = mapped_column(Text, default="")
    people: Mapped[int] = mapped_column(Integer, default=2)
    """Everyone attending, the officer included (checked against the room's capacity)."""
    interpreter_language: Mapped[str120] = mapped_column(default="")
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair_access: Mapped[bool] = mapped_column(Boolean, default=False)
    large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="booked")
    cancel_reason: Mapped[str255] = mapped_column(default="")
    arrived_at: Mapped[datetime | None] = mapped_column(nullable=True)
    seen_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When the officer called the visitor in (compared with ``starts_at`` for on-time)."""
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    visit_id: Mapped[int | None] = mapped_column(
        ForeignKey("visits.id", ondelete="SET NULL"), nullable=True, unique=True
    )
    """The queue entry made when the visitor arrived."""
    delay_reason: Mapped[str255] = mapped_column(default="")
    delay_new_time: Mapped[datetime | None] = mapped_column(nullable=True)
    delay_told_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    delay_told_at: Mapped[datetime | None] = mapped_column(nullable=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""

    service: Mapped[ServiceRecord] = relationship()
    staff: Mapped[StaffRecord] = relationship(foreign_keys=[staff_id])
    contact: Mapped[ContactRecord | None] = relationship()
    visit: Mapped[VisitRecord | None] = relationship()
    room_booking: Mapped[RoomBookingRecord | None] = relationship(
        back_populates="appointment", uselist=False
    )


class RoomBookingRecord(Base):
    """An interview room taken from ``starts_at`` to ``ends_at`` (the room's buffer comes on
    top), for an appointment or on its own."""

    __tablename__ = "room_bookings"
    __table_args__ = (
        CheckConstraint("starts_at < ends_at", name="starts_before_ends"),
        CheckConstraint(_in("status", ROOM_BOOKING_STATUSES), name="status_known"),
        Index("ix_room_bookings_room_id_starts_at", "room_id", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    room_id: Mapped[int] = mapped_column(ForeignKey("interview_rooms.id", ondelete="RESTRICT"))
    appointment_id: Mapped[int | None] = mapped_column(
        ForeignKey("appointments.id", ondelete="CASCADE"), nullable=True, unique=True
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    purpose: Mapped[str255] = mapped_column(default="")
    people: Mapped[int] = mapped_column(Integer, default=2)
    status: Mapped[str] = mapped_column(String(12), default="booked")
    series: Mapped[str | None] = mapped_column(String(40), nullable=True, index=True)
    """Shared by the bookings of one repeat booking."""
    booked_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(nullable=True)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""

    room: Mapped[InterviewRoomRecord] = relationship()
    appointment: Mapped[AppointmentRecord | None] = relationship(back_populates="room_booking")
