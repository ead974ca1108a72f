"""What Notify's answers mean for the outbox: sent, try again later, or never going to work.

Notify answers a send with 201 and the notification's id, or with an HTTP error whose body
lists ``{"error": type, "message": text}``. Later, the notification's status says whether it
was delivered. Each answer becomes one ``Outcome`` with plain words for the desk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

MAX_ATTEMPTS = 8
"""Temporary failures are retried this many times in all (about two hours with the backoff)."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """``retry``: a temporary failure, try again after a backoff; otherwise final."""

    retry: bool
    words: str
    """What the desk is told, in plain English."""
    wrong_key: bool = False
    """The API key itself was refused: nothing will send until a manager fixes it."""
    delivered: bool = False


def backoff(attempts: int) -> timedelta:
    """How long to wait after the ``attempts``-th failed try: 30 s, 1, 2, 4 ... up to 30 min."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 30 * 60))


def _messages(errors: Sequence[object] | str) -> tuple[set[str], str]:
    if isinstance(errors, str):
        return set(), errors
    kinds, texts = set(), []
    for item in errors:
        if isinstance(item, dict):
            kinds.add(str(item.get("error", "")))
            texts.append(str(item.get("message", "")))
    return kinds, "; ".join(texts)


def from_http_error(status: int, errors: Sequence[object] | str) -> Outcome:
    """A refused send (or status check). ``errors`` is the body's error list or a message."""
    kinds, text = _messages(errors)
    lowered = text.lower()
    if status == 400:
        if "phone_number" in lowered:
            return Outcome(False, "The mobile number was refused by Notify: " + _after(text))
        if "email_address" in lowered:
            return Outcome(False, "The e-mail address was refused by Notify: " + _after(text))
        if "template" in lowered:
            return Outcome(
                False,
                "Notify does not know the template set up for this in Settings > Texts and "
                f"e-mails ({text}).",
            )
        if "team" in lowered or "trial mode" in lowered or "guest list" in lowered:
            return Outcome(
                False,
                "Notify's trial mode only sends to the team's own numbers and addresses: "
                "ask GOV.UK Notify to make the service live, or use a live key.",
            )
        return Outcome(False, f"Notify refused the message: {text or 'bad request'}.")
    if status == 403:
        if "clock" in lowered:
            return Outcome(
                True, "Notify says this computer's clock is wrong: it must be right to 30 seconds."
            )
        return Outcome(
            True,
            "Notify refused the API key. A manager can check it in Settings > This computer > Texts and e-mails.",
            wrong_key=True,
        )
    if status == 429:
        if "TooManyRequestsError" in kinds or "send limits" in lowered:
            return Outcome(
                True,
                "Notify's daily limit for the service is used up: it will be "
                "sent when Notify allows it.",
            )
        return Outcome(True, "Notify asked us to slow down: it will be sent in a moment.")
    if status >= 500 or status == 0:
        return Outcome(True, "Notify could not be reached: it will be sent when it can.")
    return Outcome(False, f"Notify answered {status}: {text or 'no reason given'}.")


def _after(text: str) -> str:
    """'phone_number Not a UK mobile number' -> 'not a UK mobile number.'"""
    for prefix in ("phone_number ", "email_address "):
        if prefix in text:
            text = text.split(prefix, 1)[1]
    text = text.strip().rstrip(".")
    return (text[:1].lower() + text[1:] + ".") if text else "no reason given."


DELIVERY_WORDS = {
    "permanent-failure": "The number or address does not exist (Notify could not deliver it).",
    "temporary-failure": "The phone was off or the inbox full for 72 hours: not delivered.",
    "technical-failure": "Notify had a technical problem sending it.",
    "virus-scan-failed": "Notify found a problem with the attachment.",
    "validation-failed": "Notify could not use the message as it was.",
}
PENDING_STATUSES = frozenset({"created", "sending", "pending", "accepted"})
DELIVERED_STATUSES = frozenset({"delivered", "sent", "received"})
"""'sent' is Notify's last word for international texts; 'received' for letters."""


def from_delivery_status(status: str) -> Outcome | None:
    """None while Notify still waits for a delivery report; else delivered or failed.
    A technical failure is worth sending again (Notify does not charge for it)."""
    if status in PENDING_STATUSES:
        return None
    if status in DELIVERED_STATUSES:
        return Outcome(False, "Delivered.", delivered=True)
    words = DELIVERY_WORDS.get(status, f"Notify reports '{status}'.")
    return Outcome(status == "technical-failure", words)
