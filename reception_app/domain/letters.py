"""Letters as data: template parsing and checking, filling, print formats and the braille page.

Pure Python: the wording lives in resources/letters/*.toml, ReportLab drawing in documents/,
the database in services/. Everything here can be tested without a printer or a window.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from reception_app.domain.errors import ValidationError

# --- placeholders ---------------------------------------------------------------------------------

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
        set(data) - {"title", "subject", "body", "sign_off", "description", "sources"}
    )
    if unknown_keys:
        raise TemplateError(
            f"{where}: '{unknown_keys[0]}' is not a template setting; use title, description, "
            "sources, subject, body and sign_off."
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


# --- filling in -------------------------------------------------------------------------------------


def missing_values(template: LetterTemplate, values: Mapping[str, str]) -> list[str]:
    """Placeholders the template uses that have no (non-empty) value."""
    return [p for p in template.placeholders if not values.get(p, "").strip()]


def fill(text: str, values: Mapping[str, str]) -> str:
    """Put the values in; the template was checked when it was read."""
    return "".join(
        values[p.name].strip() if isinstance(p, Placeholder) else p
        for p in split_placeholders(text, "", 1)
    )


PROMISED_DATES = (
    "response_date",
    "expected_date",
    "appointment_date",
    "callback_date",
    "statutory_deadline",
)
"""Date placeholders that promise something still to come: never before the letter's date."""

_DATE_FORMATS = ("%A %d %B %Y", "%a %d %B %Y", "%d %B %Y", "%d %b %Y", "%d/%m/%Y", "%Y-%m-%d")


def parse_letter_date(text: str) -> date | None:
    """A date as letters write it ("Wednesday 21 October 2026") or as the desk may type it
    ("21 October 2026", "21/10/2026", "2026-10-21"); None when it is not one of those."""
    cleaned = " ".join(text.replace(",", " ").split())
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


def past_promises(
    template: LetterTemplate, values: Mapping[str, str], letter_date: date
) -> dict[str, str]:
    """Placeholder -> value for each promised date the letter uses that is before its date
    ("We will reply by Wednesday 21 October 2026" in a letter of 23 November)."""
    past: dict[str, str] = {}
    for name in template.placeholders:
        if name in PROMISED_DATES:
            when = parse_letter_date(values.get(name, ""))
            if when is not None and when < letter_date:
                past[name] = values[name].strip()
    return past


def past_date_message(name: str, value: str, letter_date: date) -> str:
    """What the desk is told about a promised date already past."""
    return (
        f"{PLACEHOLDERS.get(name, name)[0].upper()}{PLACEHOLDERS.get(name, name)[1:]}, "
        f"{value}, is before the letter's date ({format_date(letter_date)}). "
        "Type the date you can promise now."
    )


def check_values(template: LetterTemplate, values: Mapping[str, str]) -> None:
    missing = missing_values(template, values)
    if missing:
        labels = [PLACEHOLDERS.get(m, m) for m in missing]
        raise ValidationError(
            f"The letter '{template.title}' needs {_and(labels)}, which the record does not "
            "have. Fill them in, or choose another letter.",
            "values",
        )


