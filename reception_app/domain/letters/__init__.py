"""Letters as data: template parsing and checking, filling, print formats and the braille page.

Pure Python: the wording lives in resources/letters/*.toml, ReportLab drawing in documents/,
the database in services/. Everything here can be tested without a printer or a window.

One module per part: ``templates`` (placeholders, reading and checking a template),
``filling`` (values, promised dates), ``print_formats`` (clear print, large print, braille and
their layout), ``content`` (the filled-in letter), ``brf`` (braille-ready file pages) and
``wording`` (dates and lists in words). Every public name is re-exported here.
"""

from reception_app.domain.letters.brf import (
    BRF_CELLS,
    BRF_LINES,
    braille_page_number,
    brf_pages,
    brf_text,
    brf_upper,
)
from reception_app.domain.letters.content import LetterContent, build_content, letter_lines
from reception_app.domain.letters.filling import (
    PROMISED_DATES,
    check_values,
    fill,
    missing_values,
    parse_letter_date,
    past_date_message,
    past_promises,
)
from reception_app.domain.letters.print_formats import (
    DEFAULT_LARGE_SIZE,
    DEFAULT_STANDARD_SIZE,
    LARGE_SIZES,
    MM,
    STANDARD_SIZES,
    LetterChoice,
    LetterFormat,
    PrintSpec,
    print_spec,
    spec_for_customer,
)
from reception_app.domain.letters.templates import (
    PLACEHOLDERS,
    SOURCE_KINDS,
    STEPS,
    Block,
    LetterTemplate,
    Placeholder,
    TemplateError,
    parse_body,
    parse_template,
    split_placeholders,
)
from reception_app.domain.letters.wording import format_date

__all__ = [
    "BRF_CELLS",
    "BRF_LINES",
    "Block",
    "DEFAULT_LARGE_SIZE",
    "DEFAULT_STANDARD_SIZE",
    "LARGE_SIZES",
    "LetterChoice",
    "LetterContent",
    "LetterFormat",
    "LetterTemplate",
    "MM",
    "PLACEHOLDERS",
    "PROMISED_DATES",
    "Placeholder",
    "PrintSpec",
    "SOURCE_KINDS",
    "STEPS",
    "STANDARD_SIZES",
    "TemplateError",
    "braille_page_number",
    "brf_pages",
    "brf_text",
    "brf_upper",
    "build_content",
    "check_values",
    "fill",
    "format_date",
    "letter_lines",
    "missing_values",
    "parse_body",
    "parse_letter_date",
    "parse_template",
    "past_date_message",
    "past_promises",
    "print_spec",
    "spec_for_customer",
    "split_placeholders",
]
