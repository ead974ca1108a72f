"""Letter templates as data: parsing, the placeholder check, formats and the braille page."""

from __future__ import annotations

from importlib import resources

import pytest

from reception_app.domain.errors import ValidationError
from reception_app.domain.letters import (
    BRF_CELLS,
    BRF_LINES,
    LARGE_SIZES,
    PLACEHOLDERS,
    LetterFormat,
    TemplateError,
    braille_page_number,
    brf_pages,
    brf_text,
    brf_upper,
    build_content,
    check_values,
    fill,
    parse_template,
    print_spec,
    spec_for_customer,
)

REQUIRED = {
    "appointment_confirmation",
    "appointment_changed",
    "appointment_cancelled",
    "acknowledgement",
    "holding_response",
    "callback_confirmation",
    "information_request_acknowledgement",
    "complaint_acknowledgement",
    "not_satisfied",
}


def shipped() -> dict[str, str]:
    folder = resources.files("reception_app.resources").joinpath("letters")
    return {
        f.name.removesuffix(".toml"): f.read_text(encoding="utf-8")
        for f in folder.iterdir()
        if f.name.endswith(".toml")
    }


def test_every_letter_the_issue_lists_is_shipped_and_every_placeholder_is_known() -> None:
    templates = {key: parse_template(key, raw) for key, raw in shipped().items()}
    assert REQUIRED <= set(templates)
    for template in templates.values():
        assert set(template.placeholders) <= set(PLACEHOLDERS)
        assert template.body and template.title and template.subject
    assert "response_date" in templates["acknowledgement"].placeholders
    assert {"holding_reason", "expected_date"} <= set(templates["holding_response"].placeholders)
    assert "statutory_deadline" in templates["information_request_acknowledgement"].placeholders
    assert "complaints_procedure" in templates["complaint_acknowledgement"].placeholders


def test_shipped_templates_are_plain_english_short_sentences_no_jargon() -> None:
    for key, raw in shipped().items():
        template = parse_template(key, raw)
        for block in template.body:
            for sentence in block.text.replace("\n", ". ").split(". "):
                assert len(sentence.split()) <= 30, (key, sentence)
        text = " ".join(b.text for b in template.body).lower()
        for jargon in ("herewith", "aforementioned", "pursuant", "henceforth", "hereby"):
            assert jargon not in text, (key, jargon)


def test_headings_paragraphs_and_literal_braces() -> None:
    template = parse_template(
        "t",
        'title = "T"\nsubject = "S {customer_name}"\nbody = """\nDear {customer_name},\n\n'
        '## Next\n\nLine one {{not a placeholder}}\nLine two\n"""\n',
    )
    assert [b.kind for b in template.body] == ["paragraph", "heading", "paragraph"]
    assert template.body[1].text == "Next"
    assert template.placeholders == ("customer_name",)
    assert fill(template.body[2].text, {}) == "Line one {not a placeholder}\nLine two"


def test_an_unknown_placeholder_is_named_with_its_line() -> None:
    raw = 'title = "T"\nsubject = "S"\nbody = """\nDear {customer_name},\n\nReply by {respnse_date}.\n"""\n'
    with pytest.raises(TemplateError) as caught:
        parse_template("ack", raw)
    message = str(caught.value)
    assert "ack.toml, line 6" in message and "{respnse_date}" in message
    assert caught.value.field == "template"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ("Dear {customer_name,\n", ["line 4", "not closed"]),
        ("Dear customer_name},\n", ["line 4", "no matching"]),
        ("Hello\n\nDear {Customer Name},\n", ["line 6", "not a placeholder name"]),
        ("Dear {},\n", ["not a placeholder name"]),
    ],
)
def test_syntax_errors_are_named_with_their_line(body: str, words: list[str]) -> None:
    raw = f'title = "T"\nsubject = "S"\nbody = """\n{body}"""\n'
    with pytest.raises(TemplateError) as caught:
        parse_template("x", raw)
    for word in words:
        assert word in str(caught.value)


