"""All use-case services for one open database, built once at start-up."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from argon2 import PasswordHasher

from reception_app.domain.changes import Change
from reception_app.domain.errors import NotFoundError
from reception_app.domain.people import StaffMember
from reception_app.persistence.change_feed import ChangeFeed
from reception_app.persistence.changes import on_commit
from reception_app.persistence.database import Database
from reception_app.services.appointment_service import AppointmentService
from reception_app.services.audit_service import AuditService
from reception_app.services.contact_service import ContactService
from reception_app.services.context import Clock, Seams, ServiceContext, system_clock
from reception_app.services.correspondence_service import CorrespondenceService
from reception_app.services.demo_data import DemoDataService
from reception_app.services.event_service import EventService
from reception_app.services.feedback_service import FeedbackService
from reception_app.services.message_service import MessageService
from reception_app.services.office_service import OfficeService
from reception_app.services.queue import QueueService
from reception_app.services.room_service import RoomService
from reception_app.services.staff_service import StaffService

if TYPE_CHECKING:
    from reception_app.services.letter_service import LetterService
    from reception_app.services.notifications.service import NotificationService
    from reception_app.services.report_service import ReportService
    from reception_app.services.retention import RetentionService
    from reception_app.services.retention.person import PersonDataService


@dataclass
class AppServices:
    database: Database
    context: ServiceContext
    office: OfficeService
    staff: StaffService
    events: EventService
    demo: DemoDataService

    @classmethod
    def create(
        cls,
        database: Database,
        clock: Clock = system_clock,
        *,
        seams: Seams | None = None,
        desk_office: str | None = None,
    ) -> AppServices:
        """Every service on ``database``; ``seams`` (clock and hasher) wins over ``clock``.
        ``desk_office``: the office this computer works for (several offices on one server)."""
        if seams is None:
            seams = Seams(clock)
        hasher = seams.hasher or PasswordHasher()
        context = ServiceContext(database.session_factory, seams.clock, hasher)
        return cls(
            database=database,
            context=context,
            office=OfficeService(context, desk_office),
            staff=StaffService(context),
            events=EventService(context),
            demo=DemoDataService(context),
        )

    @property
    def audit(self) -> AuditService:
        """Managers' audit page: the event log filtered and exported."""
        return AuditService(self.context)

    def listen_for_commits(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        """Call ``listener`` after each of this process's commits that changed something (on
        the committing thread); returns how to stop."""
        return on_commit(self.database.session_factory, listener)

    def change_feed(
        self,
        on_changes: Callable[[list[Change]], None],
        on_connection: Callable[[bool], None] | None = None,
    ) -> ChangeFeed:
        """Other processes' changes to this database, heard on a thread of its own (start it)."""
        return ChangeFeed(self.database.url, on_changes, on_connection)

    def contacts(self) -> ContactService:
        """Contacts of the running office (re-read each time: the office can change in Settings)."""
        return ContactService(self.context, self._office_key())

    def appointments(self) -> AppointmentService:
        """Appointments of the running office."""
        return AppointmentService(self.context, self._office_key())

    def rooms(self) -> RoomService:
        """Interview-room bookings of the running office."""
        return RoomService(self.context, self._office_key())

    def queue(self) -> QueueService:
        """The walk-in queue of the running office."""
        return QueueService(self.context, self._office_key())

    def messages(self) -> MessageService:
        """Messages taken for colleagues at the running office."""
        return MessageService(self.context, self._office_key())

    def correspondence(self) -> CorrespondenceService:
        """The correspondence log and walk-in follow-ups of the running office."""
        return CorrespondenceService(self.context, self._office_key())

    def feedback(self) -> FeedbackService:
        """Feedback and the incident log of the running office."""
        return FeedbackService(self.context, self._office_key())

    def letters(self, braille_program: str | None = None) -> LetterService:
        """Letters of the running office (imported here: ReportLab is not needed to start);
        ``braille_program`` replaces the liblouis command looked up on PATH."""
        from reception_app.services.letter_service import LetterService

        if braille_program is None:
            return LetterService(self.context, self._office_key())
        return LetterService(self.context, self._office_key(), braille_program=braille_program)

    def notifications(self) -> NotificationService:
        """Texts and e-mails of the running office, with this computer's Notify key."""
        from reception_app.paths import AppPaths
        from reception_app.private_settings import PrivateSettings
        from reception_app.services.notifications.service import NotificationService

        private = PrivateSettings(AppPaths.from_environment().private_settings_file)
        return NotificationService(self.context, self._office_key(), private)

    def reports(self, actor: StaffMember | None) -> ReportService:
        """Managers' reports of the running office for ``actor`` (PermissionDenied unless a
        manager; imported here, as for letters)."""
        from reception_app.services.report_service import ReportService

        return ReportService(self.context, self._office_key(), actor)

    def retention(self) -> RetentionService:
        """Retention schedule, legal holds and the purge of the running office (manager-only)."""
        from reception_app.services.retention import RetentionService

        return RetentionService(self.context, self._office_key())

    def person_data(self) -> PersonDataService:
        """Subject access export and erasure of one contact (manager-only)."""
        from reception_app.services.retention.person import PersonDataService

        return PersonDataService(self.context, self._office_key())

    def _office_key(self) -> str:
        """The running office; NotFoundError until one has been chosen in Settings."""
        key = self.office.active_office_key()
        if key is None:
            raise NotFoundError("No office has been chosen yet. Choose one in Settings.")
        return key
