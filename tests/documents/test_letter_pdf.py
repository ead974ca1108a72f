"""Letters set by ReportLab, read back: text, sizes, page numbers, margins, metadata, braille."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reception_app.documents.braille import (
    BrailleUnavailable,
    find_translator,
    render_brf,
    translate_lines,
)
from reception_app.documents.letter_pdf import render_letter_pdf
from reception_app.domain.letters import (
    BRF_CELLS,
    BRF_LINES,
    LARGE_SIZES,
    LetterContent,
    PrintSpec,
    build_content,
    parse_template,
    print_spec,
)
from tests.documents.pdf_checks import read_pdf, squash

NAMES = ["Zoë Adams", "Łukasz Nowak", "Siobhán O'Neill", "Gwenllïan ap Ŵyn"]
HOSTILE = ["<font size=1>", "A & B <b>"]

TEMPLATE = parse_template(
    "test",
    'title = "Test letter"\nsubject = "About {about}"\nbody = """\nDear {customer_name},\n\n'
    + "\n\n".join(
        f"Paragraph {i}: we have your letter about {{about}} and will reply soon." for i in range(8)
    )
    + '\n\n## What next\n\nCall {contact_name} on {contact_phone}.\n"""\n',
)


def content(
    name: str = "Zoë Adams", address: tuple[str, ...] = ("1 High Street", "Hellesdon")
) -> LetterContent:
    values = {
        "customer_name": name,
        "about": "A & B <b> and <font size=1> tiny",
        "contact_name": "Łukasz Nowak",
        "contact_phone": "01603 301751",
        "contact_email": "contact@hellesdon-pc.gov.uk",
        "office_name": "Hellesdon Parish Council",
        "today": "Tuesday 24 November 2026",
        "reference": "C-00001",
    }
    return build_content(
        TEMPLATE,
        values,
        letterhead=[
            "Hellesdon Parish Council",
            "Diamond Jubilee Lodge",
            "Woodview Road",
            "NR6 5QB",
        ],
        recipient_name=name,
        recipient_address=address,
        recipient_postcode="NR6 5QB",
        author="Hellesdon Parish Council",
    )


def check_layout(pdf: bytes, spec: PrintSpec) -> str:
    facts = read_pdf(pdf, margin=spec.margin)
    assert facts.outside == [] and facts.in_margin == []
    assert facts.font_sizes <= {float(spec.size), spec.letterhead_size}
    assert float(spec.size) in facts.font_sizes
    assert all("Italic" not in f and "Oblique" not in f for f in facts.fonts)
    assert any("AtkinsonHyperlegibleNext-Regular" in f for f in facts.fonts)
    total = len(facts.pages)
    for number, text in enumerate(facts.pages, start=1):
        assert f"Page {number} of {total}" in text
    assert facts.metadata["/Title"] == "Test letter (C-00001)"
    assert facts.metadata["/Author"] == "Hellesdon Parish Council"
    assert facts.language == "en-GB"
    return squash(" ".join(facts.pages))


@pytest.mark.parametrize(
    "spec",
    [print_spec("standard", s) for s in (12, 13, 14)]
    + [print_spec("large_print", s) for s in LARGE_SIZES],
    ids=lambda s: s.label,
)
def test_every_size_prints_the_names_at_the_chosen_size_inside_the_margins(spec: PrintSpec) -> None:
    for name in NAMES:
        text = check_layout(render_letter_pdf(content(name), spec), spec)
        assert name in text
        assert "Tuesday 24 November 2026" in text and "Our reference: C-00001" in text
        assert "Please ask for: Łukasz Nowak" in text


def test_markup_in_customer_text_prints_literally() -> None:
    spec = print_spec("large_print", 18)
    for name in HOSTILE:
        pdf = render_letter_pdf(content(name, (name, "Flat <i>2</i> & more")), spec)
        text = check_layout(pdf, spec)
        assert f"Dear {name}," in text
        assert "A & B <b> and <font size=1> tiny" in text
        assert "Flat <i>2</i> & more" in text


def test_a_300_character_name_and_long_address_wrap_and_stay_on_the_page() -> None:
    long_name = "Gwenllïan" + "ŴynapŁukasz" * 27  # 300 characters, no spaces to break at
    assert len(long_name) >= 300
    address = (
        "Flat 12, The Old Granary Building, Upper Market Street Business Quarter, "
        "behind the former Co-operative department store on the corner",
        "Hellesdon",
    )
    for spec in (print_spec("standard"), print_spec("large_print", 24)):
        pdf = render_letter_pdf(content(long_name, address), spec)
        # A block may carry on over a page break: read the text without the page numbers.
        text = re.sub(r"Page \d+ of \d+", "", check_layout(pdf, spec)).replace(" ", "")
        assert long_name in text
        assert "behindtheformerCo-operativedepartmentstoreonthecorner" in text


def test_large_print_takes_more_pages_and_every_page_is_numbered(tmp_path: Path) -> None:
    small = read_pdf(render_letter_pdf(content(), print_spec("standard", 12)))
    large = read_pdf(render_letter_pdf(content(), print_spec("large_print", 24)))
    assert len(large.pages) > len(small.pages)


needs_liblouis = pytest.mark.skipif(
    find_translator() is None,
    reason="liblouis is not installed (make test installs liblouis-bin as root)",
)


@needs_liblouis
def test_braille_is_ueb_grade_2_in_40_by_25_pages() -> None:
    program = find_translator()
    assert program is not None
    brf = render_brf(content("Zoë Adams"), program)
    pages = brf.split("\f")[:-1]
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        lines = (
            page.strip("\r\n").split("\r\n") if number > 1 else page.rstrip("\r\n").split("\r\n")
        )
        assert len(lines) == BRF_LINES
        assert all(len(line) <= BRF_CELLS for line in lines)
        assert lines[-1].strip().startswith("#")
    assert brf.isascii() and brf == brf.upper()
    # Grade 2 contractions: "the" is one cell (!), "and" is & in UEB.
    assert translate_lines(["the cat and the dog"], program) == ["! cat & ! dog"]


def test_a_missing_translator_is_reported_not_crashed(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-lou_translate")
    assert find_translator(missing) is None
    with pytest.raises(BrailleUnavailable):
        translate_lines(["hello"], missing)
