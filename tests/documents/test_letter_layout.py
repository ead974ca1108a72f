"""Every shipped letter at every size, with typical and long values, through the layout check
(letter_check.py): the address in the window, keep-together rules, page budgets, sizes, fonts."""

from __future__ import annotations

import pytest

from reception_app.documents.letter_pdf import render_letter_pdf
from reception_app.domain.letters import LetterContent, PrintSpec, build_content, parse_template
from reception_app.domain.letters import print_spec as spec_for
from reception_app.services.letter_service import load_shipped_templates
from tests.documents.layout_check import assert_clean, read
from tests.documents.letter_check import letter_problems
from tests.services.letter_fixtures import EXTRA

TEMPLATES = load_shipped_templates()
SIZES = [("standard", 12), ("standard", 14), *(("large_print", s) for s in (16, 18, 20, 24))]

LETTERHEAD = [
    "Hellesdon Parish Council",
    "Diamond Jubilee Lodge, Woodview Road, Hellesdon, Norwich, NR6 5QB",
    "Phone: 01603 301751",
    "Email: contact@hellesdon-pc.gov.uk",
    "Website: www.hellesdon-pc.gov.uk",
]

TYPICAL = {
    **EXTRA,
    "customer_name": "Edith Marchbanks",
    "office_name": "Hellesdon Parish Council",
    "office_site": "Diamond Jubilee Lodge",
    "office_address": "Diamond Jubilee Lodge, Woodview Road, Hellesdon, Norwich, NR6 5QB",
    "office_phone": "01603 301751",
    "office_email": "contact@hellesdon-pc.gov.uk",
    "office_website": "www.hellesdon-pc.gov.uk",
    "office_directions": "We are in Diamond Jubilee Lodge on Woodview Road, beside the "
    "recreation ground. There is parking at the front.",
    "complaints_procedure": "You can make a formal complaint in writing to the Parish Clerk, who "
    "will reply within 20 working days.",
    "today": "Tuesday 24 November 2026",
    "reference": "EM-000012",
    "contact_name": "Łukasz Nowak",
    "contact_phone": "01603 301751",
    "contact_email": "lnowak@hellesdon-pc.gov.uk",
    "holding_reason": "We are waiting for a report from the tree officer.",
}

LONG = {
    **TYPICAL,
    "customer_name": "Gwenllïan ap Ŵyn-Fitzgerald O'Neill",
    "about": "the overgrown hedge and the fallen branches on the footpath between Woodview "
    "Road and the recreation ground, which you say make it hard to pass with a pushchair",
    "holding_reason": "We asked the county council's highways team to inspect the footpath, "
    "because the land belongs to them and not to the parish. They have told us they will visit "
    "within the next three weeks. We cannot decide what to do about the hedge until we have "
    "their report, and we do not want to give you an answer that later turns out to be wrong.",
    "change_reason": "The officer you were due to see is unwell, and nobody else who knows your "
    "case can see you that day. We are sorry for the short notice.",
    "office_directions": "We are in Diamond Jubilee Lodge on Woodview Road, beside the "
    "recreation ground. There is parking at the front and a level entrance at the side. The 21 "
    "and 22 buses stop outside. If you need help finding us, please call before you come.",
    "complaints_procedure": "If you are not satisfied, tell us and we will try to put it right "
    "straight away. If we cannot, you can make a formal complaint in writing to the Parish "
    "Clerk, who will acknowledge it within 5 working days and reply in full within 20 working "
    "days. If you are still not satisfied, you can ask the Local Government and Social Care "
    "Ombudsman to look at it.",
    "contact_email": "lukasz.nowak-wisniewski@hellesdon-pc.gov.uk",
}

TYPICAL_ADDRESS = ("Edith Marchbanks", "42 Drayton High Road", "Sheringham", "NR26 2QD")
LONG_ADDRESS = (
    "Gwenllïan ap Ŵyn-Fitzgerald O'Neill",
    "Flat 12, The Old Granary",
    "Upper Market Street",
    "Sheringham",
    "Norfolk",
    "NR26 8AB",
)

# Pages allowed, by size: the budgets for the two short letters with typical values
# (one page at 14 pt, two at 20), and what every letter takes now, so none grows unnoticed.
SHORT_LETTERS = {12: 1, 14: 1, 16: 2, 18: 2, 20: 2, 24: 3}
EVERY_LETTER = {12: 1, 14: 2, 16: 2, 18: 3, 20: 3, 24: 3}
LONG_VALUES = {**EVERY_LETTER, 24: 4}


def letter(key: str, values: dict[str, str], address: tuple[str, ...]) -> LetterContent:
    return build_content(
        parse_template(key, TEMPLATES[key]),
        values,
        letterhead=LETTERHEAD,
        recipient_name=address[0],
        recipient_address=address[1:-1],
        recipient_postcode=address[-1],
        author="Hellesdon Parish Council",
    )


def budget(key: str, size: int, long: bool) -> int:
    if long:
        return LONG_VALUES[size]
    if key in ("holding_response", "acknowledgement"):
        return SHORT_LETTERS[size]
    return EVERY_LETTER[size]


@pytest.mark.parametrize(("fmt", "size"), SIZES, ids=[f"{f}-{s}" for f, s in SIZES])
@pytest.mark.parametrize("long", [False, True], ids=["typical", "long"])
def test_every_letter_passes_the_layout_check(fmt: str, size: int, long: bool) -> None:
    spec: PrintSpec = spec_for(fmt, size)
    for key in TEMPLATES:
        content = letter(key, LONG if long else TYPICAL, LONG_ADDRESS if long else TYPICAL_ADDRESS)
        pdf = render_letter_pdf(content, spec)
        assert_clean(letter_problems(pdf, content, spec, budget(key, size, long)), key)


@pytest.mark.parametrize("key", ["holding_response", "acknowledgement"])
def test_the_short_letters_fit_one_page_at_14_pt_and_two_at_20(key: str) -> None:
    for size, pages in ((14, 1), (20, 2)):
        fmt = "standard" if size == 14 else "large_print"
        content = letter(key, TYPICAL, TYPICAL_ADDRESS)
        pdf = render_letter_pdf(content, spec_for(fmt, size))
        assert len(read(pdf).pages) <= pages, (key, size)
