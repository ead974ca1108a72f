"""The numbers in a report's words, in their own columns for a spreadsheet.

The report writes figures one way each ('4.4 min', '88% (14 of 16)', '54', '15 minutes');
this reads them back so the summary CSV can put each number in a column whose header carries
the unit, and a spreadsheet can sum them. Text that is not one number stays text only.
"""

from __future__ import annotations

import re

NUMBER_HEADERS = ("Count", "Minutes", "Percent (%)", "Met (count)", "Out of (count)")
"""The numeric columns of the summary CSV, after the figure as shown."""

_MINUTES = re.compile(r"([+-]?\d+(?:\.\d+)?) (?:min|minutes?)")
_SHARE = re.compile(r"(\d+)% \((\d+) of (\d+)\)")
_PERCENT = re.compile(r"(\d+)%")
_COUNT = re.compile(r"-?\d+(?:\.\d+)?")


def number_cells(text: str) -> tuple[str, str, str, str, str]:
    """('', '4.4', '', '', '') for '4.4 min'; ('', '', '88', '14', '16') for '88% (14 of 16)';
    ('54', ...) for '54'; all empty for words."""
    value = text.strip()
    if match := _MINUTES.fullmatch(value):
        return ("", match.group(1), "", "", "")
    if match := _SHARE.fullmatch(value):
        return ("", "", match.group(1), match.group(2), match.group(3))
    if match := _PERCENT.fullmatch(value):
        return ("", "", match.group(1), "", "")
    if _COUNT.fullmatch(value):
        return (value, "", "", "", "")
    return ("", "", "", "", "")
