"""Reusable pieces of the screens, one module each.

Headings, text boxes, field errors, the contact finder, date fields, tables; the names used
everywhere are importable from here too.
"""

from reception_app.ui.widgets.filtered_table import FilteredTable, filtered_table
from reception_app.ui.widgets.heading import Heading
from reception_app.ui.widgets.text_box import TextBox

__all__ = ["FilteredTable", "Heading", "TextBox", "filtered_table"]
