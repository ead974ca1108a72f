"""What each notification says: the wording files, filling them in, and a text's length.

The wording is data (``resources/notifications/<kind>.toml``, or an office's own folder that
replaces any of them): plain English with ``{placeholder}`` fields. Notify is given the finished
text; its own templates only pass it on (``((body))``, and ``((subject))`` for e-mails).
"""

from __future__ import annotations

import re
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications.kinds import Channel, NotificationKind

PLACEHOLDERS: Mapping[str, str] = {
    "office_name": "the office's name",
    "office_phone": "the office's phone number",
    "office_site": "the office's building",
    "office_address": "the office's address on one line",
    "ticket": "the visitor's ticket, e.g. C014",
    "minutes": "roughly how long until they are called, e.g. about 5 minutes",
    "desk": "the desk they are called to, e.g. Desk 1",
    "date": "the appointment's date",
    "time": "the appointment's time",
    "place": "where the appointment is",
    "directions": "how to find the place",
    "service": "what the appointment is about",
    "previous_date": "the date before it was moved",
    "previous_time": "the time before it was moved",
    "reason": "why it changed or is running late",
    "new_time": "when they will now be seen",
    "reference": "the reference of their letter or e-mail",
    "contact_name": "the named contact",
    "contact_phone": "the named contact's phone number",
    "contact_email": "the named contact's e-mail address",
    "reply_date": "the date they can expect a reply",
    "letter_text": "the holding letter's text",
    "callback_date": "the day they will be called back",
    "callback_time": "the time they will be called back by",
}
"""Every placeholder a wording file may use, with a plain description."""

SINGLE_FRAGMENT = 160
FRAGMENT_LENGTHS = (160, 306, 459, 612, 765, 918)
"""How many characters fit in 1..6 text-message fragments (GSM characters); Notify's limit is
918. A text with a character outside the GSM alphabet goes as Unicode: 70, then 67 a part."""

_GSM = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    "ÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€")
_DOWNGRADE = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)


def sms_text(text: str) -> str:
    """Typographic quotes and dashes become plain ones (as Notify does), so they cost nothing."""
    return text.translate(_DOWNGRADE)


def sms_fragments(text: str) -> int:
    """How many fragments a text message takes (what Notify charges for)."""
    text = sms_text(text)
    if all(ch in _GSM or ch in _GSM_EXTENDED for ch in text):
        length = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        if length <= SINGLE_FRAGMENT:
            return 1
        return -(-length // 153)
    return 1 if len(text) <= 70 else -(-len(text) // 67)


class WordingError(ValidationError):
    """A wording file an office edited cannot be used; the message names the file."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "wording")


@dataclass(frozen=True, slots=True)
class Wording:
    kind: NotificationKind
    title: str
    sms: str = ""
    email_subject: str = ""
    email_body: str = ""

    @property
    def channels(self) -> frozenset[Channel]:
        found = set()
        if self.sms:
            found.add(Channel.SMS)
        if self.email_body:
            found.add(Channel.EMAIL)
        return frozenset(found)

    def placeholders(self) -> set[str]:
        return {
            name
            for text in (self.sms, self.email_subject, self.email_body)
            for _, name, _, _ in string.Formatter().parse(text)
            if name
        }


@dataclass(frozen=True, slots=True)
class FilledMessage:
    """A notification ready for the outbox: the words as the person will read them."""

    channel: Channel
    body: str
    subject: str = ""

    @property
    def fragments(self) -> int:
        return sms_fragments(self.body) if self.channel is Channel.SMS else 0


def parse_wording(key: str, text: str) -> Wording:
    """Read one wording file; WordingError names the file and what is wrong."""
    try:
        kind = NotificationKind(key)
    except ValueError:
        known = ", ".join(k.value for k in NotificationKind)
        raise WordingError(f"{key}.toml is not a notification Reception sends ({known}).") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise WordingError(f"{key}.toml cannot be read: {exc}.") from None
    fields = {}
    for name in ("title", "sms", "email_subject", "email_body"):
        value = data.get(name, "")
        if not isinstance(value, str):
            raise WordingError(f"{key}.toml: '{name}' must be text in quotes.")
        fields[name] = value.strip()
    wording = Wording(
        kind, fields["title"] or key, fields["sms"], fields["email_subject"], fields["email_body"]
    )
    if not wording.channels:
        raise WordingError(f"{key}.toml has neither 'sms' nor 'email_body': it would send nothing.")
    if wording.email_body and not wording.email_subject:
        raise WordingError(f"{key}.toml has an e-mail without 'email_subject'.")
    try:
        unknown = sorted(wording.placeholders() - set(PLACEHOLDERS))
    except ValueError as exc:  # an unmatched { or }
        raise WordingError(f"{key}.toml has a brace that does not match: {exc}.") from None
    if unknown:
        raise WordingError(
            f"{key}.toml uses {', '.join('{' + u + '}' for u in unknown)}, which Reception does "
            "not fill in. See docs/notify.md for the placeholders."
        )
    return wording


_BLANK_LINES = re.compile(r"\n{3,}")


def fill(wording: Wording, channel: Channel, values: Mapping[str, str]) -> FilledMessage:
    """The message for ``channel`` with ``values`` put in; a value not given is left out
    (its line too, if that leaves it empty) rather than sent as "{placeholder}"."""
    if channel not in wording.channels:
        raise ValidationError(f"'{wording.title}' is not sent by {channel.label.lower()}.")
    safe = {name: str(values.get(name, "")).strip() for name in wording.placeholders()}

    def put(text: str) -> str:
        lines = []
        for line in text.split("\n"):
            names = [n for _, n, _, _ in string.Formatter().parse(line) if n]
            if names and not any(safe[n] for n in names):
                continue  # a line that would say nothing
            lines.append(line.format_map(safe))
        return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()

    if channel is Channel.SMS:
        return FilledMessage(channel, sms_text(put(wording.sms)))
    return FilledMessage(channel, put(wording.email_body), put(wording.email_subject))


SHORTENED_IN_TEXTS = ("directions", "letter_text", "reason")
"""Long values a text may shorten, in this order: first to their first sentence, then away."""
TEXT_FRAGMENTS = 2
"""A text is kept within Notify's two fragments where the wording allows it."""


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip(), re.DOTALL)
    return match.group(1) if match else text.strip()


def fill_to_fit(wording: Wording, channel: Channel, values: Mapping[str, str]) -> FilledMessage:
    """``fill``, but a text longer than two fragments gives up the long values first: the
    directions to their first sentence, then without them (the e-mail and letter keep it all)."""
    message = fill(wording, channel, values)
    if channel is not Channel.SMS or message.fragments <= TEXT_FRAGMENTS:
        return message
    shorter = dict(values)
    for name in SHORTENED_IN_TEXTS:
        if not shorter.get(name) or name not in wording.placeholders():
            continue
        for value in (first_sentence(shorter[name]), ""):
            shorter[name] = value
            message = fill(wording, channel, shorter)
            if message.fragments <= TEXT_FRAGMENTS:
                return message
    return message
