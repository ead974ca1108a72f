"""Letter templates: the placeholders, and reading and checking a template file."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass

from reception_app.domain.errors import ValidationError

PLACEHOLDERS: Mapping[str, str] = {
    # Always filled in: the customer, the office, the date and the person sending the letter.
    "customer_name": "the customer's name",
    "office_name": "the office's name",
    "office_site": "the office's building",
    "office_address": "the office's address on one line",
    "office_phone": "the office's phone number",
    "office_email": "the office's email address",
    "office_website": "the office's website",
    "office_directions": "how to find the office",
    "complaints_procedure": "the office's complaints procedure",
    "today": "the date of the letter",
    "reference": "the letter's reference",
    "contact_name": "the named contact (who sends the letter)",
    "contact_phone": "the named contact's phone number",
    "contact_email": "the named contact's email address",
    # Appointments.
    "appointment_date": "the appointment date",
    "appointment_time": "the appointment time",
    "appointment_service": "what the appointment is about",
    "appointment_place": "where the appointment is",
    "appointment_with": "who the customer will see",
    "previous_date": "the date the appointment was before it changed",
    "previous_time": "the time the appointment was before it changed",
    "change_reason": "why the appointment changed or was cancelled",
    # Correspondence and messages.
    "about": "what the customer wrote or called about",
    "received_date": "the date we received it",
    "response_date": "the date we will reply by",
    "holding_reason": "why the full reply is delayed",
    "expected_date": "the date we now expect to reply by",
    "callback_date": "the date we will call back",
    "callback_time": "the time we will call back",
    "callback_phone": "the number we will call",
    "request_type": "the kind of request (for example Freedom of Information)",
    "request_law": "the law the request is made under",
    "statutory_deadline": "the legal deadline for the reply",
}
"""Every placeholder a template may use, with a plain description (shown when one is missing)."""


SOURCE_KINDS = ("contact", "appointment", "correspondence", "message")
"""What a letter can be written from (and is recorded against)."""

STEPS = ("acknowledge", "respond")
"""What a letter written from correspondence can record on it (the template's ``records``)."""


_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")


class TemplateError(ValidationError):
    """A template the office edited cannot be used; the message names the file and the line."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "template")


@dataclass(frozen=True, slots=True)
class Block:
    """A heading or a paragraph; a paragraph keeps its line breaks (for "Date: ..." lines)."""

    kind: str  # "heading" or "paragraph"
    text: str


@dataclass(frozen=True, slots=True)
class LetterTemplate:
    key: str
    title: str
    subject: str
    body: tuple[Block, ...]
    sign_off: str = "Yours sincerely,"
    description: str = ""
    sources: tuple[str, ...] = SOURCE_KINDS
    records: str = ""
    """The correspondence step sending this letter records ("acknowledge", "respond"), or ''."""

    @property
    def placeholders(self) -> tuple[str, ...]:
        """Placeholder names used, in order of first use."""
        seen: dict[str, None] = {}
        for text in (self.subject, *(b.text for b in self.body)):
            for part in split_placeholders(text, "", 0):
                if isinstance(part, Placeholder):
                    seen.setdefault(part.name, None)
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str


def split_placeholders(text: str, where: str, first_line: int) -> list[str | Placeholder]:
    """Literal text and {placeholders}; {{ and }} print one brace.

    ``where``/``first_line`` name the file and line of ``text`` for the error message.
    """
    parts: list[str | Placeholder] = []
    literal: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in "{}" and text[i : i + 2] in ("{{", "}}"):
            literal.append(ch)
            i += 2
            continue
        if ch == "}":
            raise TemplateError(
                f"{_at(where, text, i, first_line)}: a '}}' has no matching '{{'. "
                "Write }} for a brace that should print."
            )
        if ch == "{":
            end = text.find("}", i + 1)
            opened = text.find("{", i + 1)
            if end == -1 or (opened != -1 and opened < end):
                raise TemplateError(
                    f"{_at(where, text, i, first_line)}: a '{{' is not closed. "
                    "Placeholders look like {customer_name}; write {{ for a brace that should print."
                )
            name = text[i + 1 : end].strip()
            if not _NAME.match(name):
                raise TemplateError(
                    f"{_at(where, text, i, first_line)}: '{{{text[i + 1 : end]}}}' is not a "
                    "placeholder name. Names are lower case words joined by _, like {customer_name}."
                )
            if literal:
                parts.append("".join(literal))
                literal = []
            parts.append(Placeholder(name))
            i = end + 1
            continue
        literal.append(ch)
        i += 1
    if literal:
        parts.append("".join(literal))
    return parts


def _at(where: str, text: str, index: int, first_line: int) -> str:
    line = first_line + text.count("\n", 0, index)
    return f"{where}, line {line}" if where else f"line {line}"


def _line_of(raw: str, needle: str) -> int:
    index = raw.find(needle)
    return raw.count("\n", 0, index) + 1 if index >= 0 else 1


def parse_body(body: str) -> tuple[Block, ...]:
    """Blank lines separate paragraphs; a line starting with '## ' is a heading."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(Block("paragraph", "\n".join(paragraph)))
            paragraph.clear()

    for raw_line in body.strip("\n").splitlines():
        line = raw_line.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            blocks.append(Block("heading", line[3:].strip()))
        else:
            paragraph.append(line)
    flush()
    return tuple(blocks)


def parse_template(key: str, raw: str, file_name: str | None = None) -> LetterTemplate:
    """Read one template file; TemplateError names the file, the line and what is wrong."""
    where = file_name or f"{key}.toml"
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{where} cannot be read: {exc}.") from None
    for name in ("title", "subject", "body"):
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            raise TemplateError(f'{where}: it needs a {name} = "..." line.')
    unknown_keys = sorted(
        set(data) - {"title", "subject", "body", "sign_off", "description", "sources", "records"}
    )
    if unknown_keys:
        raise TemplateError(
            f"{where}: '{unknown_keys[0]}' is not a template setting; use title, description, "
            "sources, records, subject, body and sign_off."
        )
    records = data.get("records", "")
    if records not in ("", *STEPS):
        raise TemplateError(
            f"{where}, line {_line_of(raw, 'records')}: records names the correspondence step "
            f"the letter records when sent: {' or '.join(STEPS)}."
        )
    sources = data.get("sources", list(SOURCE_KINDS))
    if not isinstance(sources, list) or not all(s in SOURCE_KINDS for s in sources) or not sources:
        raise TemplateError(
            f"{where}, line {_line_of(raw, 'sources')}: sources lists what the letter can be "
            f"written from: {', '.join(SOURCE_KINDS)}."
        )
    template = LetterTemplate(
        key=key,
        title=data["title"].strip(),
        subject=data["subject"].strip(),
        body=parse_body(data["body"]),
        sign_off=str(data.get("sign_off", "Yours sincerely,")).strip(),
        description=str(data.get("description", "")).strip(),
        sources=tuple(sources),
        records=records,
    )
    # Syntax first (so the line is exact), then names.
    for name in ("subject", "body"):
        text: str = data[name]
        split_placeholders(text, where, _line_of(raw, f"{name} =") + (1 if name == "body" else 0))
    unknown = [p for p in template.placeholders if p not in PLACEHOLDERS]
    if unknown:
        first = unknown[0]
        raise TemplateError(
            f"{where}, line {_line_of(raw, '{' + first)}: unknown placeholder "
            f"{', '.join('{' + u + '}' for u in unknown)}. Check the spelling; the placeholders "
            "are listed in docs/letters.md."
        )
    return template
