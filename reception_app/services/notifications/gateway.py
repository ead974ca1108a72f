"""GOV.UK Notify through its own client (notifications-python-client), one call at a time.

The only module that imports the client. Every refusal becomes ``NotifyRefused`` carrying
Notify's status code and error list and what they mean (``domain.notifications.outcomes``).
``base_url`` is Notify's API, or the stand-in the tests and the benchmark serve on 127.0.0.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from notifications_python_client.errors import APIError
from notifications_python_client.notifications import NotificationsAPIClient

from reception_app.domain.errors import ReceptionError
from reception_app.domain.notifications import NotifyKey, Outcome, from_http_error

NOTIFY_API = "https://api.notifications.service.gov.uk"
TIMEOUT_SECONDS = 20
"""Less than a claimed row's lease (sender.py), so a slow answer cannot outlive the claim."""


class NotifyRefused(ReceptionError):
    """Notify (or the network) refused a call; ``outcome`` says whether trying again may help."""

    def __init__(self, status: int, errors: list[Any] | str) -> None:
        self.status = status
        self.errors = errors
        self.outcome: Outcome = from_http_error(status, errors)
        super().__init__(self.outcome.words)


@dataclass(frozen=True, slots=True)
class NotifyTemplate:
    id: str
    name: str
    type: str
    body: str
    subject: str = ""


@dataclass(frozen=True, slots=True)
class FoundNotification:
    id: str
    status: str


class Gateway(Protocol):
    """What the sender and Settings need from Notify (a test may pass its own)."""

    def send_sms(
        self, phone: str, template_id: str, personalisation: Mapping[str, str], reference: str
    ) -> str: ...

    def send_email(
        self, address: str, template_id: str, personalisation: Mapping[str, str], reference: str
    ) -> str: ...

    def status(self, notify_id: str) -> str: ...

    def find_by_reference(self, reference: str) -> FoundNotification | None: ...

    def template(self, template_id: str) -> NotifyTemplate: ...


def _refused(exc: APIError) -> NotifyRefused:
    message = exc.message
    status = exc.status_code
    if status == 503 and exc.response is None:  # the client's word for "no answer at all"
        status = 0
    return NotifyRefused(status, message if isinstance(message, list | str) else str(message))


class NotifyGateway:
    """One client (it is not thread-safe: one gateway per thread)."""

    def __init__(self, key: NotifyKey, base_url: str = NOTIFY_API) -> None:
        self._client = NotificationsAPIClient(
            key.text, base_url=base_url or NOTIFY_API, timeout=TIMEOUT_SECONDS
        )

    def send_sms(
        self, phone: str, template_id: str, personalisation: Mapping[str, str], reference: str
    ) -> str:
        try:
            answer = self._client.send_sms_notification(
                phone_number=phone,
                template_id=template_id,
                personalisation=dict(personalisation),
                reference=reference,
            )
        except APIError as exc:
            raise _refused(exc) from None
        return str(answer["id"])

    def send_email(
        self, address: str, template_id: str, personalisation: Mapping[str, str], reference: str
    ) -> str:
        try:
            answer = self._client.send_email_notification(
                email_address=address,
                template_id=template_id,
                personalisation=dict(personalisation),
                reference=reference,
            )
        except APIError as exc:
            raise _refused(exc) from None
        return str(answer["id"])

    def status(self, notify_id: str) -> str:
        try:
            return str(self._client.get_notification_by_id(notify_id)["status"])
        except APIError as exc:
            raise _refused(exc) from None

    def find_by_reference(self, reference: str) -> FoundNotification | None:
        """The notification Notify holds with this reference (it keeps them for 7 days)."""
        try:
            found = self._client.get_all_notifications(reference=reference)
        except APIError as exc:
            raise _refused(exc) from None
        notifications = [
            n for n in found.get("notifications", []) if n.get("reference") == reference
        ]
        # One that failed technically was never sent: as good as not found.
        usable = [n for n in notifications if n.get("status") != "technical-failure"]
        if not usable:
            return None
        return FoundNotification(str(usable[0]["id"]), str(usable[0].get("status", "")))

    def template(self, template_id: str) -> NotifyTemplate:
        try:
            data = self._client.get_template(template_id)
        except APIError as exc:
            raise _refused(exc) from None
        return NotifyTemplate(
            id=str(data["id"]),
            name=str(data.get("name", "")),
            type=str(data.get("type", "")),
            body=str(data.get("body", "")),
            subject=str(data.get("subject") or ""),
        )
