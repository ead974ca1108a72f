"""Texts and e-mails as rules: keys, mobiles, wording and its length, what Notify's answers mean."""

from __future__ import annotations

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.notifications import (
    Channel,
    NotificationKind,
    backoff,
    check_template_id,
    fill,
    from_delivery_status,
    from_http_error,
    parse_api_key,
    parse_wording,
    sms_fragments,
)
from reception_app.domain.validation import check_uk_mobile, mobile_for_notify
from reception_app.services.notifications.wording_book import shipped, shipped_texts

SERVICE = "26785a09-ab16-4eb0-8407-a37497a57506"
SECRET = "3d844edf-8d35-48ac-975b-e847b4f122b0"


def test_an_api_key_is_its_name_the_service_id_and_the_secret() -> None:
    key = parse_api_key(f"  hellesdon_live-{SERVICE}-{SECRET}\n")
    assert (key.name, key.service_id, key.secret) == ("hellesdon_live", SERVICE, SECRET)
    assert SECRET not in key.masked and key.masked.endswith(SECRET[-4:])
    assert parse_api_key(f"My-Key-{SERVICE.upper()}-{SECRET}").name == "My-Key"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "Paste the API key"),
        (SECRET, "too short"),
        (f"name-{SERVICE}-{SECRET[:-1]}x", "not a Notify API key"),
        (f"{SERVICE}-{SECRET}", "name is missing"),
    ],
)
def test_a_key_of_the_wrong_shape_is_refused_saying_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words) as caught:
        parse_api_key(text)
    assert caught.value.field == "api_key"


def test_template_ids_are_uuids() -> None:
    assert check_template_id(" F33517FF-2A88-4F6E-B855-C550268CE08A ", "t") == (
        "f33517ff-2a88-4f6e-b855-c550268ce08a"
    )
    assert check_template_id("", "t") == ""
    with pytest.raises(ValidationError, match="not a template id"):
        check_template_id("my template", "sms_template")


