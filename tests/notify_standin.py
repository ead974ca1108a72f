"""A stand-in for GOV.UK Notify's API, served on 127.0.0.1 for the tests and the benchmark.

The real ``notifications-python-client`` talks to it (its ``base_url`` points here). Like
Notify it checks every request's JWT (HS256, signed with the secret from the API key, issuer
the service id, issued within 30 seconds), validates each request's fields as Notify's API
documentation describes them, keeps the notifications it accepted (with their reference), and
answers with Notify's documented errors. ``fail_next`` makes it answer the next requests with
one of those errors (400 bad phone number, 403 bad key, 429 rate limit, 500), and
``lose_next_answer`` accepts a notification but drops the connection before answering, as a
network failure after Notify had it would. Test phone numbers and addresses behave as Notify's
test keys say: 07700900002 and perm-fail@simulator.notify fail permanently, 07700900003 and
temp-fail@simulator.notify temporarily, everything else is delivered.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import jwt

SERVICE_ID = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"
TEST_KEY = f"reception_test-{SERVICE_ID}-{SECRET}"
"""A key the stand-in knows (Notify's own documentation uses this shape)."""
WRONG_SECRET_KEY = f"reception_test-{SERVICE_ID}-00000000-0000-4000-8000-000000000000"
SMS_TEMPLATE = "f33517ff-2a88-4f6e-b855-c550268ce08a"
EMAIL_TEMPLATE = "a1b2c3d4-e5f6-4a5b-8c9d-0e1f2a3b4c5d"
SMS_WITHOUT_BODY = "0d1f9c55-4f0b-4b5e-9d67-1d7a3c2b9e10"
"""An SMS template without ((body)): Settings must refuse it."""

_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_PLACEHOLDER = re.compile(r"\(\(([^)]+)\)\)")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
PERMANENT = {"+447700900002", "perm-fail@simulator.notify"}
TEMPORARY = {"+447700900003", "temp-fail@simulator.notify"}


@dataclass
class Received:
    id: str
    type: str
    recipient: str
    template_id: str
    personalisation: dict[str, str]
    reference: str
    body: str
    subject: str
    received_at: float
    """time.monotonic() when it arrived (the benchmark's end of the line)."""
    status: str = "created"
    created_at: str = ""


@dataclass
class Template:
    id: str
    type: str
    body: str
    subject: str = ""
    name: str = ""


@dataclass
class _Failure:
    status: int
    error: str
    message: str
    paths: tuple[str, ...]


def _errors(status: int, error: str, message: str) -> dict[str, Any]:
    return {"status_code": status, "errors": [{"error": error, "message": message}]}


def phone_problem(number: str) -> str:
    """What Notify says about a number it will not text ('' when it is a UK mobile)."""
    if re.search(r"[^\d\s()+\-.]", number):
        return "Must not contain letters or symbols"
    digits = re.sub(r"\D", "", number)
    if number.strip().startswith("+") and not digits.startswith("44"):
        return "Not a UK mobile number"
    national = digits[2:] if digits.startswith("44") else digits.lstrip("0")
    if digits.startswith("0"):
        national = digits[1:]
    if not national.startswith("7"):
        return "Not a UK mobile number"
    if len(national) > 10:
        return "Too many digits"
    if len(national) < 10:
        return "Not enough digits"
    return ""


@dataclass
class NotifyStandIn:
    secrets: dict[str, str] = field(default_factory=lambda: {SERVICE_ID: SECRET})
    templates: dict[str, Template] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    requests: list[tuple[str, str]] = field(default_factory=list)
    """(method, path) of every request, refused ones too."""
    base_url: str = ""
    _failures: list[_Failure] = field(default_factory=list)
    _lose: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def __post_init__(self) -> None:
        if not self.templates:
            for template in (
                Template(SMS_TEMPLATE, "sms", "((body))", name="Reception text"),
                Template(EMAIL_TEMPLATE, "email", "((body))", "((subject))", "Reception e-mail"),
                Template(SMS_WITHOUT_BODY, "sms", "Your appointment is at ((time))", name="Old"),
            ):
                self.templates[template.id] = template

    # --- what a test controls -----------------------------------------------------------------

    def fail_next(
        self, status: int, error: str, message: str, count: int = 1, paths: tuple[str, ...] = ()
    ) -> None:
        """Answer the next ``count`` requests (to ``paths`` prefixes, or any) with this error."""
        with self._lock:
            self._failures.extend([_Failure(status, error, message, paths)] * count)

    def lose_next_answer(self, count: int = 1) -> None:
        """Accept the next ``count`` notifications but close the connection without answering."""
        with self._lock:
            self._lose += count

    def reset(self) -> None:
        with self._lock:
            self.received.clear()
            self.requests.clear()
            self._failures.clear()
            self._lose = 0

    def by_reference(self, reference: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if r.reference == reference]

    # --- serving ------------------------------------------------------------------------------

    def start(self) -> NotifyStandIn:
        standin = self

        class Handler(_Handler):
            owner = standin

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        host, port = self._server.server_address[:2]
        self.base_url = f"http://{host!s}:{port}"
        threading.Thread(
            target=self._server.serve_forever, name="notify-standin", daemon=True
        ).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    # --- the API ------------------------------------------------------------------------------

    def _authorise(self, header: str) -> tuple[int, dict[str, Any]] | None:
        if not header.startswith("Bearer "):
            return 401, _errors(
                401, "AuthError", "Unauthorized: authentication token must be provided"
            )
        token = header.removeprefix("Bearer ").strip()
        try:
            issuer = jwt.decode(token, options={"verify_signature": False}).get("iss", "")
        except jwt.DecodeError:
            return 403, _errors(403, "AuthError", "Invalid token: signature, api token not found")
        secret = self.secrets.get(str(issuer))
        if secret is None:
            return 403, _errors(403, "AuthError", "Invalid token: service not found")
        try:
            claims = jwt.decode(token, key=secret, algorithms=["HS256"])
        except jwt.InvalidSignatureError:
            return 403, _errors(403, "AuthError", "Invalid token: API key not found")
        except jwt.InvalidTokenError:
            return 403, _errors(403, "AuthError", "Invalid token: signature, api token not found")
        if abs(time.time() - float(claims.get("iat", 0))) > 30:
            return 403, _errors(
                403, "AuthError", "Error: Your system clock must be accurate to within 30 seconds"
            )
        return None

    def _injected(self, path: str) -> tuple[int, dict[str, Any]] | None:
        with self._lock:
            for i, failure in enumerate(self._failures):
                if not failure.paths or path.startswith(failure.paths):
                    del self._failures[i]
                    return failure.status, _errors(failure.status, failure.error, failure.message)
        return None

    def handle(
        self, method: str, path: str, header: str, body: bytes
    ) -> tuple[int, dict[str, Any] | None]:
        with self._lock:
            self.requests.append((method, path))
        refused = self._authorise(header) or self._injected(path)
        if refused is not None:
            return refused
        url = urlparse(path)
        parts = [p for p in url.path.split("/") if p]
        if method == "POST" and parts[:2] == ["v2", "notifications"] and len(parts) == 3:
            try:
                data = json.loads(body or b"{}")
            except ValueError:
                return 400, _errors(400, "BadRequestError", "Invalid JSON supplied in POST data")
            return self._post_notification(parts[2], data)
        if method == "GET" and parts[:2] == ["v2", "notifications"]:
            if len(parts) == 3:
                return self._get_notification(parts[2])
            return self._list(parse_qs(url.query))
        if method == "GET" and parts[:2] == ["v2", "template"] and len(parts) == 3:
            return self._get_template(parts[2])
        return 404, _errors(404, "NoResultFound", "No result found")

    def _post_notification(
        self, kind: str, data: dict[str, Any]
    ) -> tuple[int, dict[str, Any] | None]:
        recipient_field = {"sms": "phone_number", "email": "email_address"}.get(kind)
        if recipient_field is None:
            return 404, _errors(404, "NoResultFound", "No result found")
        allowed = {recipient_field, "template_id", "personalisation", "reference", "scheduled_for"}
        allowed |= (
            {"sms_sender_id"}
            if kind == "sms"
            else {"email_reply_to_id", "one_click_unsubscribe_url"}
        )
        problems = [
            f"{k} is a required property" for k in (recipient_field, "template_id") if k not in data
        ]
        problems += [
            f"Additional properties are not allowed ({k} was unexpected)"
            for k in data
            if k not in allowed
        ]
        if problems:
            return 400, {
                "status_code": 400,
                "errors": [{"error": "ValidationError", "message": p} for p in problems],
            }
        for name in ("reference",):
            if name in data and not isinstance(data[name], str):
                return 400, _errors(
                    400, "ValidationError", f"{name} {data[name]!r} is not of type string"
                )
        template_id = str(data["template_id"])
        if not _UUID.match(template_id):
            return 400, _errors(400, "ValidationError", "template_id is not a valid UUID")
        template = self.templates.get(template_id)
        if template is None or template.type != kind:
            return 400, _errors(400, "BadRequestError", "Template not found")
        recipient = str(data[recipient_field])
        if kind == "sms":
            problem = phone_problem(recipient)
            if problem:
                return 400, _errors(400, "ValidationError", f"phone_number {problem}")
            digits = re.sub(r"\D", "", recipient)
            recipient = "+44" + (digits[2:] if digits.startswith("44") else digits.lstrip("0"))
        elif not _EMAIL.match(recipient):
            return 400, _errors(400, "ValidationError", "email_address Not a valid email address")
        personalisation = data.get("personalisation") or {}
        if not isinstance(personalisation, dict):
            return 400, _errors(400, "ValidationError", "personalisation is not of type object")
        needed = set(_PLACEHOLDER.findall(template.body + template.subject))
        missing = sorted(needed - set(personalisation))
        if missing:
            return 400, _errors(
                400, "BadRequestError", f"Missing personalisation: {', '.join(missing)}"
            )

        def fill(text: str) -> str:
            return _PLACEHOLDER.sub(lambda m: str(personalisation.get(m.group(1), "")), text)

        body_text = fill(template.body)
        if kind == "sms" and len(body_text) > 918:
            return 400, _errors(
                400,
                "BadRequestError",
                f"Text messages cannot be longer than 918 characters. Your message is {len(body_text)} characters",
            )
        received = Received(
            id=str(uuid.uuid4()),
            type=kind,
            recipient=recipient,
            template_id=template_id,
            personalisation={str(k): str(v) for k, v in personalisation.items()},
            reference=str(data.get("reference", "")),
            body=body_text,
            subject=fill(template.subject),
            received_at=time.monotonic(),
            created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        )
        with self._lock:
            self.received.append(received)
            if self._lose:
                self._lose -= 1
                return -1, None
        content: dict[str, Any] = {"body": body_text}
        if kind == "sms":
            content["from_number"] = "GOVUK"
        else:
            content.update(
                subject=received.subject, from_email="reception@notifications.service.gov.uk"
            )
        return 201, {
            "id": received.id,
            "reference": received.reference or None,
            "content": content,
            "uri": f"{self.base_url}/v2/notifications/{received.id}",
            "template": {
                "id": template_id,
                "version": 1,
                "uri": f"{self.base_url}/v2/template/{template_id}",
            },
            "scheduled_for": None,
        }

    def _advance(self, item: Received) -> None:
        """The provider's report arrives the first time anyone asks after sending."""
        if item.status == "created":
            item.status = "sending"
        elif item.status == "sending":
            item.status = (
                "permanent-failure"
                if item.recipient in PERMANENT
                else "temporary-failure"
                if item.recipient in TEMPORARY
                else "delivered"
            )

    def _as_json(self, item: Received) -> dict[str, Any]:
        return {
            "id": item.id,
            "reference": item.reference or None,
            "email_address": item.recipient if item.type == "email" else None,
            "phone_number": item.recipient if item.type == "sms" else None,
            "type": item.type,
            "status": item.status,
            "body": item.body,
            "subject": item.subject if item.type == "email" else None,
            "template": {
                "id": item.template_id,
                "version": 1,
                "uri": f"/v2/template/{item.template_id}/1",
            },
            "created_at": item.created_at,
            "sent_at": item.created_at,
            "completed_at": None,
        }

    def _get_notification(self, notification_id: str) -> tuple[int, dict[str, Any] | None]:
        if not _UUID.match(notification_id):
            return 400, _errors(400, "ValidationError", "notification_id is not a valid UUID")
        with self._lock:
            for item in self.received:
                if item.id == notification_id:
                    self._advance(item)
                    self._advance(item)
                    return 200, self._as_json(item)
        return 404, _errors(404, "NoResultFound", "No result found")

    def _list(self, query: dict[str, list[str]]) -> tuple[int, dict[str, Any] | None]:
        reference = query.get("reference", [None])[0]
        with self._lock:
            found = [
                self._as_json(i)
                for i in reversed(self.received)
                if reference is None or i.reference == reference
            ]
        return 200, {"notifications": found[:250], "links": {"current": "/v2/notifications"}}

    def _get_template(self, template_id: str) -> tuple[int, dict[str, Any] | None]:
        if not _UUID.match(template_id):
            return 400, _errors(400, "ValidationError", "template_id is not a valid UUID")
        template = self.templates.get(template_id)
        if template is None:
            return 404, _errors(404, "NoResultFound", "No Result Found")
        return 200, {
            "id": template.id,
            "name": template.name,
            "type": template.type,
            "body": template.body,
            "subject": template.subject or None,
            "version": 1,
            "created_at": "2026-11-01T09:00:00.000000Z",
            "updated_at": None,
            "created_by": "someone@example.com",
        }


class _Handler(BaseHTTPRequestHandler):
    owner: NotifyStandIn
    protocol_version = "HTTP/1.1"
    # One write per answer, sent at once: headers and body in separate small writes meet the
    # client's delayed ACK and cost 40 ms a request on a keep-alive connection.
    disable_nagle_algorithm = True
    wbufsize = 65536

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        status, answer = self.owner.handle(
            method, self.path, self.headers.get("Authorization", ""), body
        )
        if status < 0:  # the answer is lost on the way back
            self.close_connection = True
            self.connection.shutdown(2)
            return
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self._serve("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")


@contextmanager
def running() -> Iterator[NotifyStandIn]:
    standin = NotifyStandIn().start()
    try:
        yield standin
    finally:
        standin.stop()
