"""Office profiles at run time: seeding, the running office, its calendar, status and edits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from reception_app.domain.calendar import OfficeCalendar
from reception_app.domain.closing_time import opening_now
from reception_app.domain.deadlines import DeadlineEngine
from reception_app.domain.errors import ValidationError
from reception_app.domain.offices import OfficeProfile, shipped_profile, shipped_profile_keys
from reception_app.domain.people import StaffMember
from reception_app.domain.settings import ACTIVE_OFFICE_KEY, SETTINGS
from reception_app.domain.standards import CHANNELS, ChannelStandard
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.office_repository import (
    get_office,
    office_keys,
    profile_from_record,
    record_from_profile,
)
from reception_app.persistence.records import OfficeRecord, StaffRecord
from reception_app.persistence.settings_repository import get_setting, put_setting, read_setting
from reception_app.services.context import actor_id
from reception_app.services.office_scoped import require_manager
from reception_app.services.office_setup import OfficeSetup

__all__ = ["OfficeService", "OfficeStatus", "require_manager"]


@dataclass(frozen=True)
class OfficeStatus:
    """What the status bar says: open or closed, and what to tell a caller when closed."""

    office_name: str
    local_now: datetime
    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None
    out_of_hours: str
    reason_closed: str
    """'' when open; otherwise e.g. 'Christmas Day (bank holiday)' or 'outside opening hours'."""


class OfficeService(OfficeSetup):
    """The offices of the database and the running one: seeding, choosing, reading, settings;
    editing the set-up comes from ``OfficeSetup``."""

    # --- set-up -------------------------------------------------------------------------------

    def seed_shipped_profiles(self) -> list[str]:
        """Copy every shipped profile that is not yet in the database; returns the keys added."""
        added = []
        with transaction(self._factory) as session:
            existing = set(office_keys(session))
            for key in shipped_profile_keys():
                if key in existing:
                    continue
                record = record_from_profile(shipped_profile(key))
                session.add(record)
                session.flush()
                log_event(
                    session,
                    at=self._clock(),
                    action="created",
                    entity="office",
                    entity_id=record.id,
                    office_id=record.id,
                    summary=f"Office profile {record.name} loaded from {key}.toml",
                )
                added.append(key)
        return added

    def office_keys(self) -> list[str]:
        with transaction(self._factory, write=False) as session:
            return office_keys(session)

    def office_names(self) -> dict[str, str]:
        with transaction(self._factory, write=False) as session:
            rows = session.execute(
                select(OfficeRecord.key, OfficeRecord.name).order_by(OfficeRecord.name)
            )
            return {key: name for key, name in rows}

    def ensure_active_office(self) -> str | None:
        """Choose the running office when none is set but staff exist (e.g. sample data loaded
        from the command line): the office with the most staff. None while there are no staff."""
        with transaction(self._factory) as session:
            key = get_setting(session, ACTIVE_OFFICE_KEY)
            if key:
                return str(key)
            row = session.execute(
                select(OfficeRecord.key, OfficeRecord.id)
                .join(StaffRecord, StaffRecord.office_id == OfficeRecord.id)
                .group_by(OfficeRecord.key, OfficeRecord.id)
                .order_by(func.count(StaffRecord.id).desc(), OfficeRecord.key)
            ).first()
            if row is None:
                return None
            put_setting(session, ACTIVE_OFFICE_KEY, row.key)
            log_event(
                session,
                at=self._clock(),
                action="settings_changed",
                entity="office",
                entity_id=row.id,
                office_id=row.id,
                summary=f"Running office set to {row.key} (the office whose staff exist)",
            )
            return str(row.key)

    def active_office_key(self) -> str | None:
        """The office this desk works for: its own (machine.json) or the database's running one."""
        with transaction(self._factory, write=False) as session:
            return self._running_key(session)

    def set_active_office(self, key: str, actor: StaffMember | None) -> None:
        """Choose the office every desk on this database runs for (managers only)."""
        require_manager(actor)
        with transaction(self._factory) as session:
            require_manager(actor, session)
            record = get_office(session, key)
            put_setting(session, ACTIVE_OFFICE_KEY, key)
            log_event(
                session,
                at=self._clock(),
                action="settings_changed",
                entity="office",
                entity_id=record.id,
                office_id=record.id,
                staff_id=actor_id(actor),
                summary=f"Running office set to {record.name}",
            )

    def office_id(self, key: str | None = None) -> int:
        with transaction(self._factory, write=False) as session:
            return self._office(session, key).id

    # --- reading ------------------------------------------------------------------------------

    def profile(self, key: str | None = None) -> OfficeProfile:
        with transaction(self._factory, write=False) as session:
            return profile_from_record(self._office(session, key))

    def calendar(self, key: str | None = None) -> OfficeCalendar:
        return OfficeCalendar.from_profile(self.profile(key))

    def deadline_engine(self, key: str | None = None) -> DeadlineEngine:
        return DeadlineEngine.from_profile(self.profile(key))

    def status(self, key: str | None = None) -> OfficeStatus:
        profile = self.profile(key)
        calendar = OfficeCalendar.from_profile(profile)
        state = opening_now(profile, calendar, self._clock())
        return OfficeStatus(
            office_name=profile.name,
            local_now=state.local_now,
            is_open=state.is_open,
            closes_at=state.closes_at,
            next_opening=None if state.is_open else calendar.next_opening(state.local_now),
            out_of_hours=profile.out_of_hours,
            reason_closed=state.reason_closed,
        )

    def setting(self, key: str, office_key: str | None = None) -> int:
        with transaction(self._factory, write=False) as session:
            return read_setting(session, key, self._office(session, office_key).id)

    def put_setting(self, key: str, value: int, actor: StaffMember | None) -> None:
        self.put_settings({key: value}, actor)

    def set_standard(self, standard: ChannelStandard, actor: StaffMember | None) -> None:
        """Change one channel's clocks (e.g. the complaints procedure); at least one clock."""
        require_manager(actor)
        if standard.channel not in CHANNELS:
            raise ValidationError(f"There is no channel '{standard.channel}'.", "channel")
        if not standard.clocks():
            raise ValidationError("Keep at least one clock for this channel.", "clocks")
        with transaction(self._factory) as session:
            require_manager(actor, session)
            record = self._office(session, None)
            record.standards = {**record.standards, standard.channel: standard.to_dict()}
            log_event(
                session,
                at=self._clock(),
                action="updated",
                entity="standard",
                office_id=record.id,
                staff_id=actor_id(actor),
                summary=f"Standard for {CHANNELS[standard.channel]}: "
                + "; ".join(
                    f"{name} {rule.describe()}" for name, rule in standard.clocks().items()
                ),
                details={"channel": standard.channel, "clocks": standard.to_dict()},
            )

    def put_settings(self, values: dict[str, int], actor: StaffMember | None) -> None:
        """Save several settings in one transaction: all of them or none."""
        require_manager(actor)
        checked = {key: SETTINGS[key].check(value) for key, value in values.items()}
        with transaction(self._factory) as session:
            require_manager(actor, session)
            office = self._office(session, None)
            for key, value in checked.items():
                spec = SETTINGS[key]
                put_setting(session, key, value, office.id if spec.per_office else None)
                log_event(
                    session,
                    at=self._clock(),
                    action="settings_changed",
                    entity="setting",
                    office_id=office.id,
                    staff_id=actor_id(actor),
                    summary=f"{spec.label}: {value} {spec.unit}",
                    details={"key": key, "value": value},
                )
