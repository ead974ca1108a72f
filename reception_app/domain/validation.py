"""Checks for contact details typed at the desk: UK phone numbers, email addresses, postcodes.

Each ``check_*`` returns the cleaned value or raises ValidationError with a message to show
next to the field.
"""

from __future__ import annotations

import re

import phonenumbers

from reception_app.domain.errors import ValidationError
from reception_app.domain.text_rules import character_name, check_text

# The UK postcode shape (outward code, space, inward code); BFPO and GIR 0AA are accepted too.
_POSTCODE = re.compile(
    r"^(GIR ?0AA|BFPO ?\d{1,4}|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})$"
)
# Deliberately simple: one @, a dot in the domain, no spaces. Full RFC 5322 rejects nothing useful.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def check_postcode(text: str, field: str = "postcode") -> str:
    """'nr65qb' -> 'NR6 5QB'; empty stays empty. ASCII letters and digits only (an Arabic-Indic
    six looks like a digit to a regular expression but no sorting office reads it)."""
    text = check_text(text, field, "The postcode")
    for index, c in enumerate(text):
        if not c.isascii() and not c.isspace():
            raise ValidationError(
                f"The postcode has '{c}' ({character_name(c)}) at character {index + 1}; "
                "postcodes use the letters A to Z and the digits 0 to 9 only.",
                field,
            )
    compact = re.sub(r"\s+", "", text).upper()
    if not compact:
        return ""
    if not _POSTCODE.match(compact):
        raise ValidationError(
            f"'{text.strip()}' is not a UK postcode. It should look like NR6 5QB.", field
        )
    if compact.startswith(("GIR", "BFPO")):
        return compact[:3] + " " + compact[3:] if compact.startswith("GIR") else compact
    return f"{compact[:-3]} {compact[-3:]}"


def check_email(text: str, field: str = "email") -> str:
    value = check_text(text, field, "The email address").strip()
    if not value:
        return ""
    if not _EMAIL.match(value):
        raise ValidationError(
            f"'{value}' is not an email address. It should look like name@example.co.uk.", field
        )
    return value


def check_phone(text: str, field: str = "phone") -> str:
    """A UK or international number, formatted for display; empty stays empty."""
    value = check_text(text, field, "The phone number").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            f"'{value}' is not a phone number. Type it like 01603 301751.", field
        ) from None
    # The drama range is how Notify's test numbers reach a contact (trials with a test key).
    if not (_drama_range(number) or phonenumbers.is_valid_number(number)):
        raise ValidationError(_invalid_number(value, number), field)
    fmt = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 44
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return phonenumbers.format_number(number, fmt)


def check_uk_mobile(text: str, field: str = "mobile") -> str:
    """A UK mobile number for text messages (07..., or +44 7...), formatted; empty stays empty."""
    value = check_text(text, field, "The mobile number").strip()
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        raise ValidationError(
            f"'{value}' is not a mobile number. Type it like 07700 900123.", field
        ) from None
    if number.country_code != 44:
        raise ValidationError(
            f"'{value}' is not a UK number: texts can only go to a UK mobile (07...).", field
        )
    if not (_drama_range(number) or phonenumbers.is_valid_number(number)):
        raise ValidationError(_invalid_number(value, number), field)
    kinds = (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE)
    if not _drama_range(number) and phonenumbers.number_type(number) not in kinds:
        raise ValidationError(
            f"'{value}' is not a mobile number, so it cannot receive texts. Give a mobile "
            "number (07...), or leave it empty.",
            field,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)


def _invalid_number(value: str, number: phonenumbers.PhoneNumber) -> str:
    """What is actually wrong with a number that parsed but is not in use: its length, or (with
    the right length) its first digits."""
    national = str(number.national_number)
    start = f"'{value}' is not a valid phone number:"
    if number.country_code != 44:
        return f"{start} no number in use in the country with code +{number.country_code} looks like it."
    typed = value.strip()
    international = typed.startswith(("+", "00"))
    # The digits as typed: '12345' has 5; '+44 7911 12345' counts as its national form, 0 first.
    digits = len(national) + 1 if international else sum(c.isdigit() for c in typed)
    if digits == 11:
        return (
            f"{start} it has the right number of digits, but no UK number in use starts "
            f"0{national[:4]}. Check the first digits."
        )
    return (
        f"{start} it has {digits} digits; UK numbers have 11 (a few, such as some 0800 "
        "numbers, have 10). Check for a missing or extra digit."
    )


def _drama_range(number: phonenumbers.PhoneNumber) -> bool:
    """07700 900000-900999: Ofcom keeps it for drama and tests (Notify's test numbers)."""
    national = str(number.national_number)
    return len(national) == 10 and national.startswith("7700900")


def mobile_for_notify(text: str) -> str:
    """A checked UK mobile as Notify wants it: +447700900123."""
    number = phonenumbers.parse(text, "GB")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def check_required(text: str, field: str, label: str, max_length: int = 300) -> str:
    value = check_text(text, field, label).strip()
    if not value:
        raise ValidationError(f"{label} is needed.", field)
    if len(value) > max_length:
        raise ValidationError(
            f"{label} is too long ({len(value)} characters; at most {max_length}).", field
        )
    return value


def check_length(text: str, field: str, label: str, max_length: int) -> str:
    text = check_text(text, field, label)
    if len(text) > max_length:
        raise ValidationError(
            f"{label} is too long ({len(text)} characters; at most {max_length}).", field
        )
    return text