def test_broken_toml_missing_parts_and_unknown_settings_are_refused() -> None:
    with pytest.raises(TemplateError, match="x.toml cannot be read"):
        parse_template("x", 'title = "T\nbody = 1')
    with pytest.raises(TemplateError, match="needs a body"):
        parse_template("x", 'title = "T"\nsubject = "S"\n')
    with pytest.raises(TemplateError, match="'colour' is not a template setting"):
        parse_template("x", 'title = "T"\nsubject = "S"\nbody = "B"\ncolour = "red"\n')
    with pytest.raises(TemplateError, match="sources"):
        parse_template("x", 'title = "T"\nsubject = "S"\nbody = "B"\nsources = ["fax"]\n')
    with pytest.raises(TemplateError, match="line 4: records names the correspondence step"):
        parse_template("x", 'title = "T"\nsubject = "S"\nbody = "B"\nrecords = "close"\n')
    answer = parse_template("x", 'title = "T"\nsubject = "S"\nbody = "B"\nrecords = "respond"\n')
    assert answer.records == "respond"
    assert parse_template("ack", shipped()["acknowledgement"]).records == "acknowledge"


def test_missing_values_are_named_in_plain_words() -> None:
    template = parse_template("ack", shipped()["acknowledgement"])
    with pytest.raises(ValidationError) as caught:
        check_values(template, {"customer_name": "Zoë"})
    assert "the date we will reply by" in str(caught.value)
    assert caught.value.field == "values"


def test_clear_print_and_large_print_sizes_and_spacing() -> None:
    standard = print_spec("standard")
    assert standard.size == 14 and standard.format is LetterFormat.STANDARD
    assert print_spec("standard", 12).size == 12
    specs = [print_spec(LetterFormat.LARGE_PRINT, s) for s in LARGE_SIZES]
    assert print_spec("large_print").size == 18
    for smaller, larger in zip(specs, specs[1:], strict=False):
        assert larger.leading > smaller.leading
        assert larger.paragraph_space > smaller.paragraph_space
        assert larger.margin >= smaller.margin
    assert all(s.leading >= 1.4 * s.size - 0.1 for s in specs)
    assert specs[0].margin > standard.margin


@pytest.mark.parametrize(
    ("fmt", "size"), [("large_print", 17), ("large_print", 12), ("standard", 16), ("standard", 11)]
)
def test_an_unknown_font_size_is_refused_on_the_size_field(fmt: str, size: int) -> None:
    with pytest.raises(ValidationError) as caught:
        print_spec(fmt, size)
    assert caught.value.field == "size" and str(size) in str(caught.value)


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        print_spec("crayon")
    assert caught.value.field == "format"


def test_the_customers_preferred_format_is_applied() -> None:
    assert spec_for_customer("large_print", 24).size == 24
    assert spec_for_customer("large_print", None).size == 18
    assert spec_for_customer("braille", None).format is LetterFormat.BRAILLE
    assert spec_for_customer("email", None).format is LetterFormat.STANDARD


def test_a_letter_without_an_address_is_refused() -> None:
    template = parse_template("n", 'title = "T"\nsubject = "S"\nbody = "Dear {customer_name}"\n')
    with pytest.raises(ValidationError) as caught:
        build_content(
            template,
            {"customer_name": "Zoë"},
            letterhead=["Office"],
            recipient_name="Zoë",
            recipient_address=["", "  "],
            recipient_postcode="NR6 5QB",
            author="Office",
        )
    assert caught.value.field == "address"


def test_braille_numbers_and_the_upper_case_brf_form() -> None:
    assert braille_page_number(1) == "#a"
    assert braille_page_number(20) == "#bj"
    assert brf_upper(",de> ,zo~3e {x}") == ",DE> ,ZO^3E [X]"


def test_brf_pages_are_40_cells_by_25_lines_with_page_numbers() -> None:
    lines = [("word " * 30).strip()] * 20 + ["", "x" * 95]
    pages = brf_pages(lines)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert len(page) == BRF_LINES
        assert all(len(line) <= BRF_CELLS for line in page)
        assert page[-1].strip() == brf_upper(braille_page_number(number))
        assert page[-1].endswith(page[-1].strip())
    text = brf_text(pages)
    assert text.count("\f") == len(pages) and "\r\n" in text
    assert text.isascii()


@pytest.mark.parametrize("typed", ["2026-12-18", "18/12/2026", "18 Dec 2026"])
def test_a_date_typed_short_is_written_out_in_the_letter(typed: str) -> None:
    """'--set response_date=2026-12-18' read 'We will reply in full by 2026-12-18.'"""
    template = parse_template(
        "n", 'title = "T"\nsubject = "S"\nbody = "We will reply by {response_date}."\n'
    )
    content = build_content(
        template,
        {"response_date": typed, "reference": "EM-000001"},
        letterhead=["Office"],
        recipient_name="Zoë",
        recipient_address=["1 High Street"],
        recipient_postcode="NR6 5QB",
        author="Office",
    )
    assert [b.text for b in content.blocks] == ["We will reply by Friday 18 December 2026."]