def _and(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- formats ----------------------------------------------------------------------------------------


class LetterFormat(StrEnum):
    STANDARD = "standard"
    LARGE_PRINT = "large_print"
    BRAILLE = "braille"

    @property
    def label(self) -> str:
        return {"standard": "Clear print", "large_print": "Large print", "braille": "Braille"}[
            self.value
        ]


STANDARD_SIZES = (12, 13, 14)
LARGE_SIZES = (16, 18, 20, 24)
DEFAULT_STANDARD_SIZE = 14
"""DOMAIN.md section 5: clear print at least 12 pt, ideally 14."""
DEFAULT_LARGE_SIZE = 18
"""RNIB's recommended large print size."""
MM = 72 / 25.4


@dataclass(frozen=True, slots=True)
class PrintSpec:
    """How a letter is set: body size, spacing and margins all follow the chosen size."""

    format: LetterFormat
    size: int
    """Body text in points; headings and page numbers are the same size (headings bold)."""
    leading: float
    """Distance between lines, in points."""
    paragraph_space: float
    """Space after each paragraph: one blank line."""
    margin: float
    """Left, right, top and bottom margin in points."""
    letterhead_size: float
    """The office's name at the top, a little larger than the body."""

    @property
    def label(self) -> str:
        return f"{self.format.label}, {self.size} pt"


def print_spec(fmt: LetterFormat | str, size: int | None = None) -> PrintSpec:
    """The layout for a format and size; ValidationError (field "size") for a size not offered."""
    try:
        fmt = LetterFormat(fmt)
    except ValueError:
        raise ValidationError(
            f"'{fmt}' is not a letter format; choose standard, large_print or braille.", "format"
        ) from None
    large = fmt is LetterFormat.LARGE_PRINT
    sizes = LARGE_SIZES if large else STANDARD_SIZES
    chosen = size if size is not None else (DEFAULT_LARGE_SIZE if large else DEFAULT_STANDARD_SIZE)
    if chosen not in sizes:
        what = "Large print" if large else "Clear print"
        raise ValidationError(
            f"{what} comes in {_and([str(s) for s in sizes]).replace(' and ', ' or ')} point, "
            f"not {chosen}.",
            "size",
        )
    # Line spacing 1.4 times the size for large print, 1.3 for clear print; one blank line
    # between paragraphs; margins 20 mm (clear) and 25 mm (large print: level with the address
    # in the envelope window, and wide enough to hold the page by).
    leading = round(chosen * (1.4 if large else 1.3), 1)
    margin = (25 if large else 20) * MM
    return PrintSpec(
        format=fmt,
        size=chosen,
        leading=leading,
        paragraph_space=leading,
        margin=margin,
        letterhead_size=round(chosen * 1.25, 1),
    )


def spec_for_customer(preferred_format: str, large_print_size: int | None) -> PrintSpec:
    """The customer's preferred format from their record (email and standard: clear print;
    braille letters also get a clear-print copy for the file)."""
    if preferred_format == "large_print":
        return print_spec(LetterFormat.LARGE_PRINT, large_print_size or DEFAULT_LARGE_SIZE)
    if preferred_format == "braille":
        return print_spec(LetterFormat.BRAILLE)
    return print_spec(LetterFormat.STANDARD)


# --- the filled-in letter ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LetterContent:
    """A letter ready to set on paper or in braille: all customer text still plain (unescaped)."""

    title: str
    """The PDF title."""
    author: str
    """The office (the PDF author)."""
    letterhead: tuple[str, ...]
    """The office's name first, then its address and how to reach it."""
    recipient: tuple[str, ...]
    """Name, address lines and postcode."""
    date_text: str
    reference: str
    contact_name: str
    subject: str
    blocks: tuple[Block, ...]
    sign_off: tuple[str, ...]
    """'Yours sincerely,', the contact's name, the office, phone and email."""
    contact_phone: str = ""
    contact_email: str = ""


def format_date(d: date) -> str:
    """'Tuesday 24 November 2026': the full form, with no ambiguous numbers."""
    return f"{d:%A} {d.day} {d:%B %Y}"


def build_content(
    template: LetterTemplate,
    values: Mapping[str, str],
    *,
    letterhead: Sequence[str],
    recipient_name: str,
    recipient_address: Sequence[str],
    recipient_postcode: str,
    author: str,
) -> LetterContent:
    """Check the values and fill the template; ValidationError names what is missing."""
    if not recipient_name.strip():
        raise ValidationError("The letter needs the customer's name.", "customer_name")
    address = [line.strip() for line in recipient_address if line.strip()]
    if not address:
        raise ValidationError(
            f"{recipient_name.strip()[:60]} has no address on their record, so a letter cannot "
            "be posted. Add the address to the contact first.",
            "address",
        )
    check_values(template, values)
    lines = [recipient_name.strip(), *address]
    if recipient_postcode.strip():
        lines.append(recipient_postcode.strip())
    contact_name = values.get("contact_name", "").strip()
    phone = values.get("contact_phone", "").strip()
    email = values.get("contact_email", "").strip()
    sign_off = [template.sign_off, contact_name, values.get("office_name", author)]
    if phone:
        sign_off.append(f"Phone: {phone}")
    if email:
        sign_off.append(f"Email: {email}")
    return LetterContent(
        title=f"{template.title} ({values.get('reference', '').strip()})".replace(" ()", ""),
        author=author,
        letterhead=tuple(line for line in letterhead if line.strip()),
        recipient=tuple(lines),
        date_text=values.get("today", ""),
        reference=values.get("reference", ""),
        contact_name=contact_name,
        subject=fill(template.subject, values),
        blocks=tuple(Block(b.kind, fill(b.text, values)) for b in template.body),
        sign_off=tuple(s for s in sign_off if s),
        contact_phone=phone,
        contact_email=email,
    )


def letter_lines(content: LetterContent) -> list[str]:
    """The letter as plain lines, in reading order ("" between blocks): for braille and search."""
    out: list[str] = [*content.letterhead, ""]
    out += [*content.recipient, ""]
    out.append(content.date_text)
    if content.reference:
        out.append(f"Our reference: {content.reference}")
    if content.contact_name:
        out.append(f"Please ask for: {content.contact_name}")
    out += ["", content.subject, ""]
    for block in content.blocks:
        out += block.text.split("\n")
        out.append("")
    out += list(content.sign_off)
    return out


# --- braille-ready file (BRF) -----------------------------------------------------------------------

BRF_CELLS = 40
BRF_LINES = 25
_BRAILLE_DIGITS = "jabcdefghi"  # 0-9 in braille are the letters a-j after the number sign


def braille_page_number(n: int) -> str:
    """'#b' for 2: the number sign and the digits as letters (ASCII braille)."""
    return "#" + "".join(_BRAILLE_DIGITS[int(d)] for d in str(n))


def brf_upper(text: str) -> str:
    """ASCII braille in the upper-case form BRF files use: 0x60-0x7F are the same cells as
    0x40-0x5F ('{' is '[', '~' is '^')."""
    return "".join(chr(ord(c) - 32) if 0x60 <= ord(c) <= 0x7F else c for c in text)


def _wrap(line: str, width: int) -> list[str]:
    if not line:
        return [""]
    out: list[str] = []
    current = ""
    for word in line.split(" "):
        while len(word) > width:  # a braille word longer than a line: break it
            if current:
                out.append(current)
                current = ""
            out.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            out.append(current)
            current = word
    out.append(current)
    return out


def brf_pages(
    braille_lines: Sequence[str], cells: int = BRF_CELLS, lines: int = BRF_LINES
) -> list[list[str]]:
    """Wrap translated lines to ``cells`` and cut them into pages of ``lines`` lines.

    The last line of every page carries the braille page number at its right; blank lines at
    the top of a page are dropped.
    """
    wrapped: list[str] = []
    for line in braille_lines:
        wrapped += _wrap(brf_upper(line.rstrip()), cells)
    per_page = lines - 1
    pages: list[list[str]] = []
    current: list[str] = []
    for line in wrapped:
        if not current and not line:
            continue
        current.append(line)
        if len(current) == per_page:
            pages.append(current)
            current = []
    while current and not current[-1]:
        current.pop()
    if current or not pages:
        pages.append(current)
    out = []
    for number, page in enumerate(pages, start=1):
        body = page + [""] * (per_page - len(page))
        label = brf_upper(braille_page_number(number))
        out.append([*body, " " * (cells - len(label)) + label])
    return out


def brf_text(pages: Sequence[Sequence[str]]) -> str:
    """BRF: CR LF line ends, a form feed after every page."""
    return "".join("\r\n".join(page) + "\r\n\f" for page in pages)


@dataclass(frozen=True, slots=True)
class LetterChoice:
    """What the person chose (or the customer's record says): format and size."""

    format: LetterFormat
    size: int | None = None
    extra_values: Mapping[str, str] = field(default_factory=dict)