@pytest.mark.parametrize(
    ("typed", "shown", "for_notify"),
    [
        ("07700 900123", "07700 900123", "+447700900123"),
        ("+44 7911 123456", "07911 123456", "+447911123456"),
        ("07700900002", "07700 900002", "+447700900002"),
    ],
)
def test_uk_mobiles_are_accepted_and_written_as_notify_wants(
    typed: str, shown: str, for_notify: str
) -> None:
    assert check_uk_mobile(typed) == shown
    assert mobile_for_notify(shown) == for_notify


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("01603 301751", "not a mobile number, so it cannot receive texts"),
        ("+33 6 12 34 56 78", "not a UK number"),
        ("0770090012", "has 10 digits; UK numbers have 11"),
        ("call me", "not a mobile number"),
    ],
)
def test_anything_but_a_uk_mobile_gets_a_plain_message(typed: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        check_uk_mobile(typed)


def test_text_fragments_count_as_notify_charges() -> None:
    assert sms_fragments("a" * 160) == 1
    assert sms_fragments("a" * 161) == 2
    assert sms_fragments("a" * 306) == 2
    assert sms_fragments("a" * 307) == 3
    assert sms_fragments("[" * 80) == 1 and sms_fragments("[" * 81) == 2  # count double
    assert sms_fragments("ŵ" * 70) == 1 and sms_fragments("ŵ" * 71) == 2  # Unicode
    assert sms_fragments("It’s “ready” – now") == 1  # typographic marks are downgraded


def test_every_shipped_wording_reads_and_covers_every_kind() -> None:
    book = shipped()
    assert set(book) == set(NotificationKind)
    assert set(shipped_texts()) == {k.value for k in NotificationKind}
    assert Channel.EMAIL in book[NotificationKind.HOLDING_RESPONSE].channels
    assert book[NotificationKind.NEARLY_UP].channels == {Channel.SMS}


LONGEST = {
    "office_name": "North Norfolk District Council",
    "office_phone": "01263 513811",
    "ticket": "C114",
    "minutes": "about 10 minutes",
    "desk": "Desk 10",
    "date": "Wednesday 30 September",
    "time": "11:45",
    "new_time": "12:30",
    "previous_date": "Wednesday 30 September",
    "previous_time": "11:45",
    "place": "Interview room 2, Diamond Jubilee Lodge",
    "directions": "Use the side door in Woodview Road.",
    "service": "Planning enquiry",
    "reason": "The officer is held up at a previous appointment.",
    "reference": "COR-2026-00123",
    "reply_date": "Friday 4 December",
    "callback_date": "Wednesday 30 September",
    "callback_time": "16:00",
}


@pytest.mark.parametrize(
    "kind", [k for k in NotificationKind if Channel.SMS in shipped()[k].channels]
)
def test_every_text_fits_one_or_two_fragments_with_long_values(kind: NotificationKind) -> None:
    message = fill(shipped()[kind], Channel.SMS, LONGEST)
    assert "{" not in message.body
    assert message.fragments <= 2, (kind, len(message.body), message.body)
    if kind in (NotificationKind.NEARLY_UP, NotificationKind.CALLED, NotificationKind.TEST):
        assert message.fragments == 1, message.body


def test_a_value_not_given_takes_its_line_with_it() -> None:
    wording = shipped()[NotificationKind.APPOINTMENT_CONFIRMED]
    message = fill(wording, Channel.EMAIL, {**LONGEST, "directions": ""})
    assert "How to find us" not in message.body
    assert "Where: Interview room 2" in message.body
    assert message.subject == "Your appointment on Wednesday 30 September at 11:45"


@pytest.mark.parametrize(
    ("key", "text", "words"),
    [
        ("nearly_up", 'sms = "Hello {name}"', r"uses \{name\}"),
        ("goodbye", 'sms = "Hi"', "not a notification Reception sends"),
        ("called", 'title = "Nothing"', "would send nothing"),
        ("called", 'email_body = "Hi"', "without 'email_subject'"),
        ("called", 'sms = "Hi {ticket"', "brace"),
        ("called", "sms = ", "cannot be read"),
    ],
)
def test_a_broken_wording_file_is_named_with_what_is_wrong(key: str, text: str, words: str) -> None:
    with pytest.raises(ValidationError, match=words):
        parse_wording(key, text)


def test_notifys_refusals_become_plain_words_and_a_retry_decision() -> None:
    bad_number = from_http_error(
        400, [{"error": "ValidationError", "message": "phone_number Not a UK mobile number"}]
    )
    assert not bad_number.retry
    assert bad_number.words == "The mobile number was refused by Notify: not a UK mobile number."
    key = from_http_error(
        403, [{"error": "AuthError", "message": "Invalid token: API key not found"}]
    )
    assert key.retry and key.wrong_key and "Settings" in key.words
    assert from_http_error(429, [{"error": "RateLimitError", "message": "Exceeded"}]).retry
    daily = from_http_error(
        429, [{"error": "TooManyRequestsError", "message": "Exceeded send limits (50) for today"}]
    )
    assert daily.retry and "daily limit" in daily.words
    assert from_http_error(500, [{"error": "Exception", "message": "Internal server error"}]).retry
    assert from_http_error(0, "Request failed").retry
    template = from_http_error(400, [{"error": "BadRequestError", "message": "Template not found"}])
    assert not template.retry and "template" in template.words


def test_delivery_statuses() -> None:
    assert from_delivery_status("sending") is None
    assert from_delivery_status("delivered") is not None
    assert from_delivery_status("delivered").delivered  # type: ignore[union-attr]
    wrong = from_delivery_status("permanent-failure")
    assert wrong is not None and not wrong.retry and "does not exist" in wrong.words
    technical = from_delivery_status("technical-failure")
    assert technical is not None and technical.retry


def test_backoff_doubles_up_to_half_an_hour() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20).total_seconds() == 1800


def test_a_text_gives_up_long_directions_to_keep_within_two_fragments() -> None:
    from reception_app.domain.notifications import fill_to_fit

    wording = shipped()[NotificationKind.APPOINTMENT_CONFIRMED]
    long_directions = (
        "Diamond Jubilee Lodge is on Woodview Road, next to the Hellesdon community centre. "
        "The entrance is step-free; please report to the reception window. " * 3
    )
    values = {**LONGEST, "directions": long_directions}
    text = fill_to_fit(wording, Channel.SMS, values)
    assert text.fragments <= 2
    assert "next to the Hellesdon community centre." in text.body
    assert "step-free" not in text.body
    email = fill_to_fit(wording, Channel.EMAIL, values)
    assert email.body.count("step-free") == 3, "the e-mail keeps every word"
    huge = {**LONGEST, "directions": "x" * 400}
    assert fill_to_fit(wording, Channel.SMS, huge).fragments <= 2
