"""SQLAlchemy records: one class per table. Never imported by the UI."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from reception_app.persistence.base import Base, str40, str120, str255


def utcnow() -> datetime:
    return datetime.now(UTC)


class OfficeRecord(Base):
    """An office profile as edited in Settings (seeded from resources/offices/*.toml)."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str40] = mapped_column(unique=True)
    name: Mapped[str120]
    site: Mapped[str120]
    address: Mapped[list[Any]]
    postcode: Mapped[str40]
    phone: Mapped[str40]
    email: Mapped[str255]
    website: Mapped[str255] = mapped_column(default="")
    timezone: Mapped[str40] = mapped_column(default="Europe/London")
    bank_holiday_region: Mapped[str] = mapped_column(String(3), default="ENG")
    out_of_hours: Mapped[str] = mapped_column(Text)
    directions: Mapped[str] = mapped_column(Text, default="")
    complaints_procedure: Mapped[str] = mapped_column(Text, default="")
    opening_hours: Mapped[dict[str, Any]]
    """Day name -> list of 'HH:MM-HH:MM' ranges, as in the TOML profile."""
    standards: Mapped[dict[str, Any]]
    """Channel key -> {clock name: {kind, amount}}, as in the TOML profile."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    days_off: Mapped[list[DayOffRecord]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="DayOffRecord.day"
    )
    services: Mapped[list[ServiceRecord]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="ServiceRecord.id"
    )
    desks: Mapped[list[DeskRecord]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="DeskRecord.id"
    )
    rooms: Mapped[list[InterviewRoomRecord]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="InterviewRoomRecord.id"
    )


class DayOffRecord(Base):
    """A closure day (office only) or an extra bank holiday (every calendar)."""

    __tablename__ = "office_days_off"
    __table_args__ = (
        UniqueConstraint("office_id", "day", "kind"),
        CheckConstraint("kind IN ('closure', 'bank_holiday')", name="kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str255] = mapped_column(default="")

    office: Mapped[OfficeRecord] = relationship(back_populates="days_off")


desk_services = Table(
    "desk_services",
    Base.metadata,
    Column("desk_id", ForeignKey("desks.id", ondelete="CASCADE"), primary_key=True),
    Column("service_id", ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
)


class ServiceRecord(Base):
    """An enquiry type visitors come for."""

    __tablename__ = "services"
    __table_args__ = (
        UniqueConstraint("office_id", "key"),
        CheckConstraint("default_minutes > 0", name="default_minutes_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    key: Mapped[str40]
    name: Mapped[str120]
    ticket_prefix: Mapped[str] = mapped_column(String(3))
    default_minutes: Mapped[int] = mapped_column(Integer, default=10)
    needs_room: Mapped[bool] = mapped_column(Boolean, default=False)
    team: Mapped[str120] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    what_to_bring: Mapped[str] = mapped_column(Text, default="")
    """Told to customers when an appointment is booked (confirmation letter)."""

    office: Mapped[OfficeRecord] = relationship(back_populates="services")


class DeskRecord(Base):
    """A desk or officer position; with no services listed it handles every service."""

    __tablename__ = "desks"
    __table_args__ = (UniqueConstraint("office_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    key: Mapped[str40]
    name: Mapped[str120]
    handles_all_services: Mapped[bool] = mapped_column(Boolean, default=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    office: Mapped[OfficeRecord] = relationship(back_populates="desks")
    services: Mapped[list[ServiceRecord]] = relationship(secondary=desk_services, lazy="selectin")
    """Loaded with the desks (one query for all of them), not desk by desk."""


class InterviewRoomRecord(Base):
    """A private interview room with its capacity, features and booking buffer."""

    __tablename__ = "interview_rooms"
    __table_args__ = (
        UniqueConstraint("office_id", "key"),
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("buffer_minutes >= 0", name="buffer_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    key: Mapped[str40]
    name: Mapped[str120]
    capacity: Mapped[int] = mapped_column(Integer, default=2)
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair_access: Mapped[bool] = mapped_column(Boolean, default=False)
    screen: Mapped[bool] = mapped_column(Boolean, default=False)
    buffer_minutes: Mapped[int] = mapped_column(Integer, default=10)
    location: Mapped[str255] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    hours: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    """Day name -> 'HH:MM-HH:MM' ranges when the room differs from the office; None: office hours."""

    office: Mapped[OfficeRecord] = relationship(back_populates="rooms")


class StaffRecord(Base):
    """A staff member who signs in or receives messages."""

    __tablename__ = "staff"
    __table_args__ = (
        UniqueConstraint("username"),
        CheckConstraint(
            "role IN ('receptionist', 'clerk', 'manager', 'officer')", name="role_known"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    username: Mapped[str40]
    full_name: Mapped[str120]
    role: Mapped[str] = mapped_column(String(20))
    team: Mapped[str120] = mapped_column(default="")
    is_team_lead: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str40] = mapped_column(default="")
    email: Mapped[str255] = mapped_column(default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    """Argon2 hash; None for someone who receives messages but never signs in."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(nullable=True)


class ContactRecord(Base):
    """A customer or contact, with the needs the desk must meet."""

    __tablename__ = "contacts"
    __table_args__ = (
        CheckConstraint(
            "preferred_format IN ('standard', 'large_print', 'braille', 'email')",
            name="preferred_format_known",
        ),
        CheckConstraint(
            "large_print_size IS NULL OR large_print_size IN (16, 18, 20, 24)",
            name="large_print_size_known",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(300))
    name_key: Mapped[str] = mapped_column(String(300), index=True)
    """``full_name`` case-folded in Python: SQLite's lower() only folds ASCII (Ŵ, Ł, Ó...)."""
    phone: Mapped[str40] = mapped_column(default="", index=True)
    email: Mapped[str255] = mapped_column(default="")
    address: Mapped[str] = mapped_column(Text, default="")
    """Address lines separated by newlines, without the postcode."""
    postcode: Mapped[str] = mapped_column(String(10), default="", index=True)
    preferred_format: Mapped[str] = mapped_column(String(20), default="standard")
    large_print_size: Mapped[int | None] = mapped_column(Integer, nullable=True)
    braille: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str120] = mapped_column(default="")
    bsl: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair_access: Mapped[bool] = mapped_column(Boolean, default=False)
    private_room: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    notify_by: Mapped[str] = mapped_column(String(10), default="none")
    """Consent and channel for texts and e-mails: 'none', 'sms' or 'email'."""
    notify_consent_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When they agreed (or last changed how); None while they have not."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""


class EventRecord(Base):
    """Append-only log: who did what to which record, and when.

    Rows are never updated or deleted: a guard in persistence.events refuses it in the ORM and
    triggers created by the first migration refuse it in the database.
    """

    __tablename__ = "event_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), nullable=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True, index=True)
    action: Mapped[str40]
    entity: Mapped[str40]
    entity_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    staff: Mapped[StaffRecord | None] = relationship()


class SettingRecord(Base):
    """A setting shared by every desk: global when office_id is null, else per office."""

    __tablename__ = "settings"
    __table_args__ = (UniqueConstraint("office_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int | None] = mapped_column(
        ForeignKey("offices.id", ondelete="CASCADE"), nullable=True
    )
    key: Mapped[str120]
    value: Mapped[Any] = mapped_column(JSON)


VISIT_STATUSES = ("waiting", "called", "serving", "served", "left", "cancelled")
VISIT_KINDS = ("walk_in", "appointment")


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class VisitRecord(Base):
    """A visitor at the front desk, from check-in to served or left.

    Tickets are unique per office and office-local day, so the database itself refuses a
    duplicate number even if two desks check visitors in at the same moment.
    """

    __tablename__ = "visits"
    __table_args__ = (
        UniqueConstraint("office_id", "ticket_day", "ticket"),
        Index("ix_visits_office_id_status", "office_id", "status"),
        CheckConstraint(_in("status", VISIT_STATUSES), name="status_known"),
        CheckConstraint(_in("kind", VISIT_KINDS), name="kind_known"),
        CheckConstraint("ticket_number > 0", name="ticket_number_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    ticket: Mapped[str] = mapped_column(String(12))
    """Prefix and number as called out, e.g. 'C014'."""
    ticket_prefix: Mapped[str] = mapped_column(String(3))
    """The service's prefix when the ticket was issued (the service's own may change later)."""
    ticket_number: Mapped[int] = mapped_column(Integer)
    ticket_day: Mapped[date] = mapped_column(Date)
    """The office-local date the ticket belongs to; numbering restarts each day."""
    # RESTRICT: a service is deactivated, never deleted, while visits refer to it.
    service_id: Mapped[int] = mapped_column(
        ForeignKey("services.id", ondelete="RESTRICT"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), nullable=True, index=True
    )
    display_name: Mapped[str120] = mapped_column(default="anonymous")
    """First name or 'anonymous': the only name public screens may show."""
    private_room: Mapped[bool] = mapped_column(Boolean, default=False)
    interpreter_language: Mapped[str120] = mapped_column(default="")
    hearing_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair_access: Mapped[bool] = mapped_column(Boolean, default=False)
    large_print: Mapped[bool] = mapped_column(Boolean, default=False)
    bsl: Mapped[bool] = mapped_column(Boolean, default=False)
    """A British Sign Language interpreter."""
    braille: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    notify_mobile: Mapped[str40] = mapped_column(default="")
    """A mobile the visitor gave at check-in for texts about their turn (their consent)."""
    kind: Mapped[str] = mapped_column(String(20), default="walk_in")
    status: Mapped[str] = mapped_column(String(20), default="waiting")
    checked_in_at: Mapped[datetime]
    called_at: Mapped[datetime | None] = mapped_column(nullable=True)
    served_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When the desk started serving (None: serving began when called)."""
    finished_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When the visit ended: served, left or cancelled."""
    desk_id: Mapped[int | None] = mapped_column(
        ForeignKey("desks.id", ondelete="SET NULL"), nullable=True
    )
    called_by: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    announced_wait_minutes: Mapped[float | None] = mapped_column(Float, nullable=True)
    """The estimate told to the visitor at check-in, kept to compare with the actual wait."""
    resolved_first_contact: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    follow_up_officer_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
    follow_up_target: Mapped[date | None] = mapped_column(Date, nullable=True)
    position: Mapped[float] = mapped_column(Float)
    """Calling order among waiting visits: moving a ticket is one update of this number."""
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    """A manager's hold: retention leaves the record alone while it is set."""
    purged_at: Mapped[datetime | None] = mapped_column(nullable=True)
    """When retention removed its personal details (None: not yet)."""

    service: Mapped[ServiceRecord] = relationship()
    desk: Mapped[DeskRecord | None] = relationship()


class DeskDutyRecord(Base):
    """One line of the desk rota: a desk is staffed on a weekday from ``start`` to ``end``.

    A desk with no rota lines is taken to be staffed whenever the office is open.
    """

    __tablename__ = "desk_duties"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_known"),
        CheckConstraint('start < "end"', name="start_before_end"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id", ondelete="CASCADE"), index=True)
    weekday: Mapped[int] = mapped_column(Integer)
    """0 = Monday."""
    start: Mapped[str] = mapped_column(String(5))
    """'HH:MM' office-local, zero-padded so text order is time order."""
    end: Mapped[str] = mapped_column(String(5))
    staff_id: Mapped[int | None] = mapped_column(
        ForeignKey("staff.id", ondelete="SET NULL"), nullable=True
    )


class DeskPauseRecord(Base):
    """A break: the desk calls nobody from ``started_at`` until ``ended_at`` (None: still on it)."""

    __tablename__ = "desk_pauses"

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("desks.id", ondelete="CASCADE"), index=True)
    started_at: Mapped[datetime]
    ended_at: Mapped[datetime | None] = mapped_column(nullable=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), nullable=True)
