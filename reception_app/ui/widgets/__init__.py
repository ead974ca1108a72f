"""Reusable pieces of the screens: headings, text boxes, field errors, the contact finder,
date fields, tables. Each lives in its own module; the names used everywhere are here too."""

from reception_app.ui.widgets.filtered_table import FilteredTable, filtered_table
from reception_app.ui.widgets.heading import Heading
from reception_app.ui.widgets.text_box import TextBox

__all__ = ["FilteredTable", "Heading", "TextBox", "filtered_table"]
