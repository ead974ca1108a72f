"""Retention (issue 12, DOMAIN.md 9): the council's schedule, legal holds, and the daily purge.

The purge works in batches, each its own short write transaction (docs/concurrency.md): the
ids due are read in a read-only snapshot, then each batch of ``batch_size`` is checked again
and cleared under the write lock, so a desk waits at most one batch. A real run writes one
audit entry with the counts; a dry run only counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from reception_app.domain.errors import NotFoundError, ValidationError
from reception_app.domain.people import COMMAND_LINE, StaffMember
from reception_app.domain.retention import (
    LAST_RUN_SETTING,
    SCHEDULE_SETTING,
    Schedule,
    backup_survival_text,
    is_due,
)
from reception_app.persistence.engine import transaction
from reception_app.persistence.events import log_event
from reception_app.persistence.letter_records import LetterRecord
from reception_app.persistence.notification_records import NotificationRecord
from reception_app.persistence.records import ContactRecord, OfficeRecord
from reception_app.persistence.settings_repository import get_setting, put_setting
from reception_app.services.context import ServiceContext
from reception_app.services.office_scoped import OfficeScoped, require_manager
from reception_app.services.retention.clearing import clear_letters, clear_records
from reception_app.services.retention.holds import HELD_KINDS
from reception_app.services.retention.rules import (
    CONTACTS,
    RULES,
    Cutoffs,
    Rule,
    cutoffs_for,
    due_ids,
)

Actor = StaffMember
"""A signed-in manager, or ``COMMAND_LINE`` (the command line without --staff, and the app's
daily run)."""

BATCH_SIZE = 400
REVIEWED_BY_A_MANAGER = frozenset({"incidents"})
"""Left out of the automatic daily run: purged when a manager (or the command line) runs it."""
CONTACTS_KEY = "contacts removed"
LETTERS_KEY = "letters"
NOTIFICATIONS_KEY = "texts and e-mails"


@dataclass
class RunResult:
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    """Records (per kind) that lost, or would lose, their personal details; contacts removed."""
    seconds: float = 0.0
    longest_write_seconds: float = 0.0
    """The longest write transaction of the run (from asking for the lock to the commit)."""
    longest_write_kind: str = ""
    files_deleted: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class RetentionService(OfficeScoped):
    """The retention schedule and purge of one office. Manager-only (or the command line)."""

    def __init__(
        self, context: ServiceContext, office_key: str, batch_size: int = BATCH_SIZE
    ) -> None:
        super().__init__(context, office_key)
        self._batch = batch_size

    # --- the schedule -------------------------------------------------------------------------

    def schedule(self) -> Schedule:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            return Schedule.from_json(get_setting(session, SCHEDULE_SETTING, office.id))

    def save_schedule(self, actor: Actor, schedule: Schedule) -> None:
        with transaction(self._factory) as session:
            check_actor(actor, session)
            office = self._office(session)
            before = Schedule.from_json(get_setting(session, SCHEDULE_SETTING, office.id))
            put_setting(session, SCHEDULE_SETTING, schedule.to_json(), office.id)
            changed = [
                f"{k.label}: {schedule.period(k).text}"
                for k in schedule.periods
                if schedule.period(k) != before.period(k)
            ]
            log_event(
                session,
                at=self._clock(),
                action="retention_schedule",
                entity="office",
                entity_id=office.id,
                staff_id=staff_id_of(actor),
                office_id=office.id,
                summary="Retention schedule set" + (": " + "; ".join(changed) if changed else ""),
                details=schedule.to_json(),
            )

    def last_run(self) -> date | None:
        with transaction(self._factory, write=False) as session:
            value = get_setting(session, LAST_RUN_SETTING, self._office(session).id)
        return date.fromisoformat(value) if isinstance(value, str) else None

    def is_due(self) -> bool:
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            value = get_setting(session, LAST_RUN_SETTING, office.id)
            today = self._today(office)
        return is_due(date.fromisoformat(value) if isinstance(value, str) else None, today)

    # --- legal hold ---------------------------------------------------------------------------

    @staticmethod
    def backup_note() -> str:
        """How long removed details survive in the automatic backups (their rotation)."""
        from reception_app.persistence.backup import KEEP_DAILY, KEEP_WEEKLY

        return backup_survival_text(KEEP_DAILY, KEEP_WEEKLY)

    def legal_hold(self, what: str, record_id: int) -> bool:
        """Whether the record is on legal hold (False for one that does not exist)."""
        model = HELD_KINDS.get(what)
        if model is None:
            return False
        with transaction(self._factory, write=False) as session:
            office = self._office(session)
            record = session.get(model, record_id)
            return bool(record is not None and record.office_id == office.id and record.legal_hold)

    def set_legal_hold(self, actor: Actor, what: str, record_id: int, held: bool) -> None:
        """Put a record (or a contact and so all their records) on hold, or take it off."""
        model = HELD_KINDS.get(what)
        if model is None:
            raise ValidationError(
                f"'{what}' cannot be held; choose one of {', '.join(HELD_KINDS)}.", "kind"
            )
        with transaction(self._factory) as session:
            check_actor(actor, session)
            office = self._office(session)
            record = session.get(model, record_id)
            if record is None or record.office_id != office.id:
                raise NotFoundError(f"There is no {what.replace('_', ' ')} {record_id}.")
            record.legal_hold = held
            log_event(
                session,
                at=self._clock(),
                action="legal_hold" if held else "legal_hold_lifted",
                entity=what,
                entity_id=record_id,
                staff_id=staff_id_of(actor),
                office_id=office.id,
                summary=f"Legal hold {'set on' if held else 'lifted from'} {what} {record_id}",
            )

    # --- the purge ----------------------------------------------------------------------------

    def run(
        self,
        actor: Actor,
        *,
        dry_run: bool = False,
        skip: frozenset[str] = frozenset(),
        on_batch: Callable[[str, int], None] | None = None,
    ) -> RunResult:
        """Remove the personal details of every record past its period (or count them).

        ``skip`` names rules left for later (the daily run leaves incidents to a manager)."""
        started = time.perf_counter()
        with transaction(self._factory, write=False) as session:
            check_actor(actor, session)
            office = self._office(session)
            office_id, today = office.id, self._today(office)
            schedule = Schedule.from_json(get_setting(session, SCHEDULE_SETTING, office_id))
            cutoffs = cutoffs_for(schedule, today, _local_midnight(office))
            if dry_run:
                result = RunResult(True, _count_due(session, office_id, cutoffs, skip))
                result.seconds = time.perf_counter() - started
                return result
            plans = [
                (rule, list(session.scalars(due_ids(rule, office_id, cutoffs))))
                for rule in RULES
                if rule.key not in skip
            ]
        result = RunResult(False)
        now = self._clock()
        files: list[str] = []
        for rule, ids in plans:
            result.counts[rule.key] = 0
            for chunk in _chunks(ids, self._batch):
                done = self._timed(
                    result,
                    rule.key,
                    partial(
                        _purge_batch, rule=rule, chunk=chunk, cutoffs=cutoffs, now=now, files=files
                    ),
                )
                result.counts[rule.key] += done
                if on_batch is not None:
                    on_batch(rule.key, done)
        self._finish(actor, result, office_id, cutoffs, files, today)
        result.seconds = time.perf_counter() - started
        return result

    def run_if_due(self) -> RunResult | None:
        """The daily run (at start-up): None when it has already run today.

        The day is claimed first, in one write transaction, so of several desks started
        together only one runs it."""
        with transaction(self._factory) as session:
            office = self._office(session)
            value = get_setting(session, LAST_RUN_SETTING, office.id)
            today = self._today(office)
            if not is_due(date.fromisoformat(value) if isinstance(value, str) else None, today):
                return None
            put_setting(session, LAST_RUN_SETTING, today.isoformat(), office.id)
        return self.run(COMMAND_LINE, skip=REVIEWED_BY_A_MANAGER)

    def _timed(self, result: RunResult, key: str, work: Callable[[Session], int]) -> int:
        begun = time.perf_counter()
        with transaction(self._factory) as session:
            done = work(session)
        held = time.perf_counter() - begun
        if held > result.longest_write_seconds:
            result.longest_write_seconds, result.longest_write_kind = held, key
        return done

    def _finish(
        self,
        actor: Actor,
        result: RunResult,
        office_id: int,
        cutoffs: Cutoffs,
        files: list[str],
        today: date,
    ) -> None:
        letters = self._letters_of_contacts(result, office_id, cutoffs, files)
        result.counts[LETTERS_KEY] = result.counts.get(LETTERS_KEY, 0) + letters
        result.counts[CONTACTS_KEY] = self._remove_contacts(result, office_id, cutoffs)
        result.files_deleted = delete_files(files)
        with transaction(self._factory) as session:
            put_setting(session, LAST_RUN_SETTING, today.isoformat(), office_id)
            log_event(
                session,
                at=self._clock(),
                action="retention_run",
                entity="office",
                entity_id=office_id,
                staff_id=staff_id_of(actor),
                office_id=office_id,
                summary=f"Retention: personal details removed from {result.total} records "
                f"({result.counts[CONTACTS_KEY]} contacts removed)",
                details={"counts": result.counts, "files_deleted": result.files_deleted},
            )

    def _letters_of_contacts(
        self, result: RunResult, office_id: int, cutoffs: Cutoffs, files: list[str]
    ) -> int:
        with transaction(self._factory, write=False) as session:
            ids = list(
                session.scalars(
                    select(LetterRecord.id).where(CONTACTS.letters_due(office_id, cutoffs))
                )
            )
        done = 0
        for chunk in _chunks(ids, self._batch):
            done += self._timed(
                result,
                LETTERS_KEY,
                partial(clear_letters, where=LetterRecord.id.in_(chunk), files=files),
            )
        return done

    def _remove_contacts(self, result: RunResult, office_id: int, cutoffs: Cutoffs) -> int:
        with transaction(self._factory, write=False) as session:
            ids = sorted(removable_contacts(session, office_id, cutoffs))
        done = 0
        for chunk in _chunks(ids, self._batch):
            work = partial(_remove_contacts, chunk=chunk, office_id=office_id, cutoffs=cutoffs)
            done += self._timed(result, CONTACTS_KEY, work)
        return done


def _remove_contacts(
    session: Session, *, chunk: Sequence[int], office_id: int, cutoffs: Cutoffs
) -> int:
    """Delete the contacts of ``chunk`` nothing names any more, checked again under the lock
    one table at a time (an IN list per table: an index look-up whatever the statistics say)."""
    c = ContactRecord
    still = set(
        session.scalars(select(c.id).where(c.id.in_(chunk), CONTACTS.candidate(office_id, cutoffs)))
    )
    for model in CONTACTS.referring:
        if not still:
            return 0
        named = select(model.contact_id).where(model.contact_id.in_(sorted(still))).distinct()
        still -= set(session.scalars(named))
    if not still:
        return 0
    gone = session.execute(
        delete(c).where(c.id.in_(sorted(still))).execution_options(synchronize_session=False)
    )
    return int(getattr(gone, "rowcount", 0) or 0)


def _purge_batch(
    session: Session,
    *,
    rule: Rule,
    chunk: Sequence[int],
    cutoffs: Cutoffs,
    now: datetime,
    files: list[str],
) -> int:
    """Clear one batch (checked again under the write lock); returns how many were cleared."""
    model = rule.model
    office_id = session.scalar(select(model.office_id).where(model.id.in_(chunk)).limit(1))
    if office_id is None:
        return 0
    ids = list(
        session.scalars(select(model.id).where(model.id.in_(chunk), rule.due(office_id, cutoffs)))
    )
    clear_records(session, rule, ids, now, files)
    return len(ids)


def _count_due(
    session: Session, office_id: int, cutoffs: Cutoffs, skip: frozenset[str]
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for rule in RULES:
        if rule.key in skip:
            continue
        due = rule.due(office_id, cutoffs)
        counts[rule.key] = int(
            session.scalar(select(func.count()).select_from(rule.model).where(due)) or 0
        )
    counts[LETTERS_KEY] = int(
        session.scalar(
            select(func.count())
            .select_from(LetterRecord)
            .where(
                or_(
                    CONTACTS.letters_due(office_id, cutoffs),
                    *[
                        and_(
                            LetterRecord.source_kind == rule.source_kind,
                            LetterRecord.source_id.in_(due_ids(rule, office_id, cutoffs)),
                        )
                        for rule in RULES
                        if rule.source_kind
                    ],
                )
            )
        )
        or 0
    )
    counts[CONTACTS_KEY] = _contacts_left_without_records(session, office_id, cutoffs)
    return counts


def _contacts_left_without_records(session: Session, office_id: int, cutoffs: Cutoffs) -> int:
    """Contacts every record of which is due (letters and texts go with their records)."""
    return len(removable_contacts(session, office_id, cutoffs, counting_due_as_gone=True))


def removable_contacts(
    session: Session, office_id: int, cutoffs: Cutoffs, *, counting_due_as_gone: bool = False
) -> set[int]:
    """The contacts nothing names (or, counting, nothing that is kept): one pass per table
    rather than a correlated look-up per contact, so the plan does not depend on statistics."""
    left = set(
        session.scalars(select(ContactRecord.id).where(CONTACTS.candidate(office_id, cutoffs)))
    )
    for model in CONTACTS.referring:
        if not left:
            break
        named = select(model.id, model.contact_id).where(model.contact_id.is_not(None))
        if not counting_due_as_gone:
            left -= {cid for _id, cid in session.execute(named)}
            continue
        if model in (LetterRecord, NotificationRecord):
            continue
        rules = [r for r in RULES if r.model is model and r.has_contact]
        due: set[int] = set()
        for rule in rules:
            due |= set(session.scalars(select(model.id).where(rule.due(office_id, cutoffs))))
        left -= {cid for id_, cid in session.execute(named) if id_ not in due}
    return left


def _chunks(ids: Sequence[int], size: int) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def delete_files(names: list[str]) -> int:
    deleted = 0
    for name in names:
        path = Path(name)
        try:
            if path.is_file() and not path.is_symlink():
                path.unlink()
                deleted += 1
        except OSError:
            continue
    return deleted


def _local_midnight(office: OfficeRecord) -> Callable[[date], datetime]:
    zone = ZoneInfo(office.timezone)
    return lambda day: datetime(day.year, day.month, day.day, tzinfo=zone)


def check_actor(actor: Actor | None, session: Session) -> None:
    """Managers only (as the database says now); the command line acts as one."""
    require_manager(actor, session)


def staff_id_of(actor: Actor) -> int | None:
    """Who the event log names: nobody for the command line (it says "the command line")."""
    return None if actor.is_command_line else actor.id
